package org.dustwatch.connectors.influxdb;

import java.util.Map;

/**
 * Encodes {@link Point}s as InfluxDB line protocol with millisecond timestamps. Pure and stateless.
 *
 * <p>Escaping keeps any input from creating extra tags, fields or points:
 *
 * <ul>
 *   <li>measurement: comma and space are backslash-escaped;
 *   <li>tag keys, tag values and field keys: comma, space and {@code =} are backslash-escaped;
 *   <li>string field values: double quote and backslash are backslash-escaped;
 *   <li>names (measurement, keys, tag values): line protocol cannot carry a backslash that ends a
 *       name (InfluxDB 1.x rejects the whole point) and stores a doubled one doubled, so a
 *       backslash is written as U+FF3C (＼); newline, carriage return and tab are written as the two
 *       characters {@code \n}, {@code \r}, {@code \t};
 *   <li>string field values: newline and carriage return become {@code \n} and {@code \r}.
 * </ul>
 *
 * Integer fields carry the {@code i} suffix; floats use Java's shortest round-trip form.
 */
public final class LineProtocol {
    private LineProtocol() {}

    public static String toLine(Point p) {
        StringBuilder b = new StringBuilder(128);
        append(p, b);
        return b.toString();
    }

    /** Appends one line, without the trailing newline. */
    public static void append(Point p, StringBuilder b) {
        if (p.fields().isEmpty()) {
            throw new IllegalArgumentException(
                    "point " + p.measurement() + " has no fields; InfluxDB would reject it");
        }
        escapeName(p.measurement(), b, false);
        for (Map.Entry<String, String> t : p.tags().entrySet()) {
            b.append(',');
            escapeName(t.getKey(), b, true);
            b.append('=');
            escapeName(t.getValue(), b, true);
        }
        char sep = ' ';
        for (Map.Entry<String, Object> f : p.fields().entrySet()) {
            b.append(sep);
            sep = ',';
            escapeName(f.getKey(), b, true);
            b.append('=');
            appendFieldValue(f.getValue(), b);
        }
        if (p.hasTime()) {
            b.append(' ').append(p.timeMillis());
        }
    }

    private static void appendFieldValue(Object v, StringBuilder b) {
        if (v instanceof Long l) {
            b.append(l.longValue()).append('i');
        } else if (v instanceof Double d) {
            double x = d;
            if (x == Math.rint(x) && Math.abs(x) < 1e15) {
                b.append((long) x); // 12.0 -> 12: still a float field, fewer bytes
            } else {
                b.append(x);
            }
        } else if (v instanceof Boolean bool) {
            b.append(bool ? 't' : 'f');
        } else {
            String s = (String) v;
            b.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"', '\\' -> b.append('\\').append(c);
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(c);
                }
            }
            b.append('"');
        }
    }

    /** Escapes a measurement ({@code equalsToo == false}) or a key or tag value. */
    private static void escapeName(String s, StringBuilder b, boolean equalsToo) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case ',', ' ' -> b.append('\\').append(c);
                case '=' -> {
                    if (equalsToo) {
                        b.append('\\');
                    }
                    b.append(c);
                }
                case '\\' -> b.append('\uFF3C');
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
    }
}
