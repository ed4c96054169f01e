package org.dustwatch.connectors.influxdb;

import java.io.Serializable;

/**
 * Turns a stream element into an InfluxDB point. Must be deterministic: the same element gives the
 * same measurement, tags, fields and timestamp, so a replay overwrites rather than adds.
 */
@FunctionalInterface
public interface PointConverter<T> extends Serializable {
    Point toPoint(T element);
}
