package org.dustwatch.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Violation;

/**
 * What a simulation generated and injected, written as JSON next to its output so that tests and
 * alert checks can compare detection with the truth.
 *
 * @param readings reading messages generated, bad ones included (a split feed's period is two)
 * @param cargo per cargo type: {@code [inspected, violating, uncovered, overheight, overload,
 *     spillage]}
 * @param roads per road: {@code [inspected, violating]}
 * @param stations per station: how it reported and how much
 */
public record GroundTruth(
        long seed,
        String start,
        String end,
        long inspections,
        long readings,
        Map<String, long[]> cargo,
        Map<String, long[]> roads,
        Map<String, Long> badRecords,
        long outOfOrder,
        long late,
        long duplicates,
        long missingValues,
        List<Stuck> stuckSensors,
        List<Offline> offlineStations,
        List<Scenario.Spike> spikes,
        List<Scenario.Episode> episodes,
        Map<String, StationTruth> stations) {

    /**
     * How a station reported.
     *
     * @param period the averaging period of its readings (ISO-8601)
     * @param stamp which end of the period its readings' {@code ts} marks: START or END
     * @param plan the pollutants it reports, in field order
     * @param periodInMessages whether its messages carry {@code "period"} (the period differs from
     *     what its reference data declares, or it declares none)
     * @param split whether its particulates (with the weather) and its gases come in two messages,
     *     the gases 0.3–3 s after the particulates ({@link DistrictSimulator#GAS_DELAY_MS})
     * @param periods the periods it reported: the readings once merged
     * @param messages the messages it sent, bad ones included, duplicates not
     */
    public record StationTruth(
            String period,
            String stamp,
            List<String> plan,
            boolean periodInMessages,
            boolean split,
            long periods,
            long messages) {}

    public record Stuck(String station, String pollutant, String from, String to, double value) {}

    public record Offline(String station, String from, String to) {}

    public void write(Path file) throws IOException {
        new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .writerWithDefaultPrettyPrinter()
                .writeValue(file.toFile(), this);
    }

    static final class Builder {
        private final SimulationOptions o;
        private long inspections, readings, outOfOrder, late, duplicates, missing;
        private final Map<Cargo, long[]> cargo = new EnumMap<>(Cargo.class);
        private final Map<String, long[]> roads = new TreeMap<>();
        private final Map<BadKind, Long> bad = new EnumMap<>(BadKind.class);
        private final List<Stuck> stuck = new ArrayList<>();
        private final List<Offline> offline = new ArrayList<>();
        private final Map<String, StationTruth> stations = new TreeMap<>();
        private final Map<String, long[]> stationCounts = new TreeMap<>();

        Builder(SimulationOptions o) {
            this.o = o;
        }

        void inspection(String road, boolean violating, Cargo c, int mask) {
            inspections++;
            long[] k = cargo.computeIfAbsent(c, x -> new long[6]);
            k[0]++;
            k[1] += violating ? 1 : 0;
            for (Violation v : Violation.values()) {
                k[2 + v.ordinal()] += v.in(mask) ? 1 : 0;
            }
            long[] r = roads.computeIfAbsent(road, x -> new long[2]);
            r[0]++;
            r[1] += violating ? 1 : 0;
        }

        /** Registers a station's way of reporting, before its first reading. */
        void station(
                String id,
                String period,
                String stamp,
                List<String> plan,
                boolean periodInMessages,
                boolean split) {
            stations.put(
                    id,
                    new StationTruth(
                            period, stamp, List.copyOf(plan), periodInMessages, split, 0, 0));
            stationCounts.put(id, new long[2]);
        }

        /** Counts a period a station reported and returns its {periods, messages} counters. */
        long[] counters(String station) {
            return stationCounts.get(station);
        }

        /** One reading message of a station whose counters are {@code c}. */
        void reading(long[] c) {
            readings++;
            c[1]++;
        }

        void bad(BadKind kind) {
            bad.merge(kind, 1L, Long::sum);
        }

        void late() {
            late++;
        }

        void outOfOrder() {
            outOfOrder++;
        }

        void duplicate() {
            duplicates++;
        }

        void missing() {
            missing++;
        }

        void stuck(String station, String pollutant, long from, long to, double value) {
            stuck.add(new Stuck(station, pollutant, iso(from), iso(to), value));
        }

        void offline(String station, long from, long to) {
            offline.add(new Offline(station, iso(from), iso(to)));
        }

        GroundTruth build() {
            Map<String, long[]> c = new TreeMap<>();
            cargo.forEach((k, v) -> c.put(k.name(), v.clone()));
            Map<String, Long> b = new TreeMap<>();
            bad.forEach((k, v) -> b.put(k.name(), v));
            Map<String, long[]> r = new TreeMap<>();
            roads.forEach((k, v) -> r.put(k, v.clone()));
            return new GroundTruth(
                    o.seed(),
                    o.start().toString(),
                    o.start().plus(o.span()).toString(),
                    inspections,
                    readings,
                    c,
                    r,
                    b,
                    outOfOrder,
                    late,
                    duplicates,
                    missing,
                    List.copyOf(stuck),
                    List.copyOf(offline),
                    o.scenario().spikes(),
                    o.scenario().episodes(),
                    stationsSoFar());
        }

        private Map<String, StationTruth> stationsSoFar() {
            Map<String, StationTruth> m = new TreeMap<>();
            stations.forEach(
                    (id, s) -> {
                        long[] c = stationCounts.get(id);
                        m.put(
                                id,
                                new StationTruth(
                                        s.period(),
                                        s.stamp(),
                                        s.plan(),
                                        s.periodInMessages(),
                                        s.split(),
                                        c[0],
                                        c[1]));
                    });
            return m;
        }

        private static String iso(long ms) {
            return Instant.ofEpochMilli(ms).toString();
        }
    }
}
