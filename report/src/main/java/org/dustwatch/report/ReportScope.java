package org.dustwatch.report;

import java.util.List;

/**
 * What a report covers. A township filter narrows every section to the township; a road filter
 * narrows the inspections to the road's checkpoints, and the air-quality, spillage-and-dust and
 * station sections to the townships the road crosses (which {@code airQuality} says, so that the
 * report can say it too).
 *
 * @param township the {@code --township} filter, or {@code null}
 * @param road the {@code --road} filter, or {@code null}
 * @param townships the townships whose checkpoints the inspection sections count, sorted
 * @param airQuality what the air-quality section covers
 * @param airTownships the townships the air-quality section covers, sorted
 */
public record ReportScope(
        String township,
        String road,
        List<String> townships,
        AirCoverage airQuality,
        List<String> airTownships) {

    /** What the air-quality section covers. */
    public enum AirCoverage {
        /** The whole district (no filter): its own AQI and each township's. */
        DISTRICT,
        /** The township of {@code --township}. */
        TOWNSHIP,
        /** The townships the road of {@code --road} crosses (it has checkpoints in). */
        ROAD_TOWNSHIPS
    }

    public ReportScope {
        townships = List.copyOf(townships);
        airTownships = List.copyOf(airTownships);
    }

    /** Whether the report is of the whole district. */
    public boolean districtWide() {
        return township == null && road == null;
    }
}
