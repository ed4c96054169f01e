package org.dustwatch.bench.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimEvent;
import org.dustwatch.simulator.SimulationOptions;

/**
 * One seed's district: the incidents injected, and the hourly inspected and violating counts of
 * every road and township that the simulator generated with them. Clean input (no bad, late or
 * duplicate records, no readings), so that the counts are those the job's hourly windows would
 * hold.
 */
final class AlertWorkload {

    static final long HOUR = 3_600_000L;
    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    /** A Monday, local midnight: the first (warm-up) week starts here. */
    static final Instant START = Instant.parse("2026-09-06T16:00:00Z");

    static final double[] SIZES = {1.5, 2, 3, 5};
    static final int[] DURATIONS = {1, 2, 4};

    /** An injected spike: on a road, from hour index {@code from} for {@code hours}. */
    record Incident(String road, int from, int hours, double factor, boolean night) {
        Scenario.Spike spike() {
            return new Scenario.Spike(
                    road, START.plus(Duration.ofHours(from)), Duration.ofHours(hours), factor);
        }
    }

    /** Hourly counts per key ({@code road|G107}, {@code township|Xihe}), hour 0 at START. */
    record Counts(Map<String, long[]> inspected, Map<String, long[]> violating) {}

    final long seed;
    final int hours;
    final int warmUpHours;
    final List<Incident> incidents;
    final Counts counts;

    /**
     * @param weeks measured weeks, after one week of warm-up that fills the baseline
     * @param perDay the district's inspections a day
     */
    AlertWorkload(ReferenceData reference, long seed, int weeks, double perDay) {
        this.seed = seed;
        this.warmUpHours = 7 * 24;
        this.hours = warmUpHours + weeks * 7 * 24;
        this.incidents = incidents(reference, seed, warmUpHours, hours);
        List<Scenario.Spike> spikes = new ArrayList<>();
        for (Incident i : incidents) {
            spikes.add(i.spike());
        }
        this.counts = simulate(reference, seed, hours, perDay, new Scenario(spikes, List.of()));
    }

    /**
     * The incidents of a seed: every road gets one spike of ×3 for 2 hours (half the roads by day,
     * half by night, alternating with the seed), and every size and duration of {@link #SIZES} and
     * {@link #DURATIONS} comes twice, once by day and once by night, on a random road. They follow
     * one another a day and a half apart or more, so that no two overlap and each leaves its road's
     * baseline before the next on the same road, unless it was detected.
     */
    static List<Incident> incidents(ReferenceData reference, long seed, int from, int to) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 21);
        List<String> roads = new ArrayList<>(reference.roads());
        List<double[]> kinds = new ArrayList<>(); // factor, hours, night
        for (int i = 0; i < roads.size(); i++) {
            kinds.add(new double[] {3, 2, (i + seed) % 2, i});
        }
        for (double f : SIZES) {
            for (int d : DURATIONS) {
                kinds.add(new double[] {f, d, 0, -1});
                kinds.add(new double[] {f, d, 1, -1});
            }
        }
        // shuffle the order in which they come
        for (int i = kinds.size() - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = kinds.get(i);
            kinds.set(i, kinds.get(j));
            kinds.set(j, t);
        }
        int slot = (to - from) / kinds.size();
        if (slot < 36) {
            throw new IllegalArgumentException(
                    "too few weeks for " + kinds.size() + " incidents a day and a half apart");
        }
        List<Incident> out = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            double[] kind = kinds.get(k);
            boolean night = kind[2] == 1;
            String road =
                    kind[3] >= 0 ? roads.get((int) kind[3]) : roads.get(r.nextInt(roads.size()));
            // a local start: 22:00-01:00 by night (the haulage peak), 09:00-14:00 by day; START is
            // local midnight, so an hour index's local hour is the index modulo 24
            int localHour = night ? (22 + r.nextInt(4)) % 24 : 9 + r.nextInt(6);
            int h = from + k * slot + 6;
            while (h % 24 != localHour) {
                h++;
            }
            out.add(new Incident(road, h, (int) kind[1], kind[0], night));
        }
        return out;
    }

    static Counts simulate(
            ReferenceData reference, long seed, int hours, double perDay, Scenario scenario) {
        SimulationOptions d =
                SimulationOptions.defaults(seed, START, Duration.ofHours(hours), perDay / 24);
        SimulationOptions o =
                d.withReadingInterval(Duration.ZERO) // no readings
                        .withDeliveryFaults(0, 0, 0, 0)
                        .withStationFaults(0, 0, 0)
                        .withScenario(scenario);
        Map<String, long[]> n = new TreeMap<>();
        Map<String, long[]> x = new TreeMap<>();
        for (String road : reference.roads()) {
            n.put("road|" + road, new long[hours]);
            x.put("road|" + road, new long[hours]);
        }
        for (String t : reference.townships()) {
            n.put("township|" + t, new long[hours]);
            x.put("township|" + t, new long[hours]);
        }
        long start = START.toEpochMilli();
        DistrictSimulator sim = new DistrictSimulator(reference, o);
        while (sim.hasNext()) {
            SimEvent e = sim.next();
            if (!e.topic().equals(Topics.INSPECTIONS)) {
                continue;
            }
            Checkpoint cp = reference.checkpoint(e.key());
            int h = (int) ((e.emitAt() - start) / HOUR);
            boolean violating = !e.value().contains("\"violations\":[]");
            for (String key : new String[] {"road|" + cp.road(), "township|" + cp.township()}) {
                n.get(key)[h]++;
                if (violating) {
                    x.get(key)[h]++;
                }
            }
        }
        return new Counts(n, x);
    }
}
