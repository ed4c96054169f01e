package org.dustwatch.aqi;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An AQI with everything a report shows.
 *
 * @param aqi the largest sub-index, floored at 1 under HJ 633 (4.1.1: the scale is 1–500); the
 *     computed value even when it is not {@link #published}
 * @param published false when HJ 633—2026 5.3.1 makes AQI, level, category and primary pollutant
 *     "NA": a pollutant of the monitoring plan is missing and the AQI of the others is 100 or less.
 *     The sub-indices and concentrations are published all the same. Always true under HJ 633-2012
 *     and the EPA.
 * @param category the computed category, also when not published
 * @param iaqi every sub-index that could be computed, in {@link SubIndex} order
 * @param primary the primary pollutant(s) (4.3.1): those whose sub-index equals the AQI, when the
 *     AQI is above 50; every one of them in a tie, each pollutant once (O3 has two sub-indices);
 *     empty otherwise. Computed also when not published.
 * @param exceeding HJ 633-2012 4.4.2 only: the pollutants with a sub-index above 100; always empty
 *     under HJ 633—2026 (which dropped the notion) and the EPA
 * @param indexed the concentrations as indexed: every accepted average that was given, after {@link
 *     Rounding} (under the EPA: as given; its truncation happens in ppm and ppb inside)
 * @param missing the pollutants of the report that the monitoring plan covers and that have no
 *     sub-index
 * @param sensitive the pollutants with a sub-index above 100, for which HJ 633—2026 table 2 names
 *     the sensitive groups ({@link Health#sensitiveGroups(java.util.Collection, boolean)})
 * @param rounding how the concentrations were rounded before indexing
 */
public record AqiResult(
        Standard standard,
        Report report,
        int aqi,
        boolean published,
        Category category,
        Map<SubIndex, Integer> iaqi,
        List<String> primary,
        List<String> exceeding,
        Map<Average, BigDecimal> indexed,
        Set<Pollutant> missing,
        List<Pollutant> sensitive,
        Rounding rounding) {

    public AqiResult {
        iaqi = Collections.unmodifiableMap(copy(iaqi, SubIndex.class));
        primary = List.copyOf(primary);
        exceeding = List.copyOf(exceeding);
        indexed = Collections.unmodifiableMap(copy(indexed, Average.class));
        missing =
                Collections.unmodifiableSet(
                        missing.isEmpty()
                                ? EnumSet.noneOf(Pollutant.class)
                                : EnumSet.copyOf(missing));
        sensitive = List.copyOf(sensitive);
    }

    private static <K extends Enum<K>, V> EnumMap<K, V> copy(Map<K, V> m, Class<K> k) {
        EnumMap<K, V> e = new EnumMap<>(k);
        e.putAll(m);
        return e;
    }

    public int level() {
        return category.level();
    }

    /** The category's name in Chinese. */
    public String chinese() {
        return category.chinese();
    }

    public String english() {
        return category.english(standard);
    }

    public String colour() {
        return category.colour(standard);
    }

    /** The primary pollutants joined by commas, or {@code ""}. */
    public String primaryList() {
        return String.join(",", primary);
    }

    /** {@code ok}, or {@code NA} when AQI, level, category and primary are not published. */
    public String status() {
        return published ? "ok" : "NA";
    }
}
