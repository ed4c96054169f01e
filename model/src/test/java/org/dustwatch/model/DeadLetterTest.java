package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    @Test
    void keepsATextPayloadVerbatimAndRoundTrips() {
        byte[] raw = "{\"eventId\":\"x\" ∅".getBytes(StandardCharsets.UTF_8);

        DeadLetter d =
                DeadLetter.of(
                        RejectReason.MALFORMED_JSON,
                        "truncated",
                        "dustwatch.inspections",
                        1,
                        42,
                        raw);

        assertThat(new String(d.toJson(), StandardCharsets.UTF_8))
                .isEqualTo(
                        "{\"reason\":\"MALFORMED_JSON\",\"detail\":\"truncated\","
                                + "\"sourceTopic\":\"dustwatch.inspections\",\"partition\":1,"
                                + "\"offset\":42,\"payload\":\"{\\\"eventId\\\":\\\"x\\\" ∅\"}");
        assertThat(DeadLetter.fromJson(d.toJson())).isEqualTo(d);
    }

    @Test
    void keepsInvalidUtf8AsBase64SoNothingIsLost() {
        byte[] raw = {'{', (byte) 0xC3, (byte) 0x28, '}'};

        DeadLetter d = DeadLetter.of(RejectReason.MALFORMED_JSON, "bad", "t", 0, 7, raw);

        assertThat(d.payload()).isNull();
        assertThat(Base64.getDecoder().decode(d.payloadBase64())).isEqualTo(raw);
    }
}
