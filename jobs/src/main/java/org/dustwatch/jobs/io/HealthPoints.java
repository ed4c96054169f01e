package org.dustwatch.jobs.io;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.WindowSize;

/**
 * {@link HealthCount} as a point of {@code pipeline}, tagged with its source topic and {@code
 * window=1m}, where each kind is one field and InfluxDB merges the fields of one minute into one
 * point; or, for {@linkplain HealthCount#isRefusals() refusals}, a point of {@code refusals} tagged
 * also with the reason, whose one field is {@code count}.
 */
public final class HealthPoints implements PointConverter<HealthCount> {
    @Override
    public Point toPoint(HealthCount c) {
        if (c.isRefusals()) {
            return Point.measurement("refusals")
                    .tag("source", c.source())
                    .tag("reason", c.reason())
                    .tag("window", WindowSize.MINUTE.tag())
                    .field("count", c.count())
                    .time(c.minute());
        }
        return Point.measurement("pipeline")
                .tag("source", c.source())
                .tag("window", WindowSize.MINUTE.tag())
                .field(c.kind(), c.count())
                .time(c.minute());
    }
}
