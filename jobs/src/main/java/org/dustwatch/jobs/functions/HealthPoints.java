package org.dustwatch.jobs.functions;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.HealthCount;

/**
 * {@link HealthCount} as a point of {@code pipeline}, tagged with its source topic and {@code
 * window=1m}. Each kind is one field; InfluxDB merges the fields of one minute into one point.
 */
public final class HealthPoints implements PointConverter<HealthCount> {
    @Override
    public Point toPoint(HealthCount c) {
        return Point.measurement("pipeline")
                .tag("source", c.source())
                .tag("window", "1m")
                .field(c.kind(), c.count())
                .time(c.minute());
    }
}
