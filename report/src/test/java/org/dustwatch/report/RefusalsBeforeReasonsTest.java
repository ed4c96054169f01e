package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A period partly before the job wrote {@code refusals}: {@code pipeline} counts every refusal (its
 * dead letters, late records and skewed clocks), {@code refusals} only the later ones by reason.
 * The total is {@code pipeline}'s, and the difference is said to have no reason; the report never
 * shows 0 refusals for a month the job refused records in. An HTTP stub answers as influxd would.
 */
class RefusalsBeforeReasonsTest {

    InfluxStub server;

    @BeforeEach
    void start() throws Exception {
        server =
                InfluxStub.answering(
                        q -> {
                            String answer;
                            if (q.contains("FROM \"refusals\"")) {
                                // the later days only: 7 malformed inspections and 2 late readings
                                answer =
                                        "{\"results\":[{\"statement_id\":0,\"series\":["
                                                + series(
                                                        "MALFORMED_JSON",
                                                        "dustwatch.inspections",
                                                        7)
                                                + ","
                                                + series("LATE", "dustwatch.readings", 2)
                                                + "]}]}";
                            } else if (q.contains("FROM \"pipeline\"")) {
                                // the whole period: 30 dead letters, 4 late, 1 skewed, 5 repeats
                                answer =
                                        "{\"results\":[{\"statement_id\":0,\"series\":[{\"name\":\"pipeline\","
                                                + "\"columns\":[\"time\",\"dead_letters\",\"late\",\"clock_skew\","
                                                + "\"duplicates\",\"corrections\"],"
                                                + "\"values\":[[0,30,4,1,5,2]]}]}]}";
                            } else {
                                answer = "{\"results\":[{\"statement_id\":0}]}";
                            }
                            return answer;
                        });
    }

    static String series(String reason, String source, long n) {
        return "{\"name\":\"refusals\",\"tags\":{\"reason\":\""
                + reason
                + "\",\"source\":\""
                + source
                + "\"},\"columns\":[\"time\",\"refused\"],\"values\":[[0,"
                + n
                + "]]}";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theTotalIsPipelinesAndTheRefusalsWithoutAReasonAreCounted() {
        ReportPeriod p = ReportPeriod.span(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
        InfluxQl influx = server.client();
        DataQualityFigures q =
                new OtherQueries(
                                influx,
                                new ReportRequest(p, null, null, null, ReferenceData.bundled()))
                        .dataQuality(p, List.of());
        assertThat(q.refused()).isEqualTo(30 + 4 + 1);
        assertThat(q.byReason()).isEqualTo(Map.of("MALFORMED_JSON", 7L, "LATE", 2L));
        assertThat(q.bySource())
                .isEqualTo(Map.of("dustwatch.inspections", 7L, "dustwatch.readings", 2L));
        assertThat(q.withoutReason()).isEqualTo(35 - 9);
        assertThat(q.late()).isEqualTo(4);
        assertThat(q.duplicates()).isEqualTo(5);
        assertThat(q.corrections()).isEqualTo(2);
    }
}
