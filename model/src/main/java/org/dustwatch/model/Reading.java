package org.dustwatch.model;

import java.time.Duration;

/**
 * A validated, enriched air-quality reading: the averages of what a station measured over one
 * period, {@code [start, start + periodMs)}.
 *
 * <p>Any measured value may be missing because sensors fail; a missing value is {@code NaN} and
 * must be treated as missing, never as zero. Concentrations are µg/m³ except {@code co} in mg/m³.
 *
 * <p>Its event time is the last instant of its period ({@link #eventTime()}): an average is known
 * when its period ends, so an hourly mean delivered after its hour is on time, and it falls into
 * every window that contains its period (docs/events.md, "Readings").
 *
 * @param stationId id of the station (reference data key)
 * @param ts the timestamp as the reading carried it, epoch milliseconds
 * @param start the start of the period it averages, epoch milliseconds ({@code ts} or {@code ts -
 *     period}, by the feed's {@link Stamp})
 * @param periodMs the length of that period
 * @param township township of the station, from reference data
 */
public record Reading(
        String stationId,
        long ts,
        long start,
        long periodMs,
        double pm25,
        double pm10,
        double so2,
        double no2,
        double co,
        double o3,
        double tempC,
        double humidity,
        double windSpeed,
        double windDir,
        String township) {

    /** The shortest period a reading may average: one second. */
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);

    /** The longest: one hour, the real-time report's period. */
    public static final Duration MAX_PERIOD = Duration.ofHours(1);

    /** The last instant the reading covers: its event time. */
    public long eventTime() {
        return start + periodMs - 1;
    }

    /** The end of its period (exclusive). */
    public long end() {
        return start + periodMs;
    }

    /**
     * Checks that a period is whole seconds from {@link #MIN_PERIOD} to {@link #MAX_PERIOD}.
     *
     * @throws IllegalArgumentException saying why not
     */
    public static Duration checkPeriod(Duration period) {
        if (period.compareTo(MIN_PERIOD) < 0
                || period.compareTo(MAX_PERIOD) > 0
                || period.getNano() != 0) {
            throw new IllegalArgumentException(
                    "period " + period + " is not whole seconds from PT1S to PT1H");
        }
        return period;
    }

    /** Whether a measured value is present (not {@code NaN}). */
    public static boolean present(double value) {
        return !Double.isNaN(value);
    }
}
