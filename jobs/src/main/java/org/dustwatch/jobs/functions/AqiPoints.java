package org.dustwatch.jobs.functions;

import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.AqiReport;

/**
 * {@link AqiReport} as a point of {@code aqi}. Tags: {@code scope} (station or township), {@code
 * station} (station scope only), {@code township}, {@code window} (1h or 1d) and {@code standard}.
 * A sub-index or average that could not be computed is left out, never written as zero.
 */
public final class AqiPoints implements PointConverter<AqiReport> {

    @Override
    public Point toPoint(AqiReport r) {
        boolean station = "station".equals(r.scope());
        Point p =
                Point.measurement("aqi")
                        .tag("scope", r.scope())
                        .tag("station", station ? r.subject() : null)
                        .tag("township", r.township())
                        .tag("window", r.window())
                        .tag("standard", r.standard())
                        .field("aqi", r.aqi())
                        .field("level", r.level())
                        .field("category", r.category())
                        .field("category_en", r.categoryEn())
                        .field("primary_pollutant", r.primary())
                        .field("exceeding", r.exceeding())
                        .time(r.start());
        for (SubIndex s : SubIndex.values()) {
            if (r.iaqi()[s.ordinal()] >= 0) {
                p.field("iaqi_" + s.field(), r.iaqi()[s.ordinal()]);
            }
        }
        for (Average a : Average.values()) {
            double v = r.averages()[a.ordinal()];
            if (!Double.isNaN(v)) {
                p.field(a.name().toLowerCase(java.util.Locale.ROOT), v);
            }
        }
        return p;
    }
}
