package org.dustwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.dustwatch.model.Violation;

/**
 * Everything a simulation depends on. The same options (seed included) give byte-identical output.
 *
 * @param inspectionsPerHour district-wide mean inspections per hour over the span; the daily and
 *     weekly profiles move traffic around this mean
 * @param readingInterval the averaging period of every station's readings, overriding the stations'
 *     own (whole minutes from PT1M to PT1H); zero for no readings; {@code null} for each station's
 *     declared period, else {@link #DEFAULT_READING_PERIOD}
 * @param badRate share of inspection and reading records replaced by a bad record
 * @param outOfOrderRate share of events emitted up to {@code outOfOrderMax} after later ones
 * @param lateRate share of events emitted {@code lateDelay} after their event time
 * @param duplicateRate share of events emitted twice
 * @param missingRate chance that a pollutant is missing from a reading
 * @param stuckRate chance per station and hour that one pollutant sensor sticks for 1–3 hours
 * @param offlineRate chance per station and hour that the station goes offline for 30–120 min
 * @param fines fine per violation, yuan
 * @param splitFeeds ids of the stations whose particulate monitor and gas analyser send their
 *     averages of one period in two messages; ids the reference data does not have are ignored
 */
public record SimulationOptions(
        long seed,
        Instant start,
        Duration span,
        double inspectionsPerHour,
        Duration readingInterval,
        double badRate,
        double outOfOrderRate,
        Duration outOfOrderMax,
        double lateRate,
        Duration lateDelay,
        double duplicateRate,
        double missingRate,
        double stuckRate,
        double offlineRate,
        Map<Violation, Integer> fines,
        Scenario scenario,
        Set<String> splitFeeds) {

    /**
     * Five minutes: the most common cadence of automatic stations' averages, for a station whose
     * reference data declares none.
     */
    public static final Duration DEFAULT_READING_PERIOD = Duration.ofMinutes(5);

    /**
     * The stations of the bundled district whose particulates and gases arrive apart: four of the
     * five-minute ones, two with a declared period and two without (docs/simulator.md).
     */
    public static final Set<String> DEFAULT_SPLIT_FEEDS =
            Set.of("AQ-04", "AQ-09", "AQ-15", "AQ-20");

    /** The default fine schedule, yuan per violation. */
    public static Map<Violation, Integer> defaultFines() {
        Map<Violation, Integer> f = new EnumMap<>(Violation.class);
        f.put(Violation.UNCOVERED, 200);
        f.put(Violation.OVERHEIGHT, 500);
        f.put(Violation.OVERLOAD, 1000);
        f.put(Violation.SPILLAGE, 2000);
        return f;
    }

    public SimulationOptions {
        if (span.isNegative() || span.isZero()) {
            throw new IllegalArgumentException("the span must be positive");
        }
        if (inspectionsPerHour < 0) {
            throw new IllegalArgumentException("inspections per hour must not be negative");
        }
        for (double r :
                new double[] {
                    badRate,
                    outOfOrderRate,
                    lateRate,
                    duplicateRate,
                    missingRate,
                    stuckRate,
                    offlineRate
                }) {
            if (!(r >= 0 && r <= 1)) {
                throw new IllegalArgumentException("rates must be in [0, 1], was " + r);
            }
        }
        if (readingInterval != null && !readingInterval.isZero()) {
            checkPeriod(readingInterval, "the reading interval");
        }
        fines = new EnumMap<>(fines);
        splitFeeds = Set.copyOf(splitFeeds);
        if (fines.size() != Violation.values().length) {
            throw new IllegalArgumentException(
                    "the fine schedule needs a fine for every violation");
        }
    }

    /** As above, with the {@link #DEFAULT_SPLIT_FEEDS}. */
    public SimulationOptions(
            long seed,
            Instant start,
            Duration span,
            double inspectionsPerHour,
            Duration readingInterval,
            double badRate,
            double outOfOrderRate,
            Duration outOfOrderMax,
            double lateRate,
            Duration lateDelay,
            double duplicateRate,
            double missingRate,
            double stuckRate,
            double offlineRate,
            Map<Violation, Integer> fines,
            Scenario scenario) {
        this(
                seed,
                start,
                span,
                inspectionsPerHour,
                readingInterval,
                badRate,
                outOfOrderRate,
                outOfOrderMax,
                lateRate,
                lateDelay,
                duplicateRate,
                missingRate,
                stuckRate,
                offlineRate,
                fines,
                scenario,
                DEFAULT_SPLIT_FEEDS);
    }

    /**
     * Checks that a period is one the simulator can follow: whole minutes from PT1M to PT1H (it
     * simulates the district a minute at a time).
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static Duration checkPeriod(Duration period, String what) {
        if (period.compareTo(Duration.ofMinutes(1)) < 0
                || period.compareTo(Duration.ofHours(1)) > 0
                || period.toMillis() % 60_000 != 0) {
            throw new IllegalArgumentException(
                    what
                            + " must be whole minutes from PT1M to PT1H (the simulator steps a"
                            + " minute at a time), was "
                            + period);
        }
        return period;
    }

    /** The same options with another traffic level. */
    public SimulationOptions withInspectionsPerHour(double perHour) {
        return with(d -> d.inspectionsPerHour = perHour);
    }

    /** The same options with other split feeds. */
    public SimulationOptions withSplitFeeds(Set<String> ids) {
        return with(d -> d.splitFeeds = ids);
    }

    /** The same options with every station's readings averaging {@code interval} (or none). */
    public SimulationOptions withReadingInterval(Duration interval) {
        return with(d -> d.readingInterval = interval);
    }

    /** The same options over another span. */
    public SimulationOptions withSpan(Duration span) {
        return with(d -> d.span = span);
    }

    /**
     * The same options with other shares of bad, out-of-order, late and repeated records (each
     * within its own delay: {@code outOfOrderMax}, {@code lateDelay}).
     */
    public SimulationOptions withDeliveryFaults(
            double badRate, double outOfOrderRate, double lateRate, double duplicateRate) {
        return with(
                d -> {
                    d.badRate = badRate;
                    d.outOfOrderRate = outOfOrderRate;
                    d.lateRate = lateRate;
                    d.duplicateRate = duplicateRate;
                });
    }

    /** The same options with late records emitted {@code lateDelay} after their event time. */
    public SimulationOptions withLateDelay(Duration lateDelay) {
        return with(d -> d.lateDelay = lateDelay);
    }

    /** The same options with other rates of missing values, stuck sensors and station outages. */
    public SimulationOptions withStationFaults(
            double missingRate, double stuckRate, double offlineRate) {
        return with(
                d -> {
                    d.missingRate = missingRate;
                    d.stuckRate = stuckRate;
                    d.offlineRate = offlineRate;
                });
    }

    /** The same options with another scenario of spikes and episodes. */
    public SimulationOptions withScenario(Scenario scenario) {
        return with(d -> d.scenario = scenario);
    }

    /** A copy changed by {@code change}, checked by the canonical constructor like any other. */
    private SimulationOptions with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.build();
    }

    /**
     * The options as fields a wither may set: the one place besides the record header that lists
     * them all, so that a new option is added here and not in every wither.
     */
    private static final class Draft {
        long seed;
        Instant start;
        Duration span;
        double inspectionsPerHour;
        Duration readingInterval;
        double badRate;
        double outOfOrderRate;
        Duration outOfOrderMax;
        double lateRate;
        Duration lateDelay;
        double duplicateRate;
        double missingRate;
        double stuckRate;
        double offlineRate;
        Map<Violation, Integer> fines;
        Scenario scenario;
        Set<String> splitFeeds;

        Draft(SimulationOptions o) {
            seed = o.seed;
            start = o.start;
            span = o.span;
            inspectionsPerHour = o.inspectionsPerHour;
            readingInterval = o.readingInterval;
            badRate = o.badRate;
            outOfOrderRate = o.outOfOrderRate;
            outOfOrderMax = o.outOfOrderMax;
            lateRate = o.lateRate;
            lateDelay = o.lateDelay;
            duplicateRate = o.duplicateRate;
            missingRate = o.missingRate;
            stuckRate = o.stuckRate;
            offlineRate = o.offlineRate;
            fines = o.fines;
            scenario = o.scenario;
            splitFeeds = o.splitFeeds;
        }

        SimulationOptions build() {
            return new SimulationOptions(
                    seed,
                    start,
                    span,
                    inspectionsPerHour,
                    readingInterval,
                    badRate,
                    outOfOrderRate,
                    outOfOrderMax,
                    lateRate,
                    lateDelay,
                    duplicateRate,
                    missingRate,
                    stuckRate,
                    offlineRate,
                    fines,
                    scenario,
                    splitFeeds);
        }
    }

    /**
     * Defaults: each station at its own cadence ({@link #DEFAULT_READING_PERIOD} where it declares
     * none), the {@link #DEFAULT_SPLIT_FEEDS}, no disorder, 1% bad records, 2% missing values, rare
     * stuck sensors and outages.
     */
    public static SimulationOptions defaults(
            long seed, Instant start, Duration span, double inspectionsPerHour) {
        return new SimulationOptions(
                seed,
                start,
                span,
                inspectionsPerHour,
                null,
                0.01,
                0,
                Duration.ofSeconds(20),
                0,
                Duration.ofMinutes(15),
                0,
                0.02,
                0.002,
                0.002,
                defaultFines(),
                Scenario.none(),
                DEFAULT_SPLIT_FEEDS);
    }
}
