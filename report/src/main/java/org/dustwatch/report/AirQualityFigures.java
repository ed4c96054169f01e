package org.dustwatch.report;

import java.util.List;

/**
 * Section 3, air quality: the district's own daily reports and each township's, from the {@code
 * aqi} measurement's daily points ({@code window='1d'}).
 *
 * @param district the district's ({@code scope='district'}); {@code null} when the report has a
 *     township or road filter, whose section covers townships only
 * @param townships each township the section covers, sorted by name
 */
public record AirQualityFigures(AreaAirQuality district, List<AreaAirQuality> townships) {

    public AirQualityFigures {
        townships = List.copyOf(townships);
    }

    /**
     * The area of the headline figures: the district, or the township of a township filter, or
     * {@code null} when a road crosses several townships (the section then has only their rows).
     */
    public AreaAirQuality overall() {
        if (district != null) {
            return district;
        }
        return townships.size() == 1 ? townships.get(0) : null;
    }
}
