package org.dustwatch.jobs.records;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import org.dustwatch.model.Quantity;

/**
 * One station's hour as the AQI sees it: per pollutant, the exact hourly mean when the hour is
 * valid for it (its readings cover at least 45 minutes, docs/aqi.md), else {@code null}. Arrays are
 * indexed by {@link Quantity#ordinal()} for the six pollutants ({@code PM25} to {@code O3}).
 *
 * @param mean the duration-weighted mean of the readings' values over the minutes they cover, in
 *     exact decimal arithmetic; {@code null} where the hour is not valid
 * @param coveredMs how much of the hour the readings of each pollutant cover (their union)
 * @param plan the pollutants the station's monitoring plan covers, as bits {@code 1 << ordinal}
 */
public record PollutantHour(
        String station,
        String township,
        long hourStart,
        BigDecimal[] mean,
        long[] coveredMs,
        int plan) {

    public static final int POLLUTANTS = 6;

    public BigDecimal mean(Quantity q) {
        return mean[q.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollutantHour p
                && station.equals(p.station)
                && Objects.equals(township, p.township)
                && hourStart == p.hourStart
                && Arrays.equals(mean, p.mean)
                && Arrays.equals(coveredMs, p.coveredMs)
                && plan == p.plan;
    }

    @Override
    public int hashCode() {
        return Objects.hash(station, hourStart);
    }

    @Override
    public String toString() {
        return "PollutantHour["
                + station
                + " "
                + hourStart
                + " "
                + Arrays.toString(mean)
                + " covered="
                + Arrays.toString(coveredMs)
                + "]";
    }
}
