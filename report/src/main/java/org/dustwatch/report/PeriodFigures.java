package org.dustwatch.report;

/**
 * The figures of one period, section by section, in the order of the report (issue #22's "Content"
 * 1 to 6). The current and the previous period have the same shape.
 */
public record PeriodFigures(
        ReportPeriod period,
        CheckpointFigures checkpoints,
        InspectionFigures inspections,
        AirQualityFigures airQuality,
        SpillageDustFigures spillageDust,
        AlertFigures alerts,
        DataQualityFigures dataQuality) {}
