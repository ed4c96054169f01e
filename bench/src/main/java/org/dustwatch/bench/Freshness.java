package org.dustwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.stack.InfluxServer;

/**
 * Freshness at a steady rate: the simulator emits in real time (each event when its event time
 * comes), the job runs unbounded, and InfluxDB is polled every {@value #POLL_MS} ms for the roads'
 * 1-minute points. A window's freshness is the time from its end to the first poll that sees its
 * point, so it may read up to one poll interval late.
 */
final class Freshness {

    /** How often InfluxDB is asked; a poll is one small query. */
    static final long POLL_MS = 100;

    record Result(
            double rate, int samples, double p50Seconds, double p99Seconds, double maxSeconds) {}

    private Freshness() {}

    /** A daemon thread that emits the simulation into Kafka in real time. */
    static Thread producer(
            String bootstrap, String inspections, String readings, DistrictSimulator sim) {
        Thread t =
                new Thread(
                        () ->
                                Workload.produce(
                                        bootstrap,
                                        inspections,
                                        readings,
                                        sim,
                                        true,
                                        new Progress("real-time events", 0)),
                        "freshness-producer");
        t.setDaemon(true);
        return t;
    }

    /**
     * Polls until {@code until}; returns freshness samples in seconds for windows in [from, until).
     */
    static List<Double> measure(InfluxServer.Client influx, String db, long from, long until)
            throws Exception {
        Map<String, Long> firstSeen = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        while (System.currentTimeMillis() < until + 90_000) {
            long now = System.currentTimeMillis();
            JsonNode series =
                    json.readTree(
                                    influx.query(
                                            db,
                                            "SELECT \"inspected\" FROM \"road_inspections\" WHERE"
                                                    + " \"window\" = '1m' AND time >= "
                                                    + from
                                                    + "ms GROUP BY \"road\""))
                            .path("results")
                            .path(0)
                            .path("series");
            for (JsonNode s : series) {
                String road = s.path("tags").path("road").asText();
                for (JsonNode row : s.path("values")) {
                    String key = road + "@" + row.get(0).asText();
                    firstSeen.putIfAbsent(key, now);
                }
            }
            Thread.sleep(POLL_MS);
        }
        List<Double> samples = new ArrayList<>();
        for (var e : firstSeen.entrySet()) {
            long start = Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1));
            long end = start + Duration.ofMinutes(1).toMillis();
            if (start >= from && end <= until) {
                samples.add((e.getValue() - end) / 1000.0);
            }
        }
        return samples;
    }

    static Result summarize(double rate, List<Double> samples) {
        double[] s = samples.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (s.length == 0) {
            return new Result(rate, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        return new Result(
                rate,
                s.length,
                s[(int) Math.floor(0.50 * (s.length - 1))],
                s[(int) Math.ceil(0.99 * (s.length - 1))],
                s[s.length - 1]);
    }
}
