package org.dustwatch.jobs.functions;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.InspectionStats;

/**
 * {@link InspectionStats} as a point of {@code <level>_inspections}, tagged with the subject and
 * window, timestamped with the window start (see docs/schema.md).
 */
public final class InspectionStatsPoints implements PointConverter<InspectionStats> {

    @Override
    public Point toPoint(InspectionStats s) {
        return Point.measurement(s.level() + "_inspections")
                .tag(s.level(), s.subject())
                .tag("road", s.road())
                .tag("township", s.township())
                .tag("window", s.window())
                .field("inspected", s.inspected())
                .field("violating", s.violating())
                .field("violation_rate", s.violationRate())
                .field("uncovered", s.uncovered())
                .field("overheight", s.overheight())
                .field("overload", s.overload())
                .field("spillage", s.spillage())
                .field("fines_yuan", s.finesYuan())
                .time(s.windowStart());
    }
}
