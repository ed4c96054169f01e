package org.dustwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StageChecksTest {

    static Map<String, Object> working() {
        Map<String, Object> s = new HashMap<>();
        s.put("aqi_reports", 120L);
        s.put("aqi_published", 100L);
        s.put("dead_letters_in_topic", 40L);
        s.put("pipeline_late", 0L);
        s.put("pipeline_clock_skew", 12L);
        s.put("pipeline_duplicates", 9L);
        return s;
    }

    static final Map<String, Long> ALERTS =
            Map.of("violation_spike", 1L, "pollution_episode", 2L, "station_silent", 3L);

    @Test
    void aRunWhereEveryStageWorkedPasses() {
        assertThat(StageChecks.idle(working(), ALERTS)).isEmpty();
    }

    @Test
    void eachIdleStageIsNamed() {
        Map<String, Object> s = working();
        s.put("aqi_published", 0L);
        s.put("pipeline_clock_skew", 0L);
        s.put("pipeline_duplicates", 0L);
        s.put("dead_letters_in_topic", 0L);
        assertThat(StageChecks.idle(s, Map.of("violation_spike", 1L)))
                .hasSize(5)
                .anyMatch(m -> m.startsWith("AQI"))
                .anyMatch(m -> m.contains("no pollution_episode alert"))
                .anyMatch(m -> m.startsWith("late records"))
                .anyMatch(m -> m.startsWith("de-duplication"))
                .anyMatch(m -> m.startsWith("dead letters"));
    }

    @Test
    void lateRecordsCountWhetherTheGateOrTheSourceClocksRefusedThem() {
        Map<String, Object> s = working();
        s.put("pipeline_late", 3L);
        s.put("pipeline_clock_skew", 0L);
        assertThat(StageChecks.idle(s, ALERTS)).isEmpty();
    }

    @Test
    void alertsAreCountedPerKindFromTheGroupedAnswer() throws Exception {
        String json =
                "{\"results\":[{\"series\":["
                        + "{\"name\":\"alerts\",\"tags\":{\"kind\":\"clock_skew\"},"
                        + "\"columns\":[\"time\",\"count\"],\"values\":[[0,8]]},"
                        + "{\"name\":\"alerts\",\"tags\":{\"kind\":\"violation_spike\"},"
                        + "\"columns\":[\"time\",\"count\"],\"values\":[[0,5]]}]}]}";
        assertThat(StageChecks.byTag(json, "kind"))
                .containsExactly(Map.entry("clock_skew", 8L), Map.entry("violation_spike", 5L));
    }

    @Test
    void theRawQuerysToleranceIsWhatTheRefusedRecordsCanMoveARate() {
        // 3 of 100 records removed move a rate by at most 3/97
        assertThat(Queries.tolerance(100)).isEqualTo(3.0 / 97);
        // 2% of 1000 is 20
        assertThat(Queries.tolerance(1000)).isEqualTo(20.0 / 980);
        // an hour of 3 records may be anything
        assertThat(Queries.tolerance(3)).isEqualTo(1.0);
    }
}
