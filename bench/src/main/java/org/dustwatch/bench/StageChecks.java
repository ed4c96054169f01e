package org.dustwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.stack.InfluxServer;

/**
 * What each stage of the job did in the throughput run, read back from what it wrote: AQI reports,
 * alerts by kind, dead letters in their topic, late and duplicate records counted by the pipeline
 * measurement. A stage that did no work makes the benchmark fail: its cost would be missing from
 * the figures, as the AQI's was before issue #23.
 */
final class StageChecks {

    /** The alert kinds the workload's scenario must raise (Workload.scenario). */
    static final List<String> INJECTED = List.of("violation_spike", "pollution_episode");

    private StageChecks() {}

    /**
     * Puts each stage's output into {@code results} (under {@code stages}) and throws, naming the
     * stages, when one did no work. {@code deadLetters} is the count read from the DLQ topic.
     */
    static void check(InfluxServer influx, String db, long deadLetters, Map<String, Object> results)
            throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        long aqi = BenchCli.sum(influx, db, "SELECT count(\"aqi\") FROM \"aqi\"");
        long published =
                BenchCli.sum(
                        influx, db, "SELECT count(\"aqi\") FROM \"aqi\" WHERE \"status\" = 'ok'");
        s.put("aqi_reports", aqi);
        s.put("aqi_published", published);
        Map<String, Long> alerts =
                byTag(
                        influx.client()
                                .query(
                                        db,
                                        "SELECT count(\"active\") FROM \"alerts\" WHERE \"state\" = 'open'"
                                                + " GROUP BY \"kind\""),
                        "kind");
        s.put("alerts_opened_by_kind", alerts);
        s.put("dead_letters_in_topic", deadLetters);
        for (String field : List.of("dead_letters", "late", "clock_skew", "duplicates")) {
            // a field the pipeline never wrote (no series) counts none
            long n = BenchCli.sum(influx, db, "SELECT sum(\"" + field + "\") FROM \"pipeline\"");
            s.put("pipeline_" + field, Math.max(0, n));
        }
        results.put("stages", s);
        List<String> idle = idle(s, alerts);
        if (!idle.isEmpty()) {
            throw new IllegalStateException(
                    "a stage did no work in the throughput run, so its cost is not measured: "
                            + String.join("; ", idle)
                            + " (all: "
                            + s
                            + ")");
        }
    }

    /** The stages that did no work, each with what is missing. */
    static List<String> idle(Map<String, Object> s, Map<String, Long> alerts) {
        List<String> idle = new ArrayList<>();
        if (num(s, "aqi_published") <= 0) {
            idle.add("AQI: no published report (aqi points: " + s.get("aqi_reports") + ")");
        }
        for (String kind : INJECTED) {
            if (alerts.getOrDefault(kind, 0L) <= 0) {
                idle.add("alerts: no " + kind + " alert opened (opened: " + alerts + ")");
            }
        }
        if (num(s, "dead_letters_in_topic") <= 0) {
            idle.add("dead letters: none in the topic");
        }
        // a record 20 minutes late is behind its partition's frontier by more than the source lag
        // (15 minutes): the source clocks refuse it as CLOCK_SKEW before the lateness gate
        if (num(s, "pipeline_late") + num(s, "pipeline_clock_skew") <= 0) {
            idle.add("late records: none refused (LATE or CLOCK_SKEW)");
        }
        if (num(s, "pipeline_duplicates") <= 0) {
            idle.add("de-duplication: no duplicate counted");
        }
        return idle;
    }

    /** tag value -> the first value of its series, from an InfluxQL answer grouped by a tag. */
    static Map<String, Long> byTag(String json, String tag) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        JsonNode series = new ObjectMapper().readTree(json).path("results").path(0).path("series");
        for (JsonNode x : series) {
            out.put(x.path("tags").path(tag).asText(), x.path("values").path(0).path(1).asLong());
        }
        return out;
    }

    private static long num(Map<String, Object> s, String k) {
        return s.get(k) instanceof Number n ? n.longValue() : 0;
    }
}
