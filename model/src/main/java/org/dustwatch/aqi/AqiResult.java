package org.dustwatch.aqi;

import java.util.List;
import java.util.Map;

/**
 * An AQI with everything a report shows.
 *
 * @param aqi the maximum of the sub-indices
 * @param iaqi every sub-index that could be computed, in {@link SubIndex} order
 * @param primary the primary pollutant(s): those whose sub-index equals the AQI, when the AQI is
 *     above 50; every one of them in a tie, each pollutant once; empty otherwise
 * @param exceeding the pollutants with a sub-index above 100
 */
public record AqiResult(
        Standard standard,
        Report report,
        int aqi,
        Category category,
        Map<SubIndex, Integer> iaqi,
        List<String> primary,
        List<String> exceeding) {

    public AqiResult {
        iaqi = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(iaqi));
        primary = List.copyOf(primary);
        exceeding = List.copyOf(exceeding);
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
}
