package org.dustwatch.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Section 4, spillage and dust: per township, whether hours after spillage violations have more
 * PM10 than hours without, controlled for the hour of day.
 *
 * <p>Why controlled: night haulage and night-time inversions peak together, so hours with spillage
 * are mostly hours with high PM10 whatever the trucks drop. Each hour's PM10 is therefore taken as
 * its <em>anomaly</em>, the hour's township PM10 minus the mean PM10 of the same hour of day over
 * the period; spillage is set against anomalies only.
 *
 * @param townships one entry per township the section covers, sorted by name
 */
public record SpillageDustFigures(List<SpillageDust> townships) {

    public SpillageDustFigures {
        townships = List.copyOf(townships);
    }

    /** Whether a township's data allow a conclusion. */
    public enum Verdict {
        ENOUGH_DATA("enough data"),
        TOO_FEW("too few");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        @JsonValue
        public String text() {
            return text;
        }
    }

    /**
     * One township's analysis ({@link SpillageMethod} has the lag and the thresholds).
     *
     * @param hours hours with a township PM10 mean ({@code township_air_quality}, {@code 1h})
     * @param spillageHours of those, hours with at least one spillage violation
     * @param spillages spillage violations in those hours
     * @param afterHours hours in the lag of a spillage hour (the hour itself included)
     * @param otherHours hours with no spillage in the lag before them
     * @param correlation Pearson's r between the hour's spillage count summed over the lag before
     *     it (the hour included) and the hour's PM10 anomaly; {@code null} when either is constant
     * @param meanExcess per hour of day with both kinds of hour, the mean PM10 of its after hours
     *     minus that of its other hours, averaged with the after hours as weights (from {@code
     *     byHour}), µg/m³; {@code null} when no hour of day has both
     * @param verdict {@link Verdict#TOO_FEW} below the method's thresholds
     * @param byHour the two sides of {@code meanExcess}, one entry per local hour of day that has
     *     at least one hour with PM10, in order of the hour; empty in a report written before the
     *     series was kept (a JSON without {@code byHour} reads back with an empty list)
     */
    public record SpillageDust(
            String township,
            int hours,
            int spillageHours,
            long spillages,
            int afterHours,
            int otherHours,
            Double correlation,
            Double meanExcess,
            Verdict verdict,
            List<HourOfDay> byHour) {

        public SpillageDust {
            byHour = byHour == null ? List.of() : List.copyOf(byHour);
        }
    }

    /**
     * One local hour of day of a township: its after-spillage hours and its other hours with the
     * mean PM10 of each, µg/m³, so that a chart shows the comparison {@code meanExcess} sums up.
     * {@code meanExcess} is the sum over the hours of day with both kinds of {@code afterHours ×
     * (meanAfter − meanOther)}, divided by the sum of their {@code afterHours}.
     *
     * @param hour the local hour of day (Asia/Shanghai), 0–23
     * @param afterHours the period's hours at this hour of day with an exposure above 0
     * @param meanAfter their mean PM10; {@code null} when there are none
     * @param otherHours the period's hours at this hour of day with no exposure
     * @param meanOther their mean PM10; {@code null} when there are none
     */
    public record HourOfDay(
            int hour, int afterHours, Double meanAfter, int otherHours, Double meanOther) {}
}
