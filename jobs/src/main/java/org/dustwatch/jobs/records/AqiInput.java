package org.dustwatch.jobs.records;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import org.dustwatch.aqi.Average;

/**
 * The averages behind one AQI report of a station, a township or the district, before any rounding:
 * what {@code IndexReports} indexes.
 *
 * @param scope {@code station}, {@code township} or {@code district}
 * @param subject the station id, the township, or {@code district}
 * @param township the township (of the station); {@code null} for the district
 * @param window {@code 1h} (the real-time report) or {@code 1d} (the daily report)
 * @param start the hour's start, or the local day's start
 * @param averages by {@link Average#ordinal()}, exact; {@code null} where missing
 * @param plan the pollutants in the monitoring plan of the station, or of any of the area's
 *     stations, as bits {@code 1 << Quantity.ordinal()}
 * @param stations how many stations the averages come from
 */
public record AqiInput(
        String scope,
        String subject,
        String township,
        String window,
        long start,
        BigDecimal[] averages,
        int plan,
        int stations) {

    public BigDecimal get(Average a) {
        return averages[a.ordinal()];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AqiInput r
                && scope.equals(r.scope)
                && subject.equals(r.subject)
                && Objects.equals(township, r.township)
                && window.equals(r.window)
                && start == r.start
                && Arrays.equals(averages, r.averages)
                && plan == r.plan
                && stations == r.stations;
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, subject, window, start);
    }

    @Override
    public String toString() {
        return "AqiInput["
                + scope
                + " "
                + subject
                + " "
                + window
                + " "
                + start
                + " "
                + Arrays.toString(averages)
                + "]";
    }
}
