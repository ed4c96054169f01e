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
                                Instant.parse("2026-11-28T00:00:00Z").toEpochMilli(),
                                60_000,
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
            period as number | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":300} | WRONG_TYPE
            period not ISO   | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":"5 min"} | WRONG_TYPE
            period of 2 h    | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":"PT2H"} | IMPOSSIBLE_VALUE
            period of zero   | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":"PT0S"} | IMPOSSIBLE_VALUE
            period negative  | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":"-PT5M"} | IMPOSSIBLE_VALUE
            period of 1.5 s  | {"stationId":"AQ-03","ts":1764288000000,"pm10":80,"period":"PT1.5S"} | IMPOSSIBLE_VALUE
            """)
    void rejectsWithTheRightReason(String name, String json, RejectReason expected) {
        Decoded<Reading> d = decode(json);

        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        Decoded.Rejected<Reading> r = (Decoded.Rejected<Reading>) d;
        assertThat(r.reason()).as(r.detail()).isEqualTo(expected);
    }

    @Test
    void aReadingSaysWhatItAverages() {
        Reading r =
                ((Decoded.Ok<Reading>) decode(VALID.replace("{", "{\"period\":\"PT5M\","))).value();

        long ts = Instant.parse("2026-11-28T00:00:00Z").toEpochMilli();
        assertThat(r.start()).isEqualTo(ts);
        assertThat(r.periodMs()).isEqualTo(300_000);
        assertThat(r.end()).isEqualTo(ts + 300_000);
        assertThat(r.eventTime()).as("the last instant it covers").isEqualTo(ts + 299_999);
    }

    @Test
    void withoutAPeriodTheStationsThenTheFeedsDefaultApplies() throws Exception {
        ReferenceData district =
                ReferenceData.parse(
                        new java.io.StringReader(
                                "id,name,road,township,type,lat,lon\nC1,c,R,T,FIXED,1,1\n"),
                        "cp",
                        new java.io.StringReader(
                                "id,name,township,lat,lon,period,stamp,plan\n"
                                        + "HOURLY,h,T,1,1,PT1H,end,\n"
                                        + "PLAIN,p,T,1,1,,,\n"),
                        "st");
        ReadingDecoder decoder =
                new ReadingDecoder(
                        district,
                        new DecoderOptions(
                                DecoderOptions.DEFAULT_MAX_RECORD_BYTES,
                                DecoderOptions.DEFAULT_MAX_FUTURE_SKEW,
                                java.time.Duration.ofMinutes(5),
                                Stamp.START),
                        CLOCK);
        long nine = Instant.parse("2026-11-28T01:00:00Z").toEpochMilli();

        Reading hourly = ok(decoder, "{\"stationId\":\"HOURLY\",\"ts\":" + nine + ",\"pm25\":1}");
        Reading plain = ok(decoder, "{\"stationId\":\"PLAIN\",\"ts\":" + nine + ",\"pm25\":1}");
        Reading told =
                ok(
                        decoder,
                        "{\"stationId\":\"HOURLY\",\"ts\":"
                                + nine
                                + ",\"period\":\"PT10M\",\"pm25\":1}");

        assertThat(hourly.start()).as("stamped at the end of its hour").isEqualTo(nine - 3_600_000);
        assertThat(hourly.periodMs()).isEqualTo(3_600_000);
        assertThat(plain.start()).as("the feed's default stamp").isEqualTo(nine);
        assertThat(plain.periodMs()).as("the feed's default period").isEqualTo(300_000);
        assertThat(told.periodMs()).as("the reading's own period wins").isEqualTo(600_000);
        assertThat(told.start())
                .as("and the station's stamp still applies")
                .isEqualTo(nine - 600_000);
    }

    static Reading ok(ReadingDecoder d, String json) {
        Decoded<Reading> r = d.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(r).isInstanceOf(Decoded.Ok.class);
        return ((Decoded.Ok<Reading>) r).value();
    }

    @Test
    void aPeriodThatEndsBeyondTheSkewIsInTheFuture() {
        // the clock is 01:00Z; a start-stamped hourly mean from 00:55 would end at 01:55
        String hourly = "{\"stationId\":\"AQ-03\",\"ts\":\"%s\",\"period\":\"PT1H\",\"pm25\":3}";
        Decoded<Reading> ahead = decode(String.format(hourly, "2026-11-28T00:55:00Z"));
        assertThat(ahead).isInstanceOf(Decoded.Rejected.class);
        assertThat(((Decoded.Rejected<Reading>) ahead).reason())
                .isEqualTo(RejectReason.FUTURE_TIMESTAMP);
        // ... while one that ends within the ten minutes passes
        assertThat(decode(String.format(hourly, "2026-11-28T00:05:00Z")))
                .isInstanceOf(Decoded.Ok.class);
    }
}
