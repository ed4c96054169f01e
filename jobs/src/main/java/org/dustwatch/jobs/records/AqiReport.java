package org.dustwatch.jobs.records;

import java.util.Arrays;
import java.util.Objects;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.SubIndex;

/**
 * One AQI report (hourly or daily) of a station or township: one point of the {@code aqi}
 * measurement.
 *
 * @param window {@code 1h} (the real-time report) or {@code 1d} (the daily report)
 * @param start the hour's start, or the local day's start
 * @param standard the standard's id, e.g. {@code HJ633-2026}
 * @param level the AQI level, 1 to 6
 * @param category the category's Chinese name
 * @param primary the primary pollutants joined by commas; empty when the AQI is 50 or less
 * @param exceeding the pollutants with an IAQI above 100, joined by commas
 * @param iaqi the sub-indices by {@link SubIndex#ordinal()}; -1 where none could be computed
 * @param averages the averages that fed them, by {@link Average#ordinal()}; NaN where missing
 */
public record AqiReport(
        String scope,
        String subject,
        String township,
        String window,
        long start,
        String standard,
        int aqi,
        int level,
        String category,
        String categoryEn,
        String primary,
        String exceeding,
        int[] iaqi,
        double[] averages) {

    @Override
    public boolean equals(Object o) {
        return o instanceof AqiReport r
                && scope.equals(r.scope)
                && subject.equals(r.subject)
                && Objects.equals(township, r.township)
                && window.equals(r.window)
                && start == r.start
                && standard.equals(r.standard)
                && aqi == r.aqi
                && level == r.level
                && category.equals(r.category)
                && categoryEn.equals(r.categoryEn)
                && primary.equals(r.primary)
                && exceeding.equals(r.exceeding)
                && Arrays.equals(iaqi, r.iaqi)
                && Arrays.equals(averages, r.averages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, subject, window, start, aqi);
    }

    @Override
    public String toString() {
        return "AqiReport["
                + scope
                + " "
                + subject
                + " "
                + window
                + " "
                + start
                + " "
                + standard
                + " aqi="
                + aqi
                + " iaqi="
                + Arrays.toString(iaqi)
                + " averages="
                + Arrays.toString(averages)
                + "]";
    }
}
