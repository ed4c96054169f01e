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
     * @param meanExcess the mean PM10 anomaly of the {@code afterHours} minus that of the {@code
     *     otherHours}, µg/m³; {@code null} when either set is empty
     * @param verdict {@link Verdict#TOO_FEW} below the method's thresholds
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
            Verdict verdict) {}
}
