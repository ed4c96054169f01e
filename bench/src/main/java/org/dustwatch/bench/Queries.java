package org.dustwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.stack.InfluxServer;

/**
 * The dashboard query "violation rate per road at 1-h resolution", from dustwatch's hourly roll-up
 * and from the raw points with {@code GROUP BY time(1h), road}. Both must give the same numbers
 * (but where a late event, refused by dustwatch and kept by the raw points, makes them differ);
 * each is timed five times after a warm-up, and the median reported.
 */
final class Queries {

    record Result(
            String range, double preAggregatedMs, double rawMs, int series, int hours, int equal) {
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
        Map<String, double[]> a = rates(influx.query(db, pre));
        // the same query with the hour's count, for the tolerance; the dashboard's is timed
        Map<String, double[]> b =
                rates(influx.query(rawDb, raw.replace(") FROM", "), count(\"violating\") FROM")));
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        int equal = 0;
        List<String> apart = new java.util.ArrayList<>();
        for (String k : all) {
            double[] x = a.get(k);
            double[] y = b.get(k);
            if (x != null && y != null && Math.abs(x[0] - y[0]) <= 1e-9) {
                equal++;
            } else if (x == null || y == null || Math.abs(x[0] - y[0]) > tolerance(y[1])) {
                apart.add(k);
            }
        }
        if (a.isEmpty() || !apart.isEmpty()) {
            throw new IllegalStateException(
                    "the pre-aggregated and the raw query disagree at "
                            + apart.size()
                            + " of "
                            + all.size()
                            + " road-hours, e.g. "
                            + apart.stream().limit(3).toList());
        }
        long roads =
                a.keySet().stream().map(k -> k.substring(0, k.indexOf('@'))).distinct().count();
        return new Result(
                range,
                median(influx, db, pre),
                median(influx, rawDb, raw),
                (int) roads,
                all.size(),
                equal);
    }

    /**
     * How far a road-hour's rate from the raw points, of {@code n} inspections, may lie from
     * dustwatch's: the raw points keep the late records that dustwatch refused (the workload's
     * 0.3%), and removing m of n records moves a rate by at most m / (n - m). Up to 3 records or 2%
     * of the hour's.
     */
    static double tolerance(double n) {
        double m = Math.max(3, Math.ceil(0.02 * n));
        return n > m ? m / (n - m) : 1;
    }

    /** road@hour -> {rate, the raw query's count or NaN}, leaving out empty hours. */
    static Map<String, double[]> rates(String json) throws Exception {
        Map<String, double[]> out = new TreeMap<>();
        JsonNode series = new ObjectMapper().readTree(json).path("results").path(0).path("series");
        for (JsonNode s : series) {
            String road = s.path("tags").path("road").asText();
            for (JsonNode row : s.path("values")) {
                if (!row.get(1).isNull()) {
                    out.put(
                            road + "@" + row.get(0).asText(),
                            new double[] {
                                row.get(1).asDouble(),
                                row.size() > 2 ? row.get(2).asDouble() : Double.NaN
                            });
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
