package org.dustwatch.report;

import java.time.LocalDate;

/**
 * The campaign's totals behind "截至目前，共检查过往车辆×××余辆，查处…遗撒飘散行为×××起，行政罚款×××余元": every inspection from
 * {@code --since} to the period's last day, in the report's scope.
 *
 * @param since the campaign's first day
 * @param to the last day counted (the period's last day)
 * @param counts the inspections of those days
 * @param activeCheckpoints checkpoints with at least one inspection in those days
 */
public record Cumulative(
        LocalDate since, LocalDate to, InspectionCounts counts, int activeCheckpoints) {}
