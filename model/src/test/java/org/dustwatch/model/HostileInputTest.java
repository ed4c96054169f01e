package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
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
            HostilePayloads.Hostile h = hostile.hostile(i / 2, inspection);
            byte[] payload = h.payload();
            Decoded<?> d = inspection ? inspections.decode(payload) : readings.decode(payload);
            assertThat(d)
                    .as(
                            "payload %d was accepted: %s",
                            i, new String(payload, java.nio.charset.StandardCharsets.UTF_8))
                    .isInstanceOf(Decoded.Rejected.class);
            Decoded.Rejected<?> r = (Decoded.Rejected<?>) d;
            assertThat(r.reason()).as("payload %d: %s", i, h.name()).isEqualTo(h.reason());
            assertThat(r.detail()).isNotBlank().doesNotContain("\n");
            assertThat(r.detail().chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
            assertThat(r.detail().length()).isLessThan(400);
            reasons.merge(r.reason(), 1L, Long::sum);
        }

        assertThat(reasons.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(n);
        assertThat(reasons)
                .containsKeys(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.DUPLICATE_FIELD,
                        RejectReason.OVERSIZED,
                        RejectReason.WRONG_TYPE,
                        RejectReason.IMPOSSIBLE_VALUE,
                        RejectReason.FUTURE_TIMESTAMP);
        // The record-size limit holds before any parsing: 17 KB of padding is OVERSIZED, always.
        assertThat(reasons.get(RejectReason.OVERSIZED))
                .isGreaterThanOrEqualTo(n / HostilePayloads.KINDS);
    }

    /**
     * Every kind, for both contracts, between valid records on one decoder: valid, hostile, valid,
     * hostile, valid. Each hostile one is refused with its kind's reason, and each valid one around
     * it is decoded to exactly the record built here from the template's values.
     */
    @Test
    void eachKindIsRefusedWithItsReasonAndTheValidRecordsAroundItAreDecodedExactly() {
        InspectionDecoder inspections =
                new InspectionDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);
        ReadingDecoder readings =
                new ReadingDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);
        HostilePayloads hostile = new HostilePayloads(5);
        Checkpoint cp = ReferenceData.bundled().checkpoint("CP-07");
        long inspectionTs = Instant.parse("2026-11-20T00:30:15.123Z").toEpochMilli();
        Set<String> names = new HashSet<>();
        for (int kind = 0; kind < HostilePayloads.KINDS; kind++) {
            for (boolean inspection : new boolean[] {true, false}) {
                for (int round = 0; round < 3; round++) {
                    String id = "V-" + kind + "-" + round;
                    if (inspection) {
                        assertThat(inspections.decode(utf8(validInspection(id))))
                                .isEqualTo(
                                        Decoded.ok(
                                                new Inspection(
                                                        id,
                                                        "CP-07",
                                                        inspectionTs,
                                                        VehicleType.HEAVY_TRUCK,
                                                        Cargo.COAL,
                                                        Violation.UNCOVERED.bit(),
                                                        200,
                                                        cp.road(),
                                                        cp.township(),
                                                        null)));
                    } else {
                        double pm25 = 10 + round;
                        Decoded<Reading> d = readings.decode(utf8(validReading(pm25)));
                        assertThat(d).isInstanceOf(Decoded.Ok.class);
                        Reading r = ((Decoded.Ok<Reading>) d).value();
                        assertThat(r.stationId()).isEqualTo("AQ-03");
                        assertThat(r.ts()).isEqualTo(1_763_596_800_000L);
                        assertThat(
                                        new double[] {
                                            r.pm25(),
                                            r.pm10(),
                                            r.so2(),
                                            r.no2(),
                                            r.co(),
                                            r.o3(),
                                            r.humidity()
                                        })
                                .containsExactly(pm25, 80.1, 8, 30.5, 0.8, 100, 60);
                        assertThat(r.tempC()).isNaN();
                    }
                    if (round == 2) {
                        break; // the last valid one closes the sequence
                    }
                    HostilePayloads.Hostile h =
                            hostile.hostile(
                                    kind + (long) round * HostilePayloads.KINDS, inspection);
                    assertThat(h.kind()).isEqualTo(kind);
                    names.add(h.name());
                    Decoded<?> d =
                            inspection
                                    ? inspections.decode(h.payload())
                                    : readings.decode(h.payload());
                    assertThat(d)
                            .as(
                                    "kind %d (%s), %s",
                                    kind, h.name(), inspection ? "inspection" : "reading")
                            .isInstanceOf(Decoded.Rejected.class);
                    assertThat(((Decoded.Rejected<?>) d).reason())
                            .as(
                                    "kind %d (%s), %s",
                                    kind, h.name(), inspection ? "inspection" : "reading")
                            .isEqualTo(h.reason());
                }
            }
        }
        assertThat(names).hasSize(HostilePayloads.KINDS).hasSizeGreaterThanOrEqualTo(30);
    }

    private static String validInspection(String eventId) {
        return HostilePayloads.VALID_INSPECTION.replace("\"E-1\"", "\"" + eventId + "\"");
    }

    private static String validReading(double pm25) {
        return HostilePayloads.VALID_READING.replace("\"pm25\":35.2", "\"pm25\":" + pm25);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
