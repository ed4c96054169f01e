package org.dustwatch.jobs.records;

import java.util.Arrays;
import java.util.Objects;
import org.dustwatch.model.Quantity;

/**
 * One station's or township's valid hourly means of the six pollutants: the input of the AQI.
 * {@code mean} is indexed by {@link Quantity#ordinal()} for the pollutants ({@code PM25} to {@code
 * O3}); an hour that is not valid for a pollutant (see docs/aqi.md) holds {@code NaN}.
 *
 * @param level {@code station} or {@code township}
 * @param stations for a township, how many stations had a valid hour per pollutant; for a station,
 *     1 where the hour is valid
 */
public record PollutantHour(
        String level,
        String subject,
        String township,
        long hourStart,
        double[] mean,
        int[] stations) {

    public static final int POLLUTANTS = 6;

    public double mean(Quantity q) {
        return mean[q.ordinal()];
    }

    /** The key the AQI state is kept under. */
    public String key() {
        return level + "|" + subject;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PollutantHour p
                && level.equals(p.level)
                && subject.equals(p.subject)
                && Objects.equals(township, p.township)
                && hourStart == p.hourStart
                && Arrays.equals(mean, p.mean)
                && Arrays.equals(stations, p.stations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(level, subject, hourStart);
    }

    @Override
    public String toString() {
        return "PollutantHour["
                + level
                + " "
                + subject
                + " "
                + hourStart
                + " "
                + Arrays.toString(mean)
                + "]";
    }
}
