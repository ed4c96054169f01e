package org.dustwatch.jobs.io;

import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.Alert;

/**
 * {@link Alert} as a point of {@code alerts}, stamped with the start of the window that changed its
 * state: tags {@code kind}, {@code level}, {@code subject}, {@code state}, {@code severity}; fields
 * {@code id}, {@code observed}, {@code baseline} (when there is one), {@code message} and {@code
 * window_end}. Grafana shows them as annotations and in a table.
 */
public final class AlertPoints implements PointConverter<Alert> {
    @Override
    public Point toPoint(Alert a) {
        Point p =
                Point.measurement("alerts")
                        .tag("kind", a.kind())
                        .tag("level", a.level())
                        .tag("subject", a.subject())
                        .tag("state", a.state())
                        .tag("severity", a.severity())
                        .field("id", a.id())
                        .field("active", Alert.OPEN.equals(a.state()) ? 1L : 0L)
                        .field("observed", a.observed())
                        .field("message", a.message())
                        .field("window_end", a.windowEnd())
                        .time(a.windowStart());
        if (Double.isFinite(a.baseline())) {
            p.field("baseline", a.baseline());
        }
        return p;
    }
}
