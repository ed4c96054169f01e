package org.dustwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.dustwatch.model.Violation;

/**
 * Everything a simulation depends on. The same options (seed included) give byte-identical output.
 *
 * @param inspectionsPerHour district-wide mean inspections per hour over the span; the daily and
 *     weekly profiles move traffic around this mean
 * @param readingInterval one reading per station per interval; zero for none
 * @param badRate share of inspection and reading records replaced by a bad record
 * @param outOfOrderRate share of events emitted up to {@code outOfOrderMax} after later ones
 * @param lateRate share of events emitted {@code lateDelay} after their event time
 * @param duplicateRate share of events emitted twice
 * @param missingRate chance that a pollutant is missing from a reading
 * @param stuckRate chance per station and hour that one pollutant sensor sticks for 1–3 hours
 * @param offlineRate chance per station and hour that the station goes offline for 30–120 min
 * @param fines fine per violation, yuan
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
        Scenario scenario) {

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
        fines = new EnumMap<>(fines);
        if (fines.size() != Violation.values().length) {
            throw new IllegalArgumentException(
                    "the fine schedule needs a fine for every violation");
        }
    }

    /** The same options with another traffic level. */
    public SimulationOptions withInspectionsPerHour(double perHour) {
        return new SimulationOptions(
                seed,
                start,
                span,
                perHour,
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
                scenario);
    }

    /** Defaults: no disorder, 1% bad records, 2% missing values, rare stuck sensors and outages. */
    public static SimulationOptions defaults(
            long seed, Instant start, Duration span, double inspectionsPerHour) {
        return new SimulationOptions(
                seed,
                start,
                span,
                inspectionsPerHour,
                Duration.ofMinutes(1),
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
                Scenario.none());
    }
}
