package org.dustwatch.report;

/**
 * The headline figures beside the previous period's (环比), district-wide or in the report's scope. A
 * row of a table (a township, a road) is compared by the renderer with {@link Change#of} and the
 * previous period's row of the same name.
 */
public record Changes(
        Change checkpointsActive,
        Change inspected,
        Change violating,
        Change violationRate,
        Change uncovered,
        Change overheight,
        Change overload,
        Change spillage,
        Change finesYuan,
        Change validDays,
        Change naDays,
        Change goodDays,
        Change goodDayRatio,
        Change meanPm25,
        Change meanPm10,
        Change alerts,
        Change refused,
        Change late,
        Change duplicates) {

    /** The headline figures of {@code current} beside those of {@code previous}. */
    public static Changes between(PeriodFigures current, PeriodFigures previous) {
        InspectionCounts c = current.inspections().total();
        InspectionCounts p = previous.inspections().total();
        AreaAirQuality ca = current.airQuality().overall();
        AreaAirQuality pa = previous.airQuality().overall();
        DataQualityFigures cq = current.dataQuality();
        DataQualityFigures pq = previous.dataQuality();
        return new Changes(
                Change.of(current.checkpoints().active(), previous.checkpoints().active()),
                Change.of(c.inspected(), p.inspected()),
                Change.of(c.violating(), p.violating()),
                Change.of(c.violationRate(), p.violationRate()),
                Change.of(c.uncovered(), p.uncovered()),
                Change.of(c.overheight(), p.overheight()),
                Change.of(c.overload(), p.overload()),
                Change.of(c.spillage(), p.spillage()),
                Change.of(c.finesYuan(), p.finesYuan()),
                Change.of(ca == null ? null : ca.validDays(), pa == null ? null : pa.validDays()),
                Change.of(ca == null ? null : ca.naDays(), pa == null ? null : pa.naDays()),
                Change.of(ca == null ? null : ca.goodDays(), pa == null ? null : pa.goodDays()),
                Change.of(
                        ca == null ? null : ca.goodDayRatio(),
                        pa == null ? null : pa.goodDayRatio()),
                Change.of(ca == null ? null : ca.meanPm25(), pa == null ? null : pa.meanPm25()),
                Change.of(ca == null ? null : ca.meanPm10(), pa == null ? null : pa.meanPm10()),
                Change.of(current.alerts().opened(), previous.alerts().opened()),
                Change.of(cq.refused(), pq.refused()),
                Change.of(cq.late(), pq.late()),
                Change.of(cq.duplicates(), pq.duplicates()));
    }
}
