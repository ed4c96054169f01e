package org.dustwatch.jobs.io;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.model.Quantity;

/**
 * {@link AirStats} as a point of {@code air_quality} (stations) or {@code township_air_quality}. A
 * quantity without values is left out entirely, never written as zero (see docs/schema.md).
 */
public final class AirStatsPoints implements PointConverter<AirStats> {

    @Override
    public Point toPoint(AirStats s) {
        boolean station = Level.STATION.is(s.level());
        Point p =
                Point.measurement(station ? "air_quality" : "township_air_quality")
                        .tag("station", station ? s.subject() : null)
                        .tag("township", s.township())
                        .tag("window", s.window())
                        .field("readings", s.readings())
                        .time(s.windowStart());
        for (Quantity q : Quantity.ALL) {
            int i = q.ordinal();
            if (s.count()[i] == 0) {
                continue;
            }
            if (q.pollutant()) {
                p.field(q.field() + "_mean", s.mean(q))
                        .field(q.field() + "_max", s.max()[i])
                        .field(q.field() + (station ? "_count" : "_stations"), s.count()[i]);
            } else {
                p.field(q.field(), s.mean(q));
            }
        }
        if (station && (s.windSin() != 0 || s.windCos() != 0)) {
            double deg = Math.toDegrees(Math.atan2(s.windSin(), s.windCos()));
            p.field("wind_dir", Math.round((deg + 360) % 360 * 10) / 10.0);
        }
        return p;
    }
}
