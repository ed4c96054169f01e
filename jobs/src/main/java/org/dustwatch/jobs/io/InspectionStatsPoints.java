package org.dustwatch.jobs.io;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;

/**
 * {@link InspectionStats} as a point of {@code <level>_inspections}, tagged with the subject and
 * window, timestamped with the window start (see docs/schema.md). A checkpoint's points also carry
 * its coordinates, {@code lat} and {@code lon}, from reference data, for Grafana's map.
 */
public final class InspectionStatsPoints implements PointConverter<InspectionStats> {

    private final java.util.HashMap<String, double[]> coordinates = new java.util.HashMap<>();

    public InspectionStatsPoints(org.dustwatch.model.ReferenceData reference) {
        for (org.dustwatch.model.Checkpoint c : reference.checkpoints()) {
            coordinates.put(c.id(), new double[] {c.lat(), c.lon()});
        }
    }

    @Override
    public Point toPoint(InspectionStats s) {
        Point p = point(s);
        double[] at = Level.CHECKPOINT.is(s.level()) ? coordinates.get(s.subject()) : null;
        if (at != null) {
            p.field("lat", at[0]).field("lon", at[1]);
        }
        return p;
    }

    private static Point point(InspectionStats s) {
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
