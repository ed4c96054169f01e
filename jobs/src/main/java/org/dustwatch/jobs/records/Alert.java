package org.dustwatch.jobs.records;

import java.util.Arrays;
import java.util.Objects;

/**
 * An alert's state change: opened or resolved. Written as JSON to {@code dustwatch.alerts} (the
 * contract of {@link #VERSION}, docs/alerts.md) and as a point of the {@code alerts} measurement.
 * docs/alerts.md describes each kind.
 *
 * @param id stable across the open and the resolve of one alert, and across replays: {@code
 *     kind:level:subject:opening-window-start}
 * @param kind {@code violation_spike}, {@code pollution_episode}, {@code station_silent}, {@code
 *     repeat_offender} or {@code clock_skew}
 * @param level {@code road}, {@code township}, {@code station}, {@code vehicle} or {@code
 *     checkpoint}
 * @param windowStart start of the window that opened or resolved it (epoch ms)
 * @param windowEnd its end (exclusive)
 * @param observed the value that was judged: a violation rate, an AQI, minutes of silence
 * @param baseline what it was compared with; NaN when there is none
 * @param severity {@code warning} or {@code critical}
 * @param state {@code open} or {@code resolved}
 * @param road the road concerned; {@code null} when none is (a township, a station)
 * @param township the township concerned; {@code null} for a road, which crosses townships
 * @param checkpoints the checkpoints involved: a repeat offender's, the road's or the township's
 * @param counted what {@code observedCount} and {@code expectedCount} count ({@code violations},
 *     {@code incidents}, {@code readings}); {@code null} when the alert counts nothing
 * @param observedCount how many were observed; NaN when nothing is counted
 * @param expectedCount how many were expected (or the threshold); NaN when there is none
 * @param dashboard the Grafana path of the dashboard to open, with its variables and time range, to
 *     be put after Grafana's root URL; {@code null} when there is none
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
        String message,
        String road,
        String township,
        String[] checkpoints,
        String counted,
        double observedCount,
        double expectedCount,
        String dashboard) {

    /** The version of the alerts topic's JSON: 2 added the context fields and this one. */
    public static final int VERSION = 2;

    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    private static final String[] NONE = new String[0];

    public Alert {
        checkpoints = checkpoints == null ? NONE : checkpoints;
    }

    /** An alert without context yet: the detectors make these, {@code AlertContext} adds it. */
    public Alert(
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
        this(
                id,
                kind,
                level,
                subject,
                windowStart,
                windowEnd,
                observed,
                baseline,
                severity,
                state,
                message,
                null,
                null,
                NONE,
                null,
                Double.NaN,
                Double.NaN,
                null);
    }

    public static String id(String kind, String level, String subject, long openedAt) {
        return kind + ":" + level + ":" + subject + ":" + openedAt;
    }

    /**
     * This alert with what it counts: {@code observed} of {@code what} against {@code expected}.
     */
    public Alert withCounts(String what, double observed, double expected) {
        return new Alert(
                id,
                kind,
                level,
                subject,
                windowStart,
                windowEnd,
                this.observed,
                baseline,
                severity,
                state,
                message,
                road,
                township,
                checkpoints,
                what,
                observed,
                expected,
                dashboard);
    }

    /** This alert with its place: road, township, checkpoints and dashboard path. */
    public Alert withPlace(String road, String township, String[] checkpoints, String dashboard) {
        return new Alert(
                id,
                kind,
                level,
                subject,
                windowStart,
                windowEnd,
                observed,
                baseline,
                severity,
                state,
                message,
                road,
                township,
                checkpoints,
                counted,
                observedCount,
                expectedCount,
                dashboard);
    }

    /** The JSON written to Kafka: docs/alerts.md, "The alerts topic's contract". */
    public String toJson() {
        StringBuilder b = new StringBuilder(512).append('{');
        b.append("\"version\":").append(VERSION).append(',');
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
        str(b, "message", message).append(',');
        str(b, "road", road).append(',');
        str(b, "township", township).append(',');
        b.append("\"checkpoints\":[");
        for (int i = 0; i < checkpoints.length; i++) {
            quoted(b.append(i == 0 ? "" : ","), checkpoints[i]);
        }
        b.append("],");
        str(b, "counted", counted).append(',');
        b.append("\"observedCount\":").append(number(observedCount)).append(',');
        b.append("\"expectedCount\":").append(number(expectedCount)).append(',');
        str(b, "dashboard", dashboard);
        return b.append('}').toString();
    }

    private static String number(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static StringBuilder str(StringBuilder b, String k, String v) {
        b.append('"').append(k).append("\":");
        return v == null ? b.append("null") : quoted(b, v);
    }

    private static StringBuilder quoted(StringBuilder b, String v) {
        b.append('"');
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

    @Override
    public boolean equals(Object o) {
        return o instanceof Alert a
                && id.equals(a.id)
                && kind.equals(a.kind)
                && level.equals(a.level)
                && subject.equals(a.subject)
                && windowStart == a.windowStart
                && windowEnd == a.windowEnd
                && Double.compare(observed, a.observed) == 0
                && Double.compare(baseline, a.baseline) == 0
                && severity.equals(a.severity)
                && state.equals(a.state)
                && message.equals(a.message)
                && Objects.equals(road, a.road)
                && Objects.equals(township, a.township)
                && Arrays.equals(checkpoints, a.checkpoints)
                && Objects.equals(counted, a.counted)
                && Double.compare(observedCount, a.observedCount) == 0
                && Double.compare(expectedCount, a.expectedCount) == 0
                && Objects.equals(dashboard, a.dashboard);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state, windowStart);
    }

    @Override
    public String toString() {
        return "Alert" + toJson();
    }
}
