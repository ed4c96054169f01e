package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * 120,000 hostile payloads through both decoders: none throws, every one is refused with a reason.
 */
class HostileInputTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyHostilePayloadIsRefusedWithAReasonAndNothingThrows() {
        InspectionDecoder inspections =
                new InspectionDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);
        ReadingDecoder readings =
                new ReadingDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);
        HostilePayloads hostile = new HostilePayloads(99);
        Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
        int n = 120_000;

        for (int i = 0; i < n; i++) {
            boolean inspection = i % 2 == 0;
            byte[] payload = hostile.next(i / 2, inspection);
            Decoded<?> d = inspection ? inspections.decode(payload) : readings.decode(payload);
            assertThat(d)
                    .as(
                            "payload %d was accepted: %s",
                            i, new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                    .isInstanceOf(Decoded.Rejected.class);
            Decoded.Rejected<?> r = (Decoded.Rejected<?>) d;
            assertThat(r.detail()).isNotBlank().doesNotContain("\n");
            assertThat(r.detail().length()).isLessThan(400);
            reasons.merge(r.reason(), 1L, Long::sum);
        }

        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
        assertThat(reasons)
                .containsKeys(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.OVERSIZED,
                        RejectReason.WRONG_TYPE,
                        RejectReason.IMPOSSIBLE_VALUE,
                        RejectReason.FUTURE_TIMESTAMP);
        // The record-size limit holds before any parsing: 17 KB of padding is OVERSIZED, always.
        assertThat(reasons.get(RejectReason.OVERSIZED))
                .isGreaterThanOrEqualTo(n / HostilePayloads.KINDS);
    }

    @Test
    void theValidTemplatesThemselvesAreAccepted() {
        assertThat(
                        new InspectionDecoder(
                                        ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK)
                                .decode(
                                        HostilePayloads.VALID_INSPECTION.getBytes(
                                                java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Ok.class);
        assertThat(
                        new ReadingDecoder(
                                        ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK)
                                .decode(
                                        HostilePayloads.VALID_READING.getBytes(
                                                java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(Decoded.Ok.class);
    }
}
