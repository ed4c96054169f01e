package org.dustwatch.jobs.records;

import java.util.Arrays;
import java.util.Objects;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.SubIndex;

/**
 * One AQI report (hourly or daily) of a station, a township or the district: one point of the
 * {@code aqi} measurement.
 *
 * @param scope {@code station}, {@code township} or {@code district}
 * @param township the township; {@code null} for the district
 * @param window {@code 1h} (the real-time report) or {@code 1d} (the daily report)
 * @param start the hour's start, or the local day's start
 * @param standard the standard's id, e.g. {@code HJ633-2026}
 * @param published whether the AQI, level, category and primary pollutant are published: false
 *     under HJ 633—2026 5.3.1 (a planned pollutant missing and the AQI 100 or less), and when no
 *     sub-index could be computed at all
 * @param aqi the AQI computed from the sub-indices there are, even when not published; -1 when
 *     there are none
 * @param level the AQI level of {@code aqi}, 1 to 6; -1 when there are no sub-indices
 * @param category the level's Chinese name; {@code ""} when there are no sub-indices
 * @param primary the primary pollutants joined by commas; empty when the AQI is 50 or less
 * @param exceeding the pollutants with an IAQI above 100, joined by commas (HJ 633-2012 only)
 * @param missing the planned pollutants without a valid value, joined by commas
 * @param iaqi the sub-indices by {@link SubIndex#ordinal()}; -1 where none could be computed
 * @param averages the averages that fed them, unrounded, by {@link Average#ordinal()}; NaN where
 *     missing
 * @param advice the health advice of the level (Chinese); {@code ""} when not published
 * @param sensitiveGroups the sensitive groups of the pollutants with an IAQI above 100 (Chinese)
 * @param stations how many stations the averages come from
 */
public record AqiReport(
        String scope,
        String subject,
        String township,
        String window,
        long start,
        String standard,
        boolean published,
        int aqi,
        int level,
        String category,
        String categoryEn,
        String primary,
        String exceeding,
        String missing,
        int[] iaqi,
        double[] averages,
        String advice,
        String adviceEn,
        String sensitiveGroups,
        String sensitiveGroupsEn,
        int stations) {

    /** {@code ok}, or {@code NA} when the AQI is not published. */
    public String status() {
        return published ? "ok" : "NA";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AqiReport r
                && scope.equals(r.scope)
                && subject.equals(r.subject)
                && Objects.equals(township, r.township)
                && window.equals(r.window)
                && start == r.start
                && standard.equals(r.standard)
                && published == r.published
                && aqi == r.aqi
                && level == r.level
                && category.equals(r.category)
                && categoryEn.equals(r.categoryEn)
                && primary.equals(r.primary)
                && exceeding.equals(r.exceeding)
                && missing.equals(r.missing)
                && Arrays.equals(iaqi, r.iaqi)
                && Arrays.equals(averages, r.averages)
                && advice.equals(r.advice)
                && adviceEn.equals(r.adviceEn)
                && sensitiveGroups.equals(r.sensitiveGroups)
                && sensitiveGroupsEn.equals(r.sensitiveGroupsEn)
                && stations == r.stations;
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
                + " "
                + status()
                + " aqi="
                + aqi
                + " iaqi="
                + Arrays.toString(iaqi)
                + " averages="
                + Arrays.toString(averages)
                + "]";
    }
}
