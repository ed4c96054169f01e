package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingDecoderTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T01:00:00Z"), ZoneOffset.UTC);
    static final ReadingDecoder DECODER =
            new ReadingDecoder(ReferenceData.bundled(), DecoderOptions.defaults(), CLOCK);

    static final String VALID =
            "{\"stationId\":\"AQ-03\",\"ts\":\"2026-11-28T08:00:00+08:00\",\"pm25\":35.2,"
                    + "\"pm10\":80.1,\"so2\":8,\"no2\":30.5,\"co\":0.8,\"o3\":100,\"tempC\":12.3,"
                    + "\"humidity\":60,\"windSpeed\":2.1,\"windDir\":180}";

    static Decoded<Reading> decode(String json) {
        return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesTheContractExample() {
        Reading r = ((Decoded.Ok<Reading>) decode(VALID)).value();

        assertThat(r)
                .isEqualTo(
                        new Reading(
                                "AQ-03",
                                Instant.parse("2026-11-28T00:00:00Z").toEpochMilli(),
                                35.2,
                                80.1,
                                8,
                                30.5,
                                0.8,
                                100,
                                12.3,
                                60,
                                2.1,
                                180,
                                ReferenceData.bundled().station("AQ-03").township()));
    }

    @Test
    void aMissingOrNullPollutantIsNaNNotZero() {
        Reading r =
                ((Decoded.Ok<Reading>)
                                decode(
                                        VALID.replace("\"pm25\":35.2,", "")
                                                .replace("\"so2\":8,", "\"so2\":null,")))
                        .value();

        assertThat(r.pm25()).isNaN();
        assertThat(r.so2()).isNaN();
        assertThat(Reading.present(r.pm25())).isFalse();
        assertThat(Reading.present(r.pm10())).isTrue();
        assertThat(r.pm10()).isEqualTo(80.1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            no pollutant     | {"stationId":"AQ-03","ts":1764288000000,"tempC":3}  | MISSING_FIELD
            no station       | {"ts":1764288000000,"pm25":3}                      | MISSING_FIELD
            negative pm25    | {"stationId":"AQ-03","ts":1764288000000,"pm25":-1}  | IMPOSSIBLE_VALUE
            humidity 120     | {"stationId":"AQ-03","ts":1764288000000,"pm25":1,"humidity":120} | IMPOSSIBLE_VALUE
            pm10 as string   | {"stationId":"AQ-03","ts":1764288000000,"pm10":"80"} | WRONG_TYPE
            infinity         | {"stationId":"AQ-03","ts":1764288000000,"pm10":Infinity} | MALFORMED_JSON
            huge exponent    | {"stationId":"AQ-03","ts":1764288000000,"pm10":1e999} | IMPOSSIBLE_VALUE
            unknown station  | {"stationId":"AQ-99","ts":1764288000000,"pm10":80}  | UNKNOWN_ID
            unknown field    | {"stationId":"AQ-03","ts":1764288000000,"pm1":80}   | UNKNOWN_FIELD
            cut in a number  | {"stationId":"AQ-03","ts":17                       | MALFORMED_JSON
            cut after a bad value | {"stationId":"AQ-03","ts":1764288000000,"humidity":150 | MALFORMED_JSON
            ts as boolean    | {"stationId":"AQ-03","ts":true,"pm10":80}           | WRONG_TYPE
            """)
    void rejectsWithTheRightReason(String name, String json, RejectReason expected) {
        Decoded<Reading> d = decode(json);

        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        Decoded.Rejected<Reading> r = (Decoded.Rejected<Reading>) d;
        assertThat(r.reason()).as(r.detail()).isEqualTo(expected);
    }
}
