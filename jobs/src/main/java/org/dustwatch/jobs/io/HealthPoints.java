package org.dustwatch.jobs.io;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.WindowSize;

/**
 * {@link HealthCount} as a point of {@code pipeline}, tagged with its source topic and {@code
 * window=1m}. Each kind is one field; InfluxDB merges the fields of one minute into one point.
 */
public final class HealthPoints implements PointConverter<HealthCount> {
    @Override
    public Point toPoint(HealthCount c) {
        return Point.measurement("pipeline")
                .tag("source", c.source())
                .tag("window", WindowSize.MINUTE.tag())
                .field(c.kind(), c.count())
                .time(c.minute());
    }
}
