package org.dustwatch.connectors.influxdb;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One InfluxDB point: a measurement, tags, fields and a timestamp in epoch milliseconds. Built by a
 * {@link PointConverter} inside the sink writer and encoded by {@link LineProtocol}; it never
 * travels through Flink's serializers.
 *
 * <p>A {@code NaN} double field is treated as missing and left out, so a failed sensor never
 * becomes a zero. Infinite values are refused.
 */
public final class Point {
    private final String measurement;
    private final TreeMap<String, String> tags = new TreeMap<>();
    private final TreeMap<String, Object> fields = new TreeMap<>();
    private long timeMillis = Long.MIN_VALUE;

    private Point(String measurement) {
        this.measurement = requireName(measurement, "measurement");
    }

    public static Point measurement(String name) {
        return new Point(name);
    }

    /** Adds a tag; a null or empty value is left out, as InfluxDB cannot store it. */
    public Point tag(String key, String value) {
        requireName(key, "tag key");
        if (value != null && !value.isEmpty()) {
            tags.put(key, value);
        }
        return this;
    }

    public Point field(String key, long value) {
        fields.put(requireName(key, "field key"), value);
        return this;
    }

    /** Adds a float field; {@code NaN} means missing and is left out. */
    public Point field(String key, double value) {
        requireName(key, "field key");
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException("field " + key + " is infinite");
        }
        if (!Double.isNaN(value)) {
            fields.put(key, value);
        }
        return this;
    }

    public Point field(String key, String value) {
        fields.put(requireName(key, "field key"), Objects.requireNonNull(value, key));
        return this;
    }

    public Point field(String key, boolean value) {
        fields.put(requireName(key, "field key"), value);
        return this;
    }

    public Point time(long epochMillis) {
        this.timeMillis = epochMillis;
        return this;
    }

    public String measurement() {
        return measurement;
    }

    public Map<String, String> tags() {
        return tags;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public long timeMillis() {
        return timeMillis;
    }

    public boolean hasTime() {
        return timeMillis != Long.MIN_VALUE;
    }

    private static String requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return name;
    }

    @Override
    public String toString() {
        return LineProtocol.toLine(this);
    }
}
