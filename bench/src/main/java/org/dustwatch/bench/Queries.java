package org.dustwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.stack.InfluxServer;

/**
 * The dashboard query "violation rate per road at 1-h resolution", from dustwatch's hourly roll-up
 * and from the raw points with {@code GROUP BY time(1h), road}. Both must give the same numbers;
 * each is timed five times after a warm-up, and the median reported.
 */
final class Queries {

    record Result(String range, double preAggregatedMs, double rawMs, int series, int hours) {
        double speedup() {
            return rawMs / preAggregatedMs;
        }
    }

    private Queries() {}

    /**
     * The hourly points already hold each road-hour's rate: a dashboard at 1-h resolution reads
     * them as they are, with no {@code GROUP BY time()} to recompute.
     */
    static String preAggregated(long from, long to) {
        return "SELECT \"violation_rate\" FROM \"road_inspections\" WHERE \"window\" = '1h' AND"
                + " time >= "
                + from
                + "ms AND time < "
                + to
                + "ms GROUP BY \"road\"";
    }

    static String raw(long from, long to) {
        return "SELECT sum(\"violating\") / count(\"violating\") FROM \"raw_inspections\" WHERE"
                + " time >= "
                + from
                + "ms AND time < "
                + to
                + "ms GROUP BY time(1h), \"road\"";
    }

    static Result run(
            InfluxServer.Client influx, String db, String rawDb, String range, long from, long to)
            throws Exception {
        String pre = preAggregated(from, to);
        String raw = raw(from, to);
        Map<String, Double> a = rates(influx.query(db, pre));
        Map<String, Double> b = rates(influx.query(rawDb, raw));
        if (a.isEmpty() || !a.keySet().equals(b.keySet())) {
            throw new IllegalStateException(
                    "the pre-aggregated and the raw query disagree on which road-hours exist ("
                            + a.size()
                            + " against "
                            + b.size()
                            + ")");
        }
        for (var e : a.entrySet()) {
            if (Math.abs(e.getValue() - b.get(e.getKey())) > 1e-9) {
                throw new IllegalStateException(
                        "the queries disagree at "
                                + e.getKey()
                                + ": "
                                + e.getValue()
                                + " against "
                                + b.get(e.getKey()));
            }
        }
        long roads =
                a.keySet().stream().map(k -> k.substring(0, k.indexOf('@'))).distinct().count();
        return new Result(
                range, median(influx, db, pre), median(influx, rawDb, raw), (int) roads, a.size());
    }

    /** road@hour -> rate, leaving out empty hours. */
    static Map<String, Double> rates(String json) throws Exception {
        Map<String, Double> out = new TreeMap<>();
        JsonNode series = new ObjectMapper().readTree(json).path("results").path(0).path("series");
        for (JsonNode s : series) {
            String road = s.path("tags").path("road").asText();
            for (JsonNode row : s.path("values")) {
                if (!row.get(1).isNull()) {
                    out.put(road + "@" + row.get(0).asText(), row.get(1).asDouble());
                }
            }
        }
        return out;
    }

    private static double median(InfluxServer.Client influx, String db, String q) {
        influx.query(db, q);
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            influx.query(db, q);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
