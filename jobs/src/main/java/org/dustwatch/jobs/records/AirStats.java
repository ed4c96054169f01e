package org.dustwatch.jobs.records;

import java.util.Arrays;
import org.dustwatch.model.Quantity;

/**
 * One window's air-quality figures for a station or a township: one InfluxDB point. Arrays are
 * indexed by {@link Quantity#ordinal()}.
 *
 * <p>For a <b>station</b>, {@code sum[q]} and {@code count[q]} are the sum and number of readings
 * that had quantity q, and {@code max[q]} their maximum. For a <b>township</b>, {@code sum[q]} is
 * the sum of its stations' means and {@code count[q]} the number of stations that had q, so that in
 * both cases the mean is {@code sum[q] / count[q]}: for a township, the mean over its stations.
 *
 * @param level {@code station} or {@code township}
 * @param township the station's township (station level), or the subject (township level)
 * @param windSin sum of sin(direction) over readings with a wind direction (station level)
 * @param windCos sum of cos(direction), likewise
 * @param readings readings in the window
 */
public record AirStats(
        String level,
        String subject,
        String township,
        String window,
        long windowStart,
        double[] sum,
        long[] count,
        double[] max,
        double windSin,
        double windCos,
        long readings)
        implements WindowResult {

    /** Mean of quantity q, or {@code NaN} when no value was present. */
    public double mean(Quantity q) {
        int i = q.ordinal();
        return count[i] == 0 ? Double.NaN : sum[i] / count[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AirStats a
                && level.equals(a.level)
                && subject.equals(a.subject)
                && java.util.Objects.equals(township, a.township)
                && window.equals(a.window)
                && windowStart == a.windowStart
                && Arrays.equals(sum, a.sum)
                && Arrays.equals(count, a.count)
                && Arrays.equals(max, a.max)
                && Double.compare(windSin, a.windSin) == 0
                && Double.compare(windCos, a.windCos) == 0
                && readings == a.readings;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(level, subject, window, windowStart, readings);
    }

    @Override
    public String toString() {
        return "AirStats["
                + level
                + " "
                + subject
                + " "
                + window
                + " "
                + windowStart
                + " sum="
                + Arrays.toString(sum)
                + " count="
                + Arrays.toString(count)
                + " max="
                + Arrays.toString(max)
                + " readings="
                + readings
                + "]";
    }
}
