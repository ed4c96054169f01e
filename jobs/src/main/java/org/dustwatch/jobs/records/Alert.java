package org.dustwatch.jobs.records;

/**
 * An alert's state change: opened or resolved. Written as JSON to {@code dustwatch.alerts} and as a
 * point of the {@code alerts} measurement. docs/alerts.md describes each kind.
 *
 * @param id stable across the open and the resolve of one alert, and across replays: {@code
 *     kind:level:subject:opening-window-start}
 * @param kind {@code violation_spike}, {@code pollution_episode} or {@code station_silent}
 * @param level {@code road}, {@code township} or {@code station}
 * @param windowStart start of the window that opened or resolved it (epoch ms)
 * @param windowEnd its end (exclusive)
 * @param observed the value that was judged: a violation rate, an AQI, minutes of silence
 * @param baseline what it was compared with; NaN when there is none
 * @param severity {@code warning} or {@code critical}
 * @param state {@code open} or {@code resolved}
 */
public record Alert(
        String id,
        String kind,
        String level,
        String subject,
        long windowStart,
        long windowEnd,
        double observed,
        double baseline,
        String severity,
        String state,
        String message) {

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    public static String id(String kind, String level, String subject, long openedAt) {
        return kind + ":" + level + ":" + subject + ":" + openedAt;
    }

    /** The JSON written to Kafka. */
    public String toJson() {
        StringBuilder b = new StringBuilder(256).append('{');
        str(b, "id", id).append(',');
        str(b, "kind", kind).append(',');
        str(b, "level", level).append(',');
        str(b, "subject", subject).append(',');
        b.append("\"windowStart\":").append(windowStart).append(',');
        b.append("\"windowEnd\":").append(windowEnd).append(',');
        b.append("\"observed\":").append(number(observed)).append(',');
        b.append("\"baseline\":").append(number(baseline)).append(',');
        str(b, "severity", severity).append(',');
        str(b, "state", state).append(',');
        str(b, "message", message);
        return b.append('}').toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static StringBuilder str(StringBuilder b, String k, String v) {
        b.append('"').append(k).append("\":\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
