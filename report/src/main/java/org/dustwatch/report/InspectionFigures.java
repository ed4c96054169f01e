package org.dustwatch.report;

import java.time.LocalDate;
import java.util.List;

/**
 * Section 2, inspections: the total, the daily series, and the rows of the township, road and
 * checkpoint tables.
 *
 * <p>Rows are sorted by violation rate, highest first (then by inspections, then by name); rows
 * without inspections come last. The top of a table is its first rows, the bottom its last rows
 * with inspections.
 *
 * @param daily one entry per day of the period, days without inspections included
 * @param townships per township in the scope
 * @param roads per road in the scope
 * @param checkpoints per checkpoint in the scope, inactive ones included
 */
public record InspectionFigures(
        InspectionCounts total,
        List<Day> daily,
        List<Row> townships,
        List<Row> roads,
        List<CheckpointRow> checkpoints) {

    public InspectionFigures {
        daily = List.copyOf(daily);
        townships = List.copyOf(townships);
        roads = List.copyOf(roads);
        checkpoints = List.copyOf(checkpoints);
    }

    /** One local day's figures. */
    public record Day(LocalDate date, InspectionCounts counts) {}

    /** A township's or a road's figures. */
    public record Row(String name, InspectionCounts counts) {}

    /** A checkpoint's figures, with what reference data say of it. */
    public record CheckpointRow(
            String id,
            String name,
            String road,
            String township,
            String type,
            InspectionCounts counts) {}
}
