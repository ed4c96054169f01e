package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The district's air over four days across 2026-03-01: two under HJ 633-2012 and GB 3095-2012, two
 * under HJ 633—2026 and GB 3095—2026, each day judged by its own edition. An HTTP stub answers the
 * daily reports as InfluxDB 1.x would (the townships have none).
 *
 * <pre>
 * day     edition  status aqi level primary     PM2.5  PM10   CO    O3
 * 02-27   2012     ok     110  3    PM10        70     140.4  4.04  100
 * 02-28   2012     NA     -1  -1                80     -1     -1    -1
 * 03-01   2026     ok      95  2    PM10        55     120.5  4.04  160.4
 * 03-02   2026     ok     130  3    PM2.5,PM10  61     121    4.06  161
 * </pre>
 *
 * Exceedances against grade 2: PM2.5 on 02-28 (80 &gt; 75) and 03-02 (61 &gt; 60); PM10 on 03-02
 * only (140.4 ≤ 150 in 2012; 120.5 rounds half-even to 120 in 2026); CO on 02-27 (4.04 &gt; 4, no
 * rounding in 2012) and 03-02 (4.1), not 03-01 (4.0); O3 on 03-02 only (160.4 rounds to 160).
 */
class AirQualityEditionsTest {

    InfluxStub server;

    static String row(LocalDate d, String status, int aqi, int level, String primary, double... v) {
        long t = d.atStartOfDay(ReportPeriod.ZONE).toInstant().toEpochMilli();
        StringBuilder b =
                new StringBuilder("[" + t + ",\"" + status + "\"," + aqi + "," + level + ",\"")
                        .append(primary)
                        .append('"');
        for (double x : v) {
            b.append(',').append(x);
        }
        return b.append(']').toString();
    }

    static String answer(List<String> rows) {
        if (rows.isEmpty()) {
            return "{\"results\":[{\"statement_id\":0}]}";
        }
        return "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"aqi\",\"columns\":"
                + "[\"time\",\"status\",\"aqi\",\"level\",\"primary_pollutant\",\"pm25_24h\","
                + "\"pm10_24h\",\"so2_24h\",\"no2_24h\",\"co_24h\",\"o3_8h\"],\"values\":["
                + String.join(",", rows)
                + "]}]}]}";
    }

    @BeforeEach
    void start() throws Exception {
        server =
                InfluxStub.answering(
                        q -> {
                            List<String> rows = new ArrayList<>();
                            if (q.contains("'district'") && q.contains("HJ633-2012")) {
                                rows.add(
                                        row(
                                                LocalDate.of(2026, 2, 27),
                                                "ok",
                                                110,
                                                3,
                                                "PM10",
                                                70,
                                                140.4,
                                                10,
                                                30,
                                                4.04,
                                                100));
                                rows.add(
                                        row(
                                                LocalDate.of(2026, 2, 28),
                                                "NA",
                                                -1,
                                                -1,
                                                "",
                                                80,
                                                -1,
                                                -1,
                                                -1,
                                                -1,
                                                -1));
                            } else if (q.contains("'district'") && q.contains("HJ633-2026")) {
                                rows.add(
                                        row(
                                                LocalDate.of(2026, 3, 1),
                                                "ok",
                                                95,
                                                2,
                                                "PM10",
                                                55,
                                                120.5,
                                                10,
                                                30,
                                                4.04,
                                                160.4));
                                rows.add(
                                        row(
                                                LocalDate.of(2026, 3, 2),
                                                "ok",
                                                130,
                                                3,
                                                "PM2.5,PM10",
                                                61,
                                                121,
                                                10,
                                                30,
                                                4.06,
                                                161));
                            }
                            return answer(rows);
                        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void eachDayIsJudgedUnderTheEditionInForceOnIt() {
        ReportPeriod p = ReportPeriod.span(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 2));
        InfluxQl influx = server.client();
        AirQualityFigures f =
                new AirQualityQueries(
                                influx,
                                new ReportRequest(p, null, null, null, ReferenceData.bundled()))
                        .figures(p);
        AreaAirQuality d = f.district();
        assertThat(d.editions()).containsExactly("HJ633-2012", "HJ633-2026");
        assertThat(d.validDays()).isEqualTo(3);
        assertThat(d.naDays()).isEqualTo(1);
        assertThat(d.missingDays()).isZero();
        assertThat(d.goodDays()).isEqualTo(1);
        assertThat(d.goodDayRatio()).isEqualTo(1.0 / 3);
        assertThat(d.levels())
                .extracting(AreaAirQuality.LevelDays::days)
                .containsExactly(0, 1, 2, 0, 0, 0);
        assertThat(d.levels().get(2).byEdition())
                .isEqualTo(Map.of("HJ633-2012", 1, "HJ633-2026", 1));
        assertThat(d.levels().get(1).byEdition()).isEqualTo(Map.of("HJ633-2026", 1));
        assertThat(d.meanPm25()).isCloseTo((70 + 80 + 55 + 61) / 4.0, within(1e-9));
        assertThat(d.meanPm10()).isCloseTo((140.4 + 120.5 + 121) / 3, within(1e-9));
        Map<String, Integer> over = new java.util.TreeMap<>();
        Map<String, Integer> with = new java.util.TreeMap<>();
        d.exceedances()
                .forEach(
                        e -> {
                            over.put(e.pollutant(), e.days());
                            with.put(e.pollutant(), e.daysWithValue());
                        });
        assertThat(over)
                .isEqualTo(Map.of("PM2.5", 2, "PM10", 1, "SO2", 0, "NO2", 0, "CO", 2, "O3", 1));
        assertThat(with)
                .isEqualTo(Map.of("PM2.5", 4, "PM10", 3, "SO2", 3, "NO2", 3, "CO", 3, "O3", 3));
        assertThat(d.exceedances().get(1).limits())
                .isEqualTo(Map.of("GB3095_2012", 150.0, "GB3095_2026_TRANSITION", 120.0));
        assertThat(d.primaryPollutants())
                .isEqualTo(Map.of("PM2.5", 1, "PM10", 3, "SO2", 0, "NO2", 0, "CO", 0, "O3", 0));
        assertThat(d.calendar())
                .extracting(AreaAirQuality.AqiDay::status)
                .containsExactly("ok", "NA", "ok", "ok");
        assertThat(d.calendar().get(3).edition()).isEqualTo("HJ633-2026");
        assertThat(d.calendar().get(0).aqi()).isEqualTo(110);
        // The townships have no reports: every day missing.
        assertThat(f.townships()).allMatch(t -> t.missingDays() == 4 && t.validDays() == 0);
        assertThat(server.queries())
                .anyMatch(
                        q ->
                                q.contains("'district'")
                                        && q.contains("'HJ633-2012'")
                                        && q.contains(
                                                "time >= '2026-02-26T16:00:00Z' AND time <"
                                                        + " '2026-02-28T16:00:00Z'"));
    }
}
