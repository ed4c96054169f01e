package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A station's completeness: hours with a published real-time AQI over the period's hours, every
 * station of the scope listed (a silent one at 0), each edition's hours from its own query. An HTTP
 * stub answers the counts as InfluxDB 1.x would, so that the queries are seen too.
 */
class CompletenessTest {

    InfluxStub server;

    @BeforeEach
    void start() throws Exception {
        server =
                InfluxStub.answering(
                        q -> {
                            // AQ-04 (Xihe): 40 hours under HJ 633-2012, 45 under HJ 633—2026.
                            int hours = q.contains("HJ633-2012") ? 40 : 45;
                            String body =
                                    "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"aqi\","
                                            + "\"tags\":{\"station\":\"AQ-04\"},\"columns\":[\"time\",\"hours\"],"
                                            + "\"values\":[[0,"
                                            + hours
                                            + "]]}]}]}";
                            return body;
                        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void validHoursOverThePeriodsHoursForEveryStationOfTheScope() {
        ReferenceData ref = ReferenceData.bundled();
        String township = ref.station("AQ-04").township();
        ReportPeriod p = ReportPeriod.span(LocalDate.of(2026, 2, 27), LocalDate.of(2026, 3, 2));
        InfluxQl influx = server.client();
        List<DataQualityFigures.StationCompleteness> c =
                new AirQualityQueries(influx, new ReportRequest(p, township, null, null, ref))
                        .completeness(p);
        long inTownship =
                ref.stations().stream().filter(s -> s.township().equals(township)).count();
        assertThat(c).hasSize((int) inTownship);
        DataQualityFigures.StationCompleteness aq04 =
                c.stream().filter(s -> s.station().equals("AQ-04")).findFirst().orElseThrow();
        // 2026 is no leap year: 27 and 28 February under 2012, 1 and 2 March under 2026.
        assertThat(aq04.validHours()).isEqualTo(85);
        assertThat(aq04.expectedHours()).isEqualTo(96);
        assertThat(aq04.completeness()).isEqualTo(85.0 / 96);
        assertThat(c)
                .filteredOn(s -> !s.station().equals("AQ-04"))
                .allMatch(s -> s.validHours() == 0);
        assertThat(server.queries()).hasSize(2);
        assertThat(server.queries().get(0))
                .contains("\"standard\" = 'HJ633-2012'")
                .contains("time >= '2026-02-26T16:00:00Z' AND time < '2026-02-28T16:00:00Z'");
        assertThat(server.queries().get(1))
                .contains("\"standard\" = 'HJ633-2026'")
                .contains("time >= '2026-02-28T16:00:00Z' AND time < '2026-03-02T16:00:00Z'");
    }
}
