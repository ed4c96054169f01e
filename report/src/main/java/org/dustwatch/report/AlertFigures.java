package org.dustwatch.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Section 5, alerts: those opened in the period, from the {@code alerts} measurement, in the
 * report's scope. Repeat offenders appear by their plate's keyed hash only (the {@code subject}
 * tag); no plate is ever stored.
 *
 * @param opened alerts opened in the period
 * @param byKind per kind ({@code violation_spike}, {@code pollution_episode}, {@code
 *     station_silent}, {@code repeat_offender}, {@code clock_skew}), every kind present, 0 included
 * @param list every alert opened in the period, oldest first
 */
public record AlertFigures(int opened, Map<String, Integer> byKind, List<Alert> list) {

    /** The kinds of alert the pipeline raises, in the report's order. */
    public static final List<String> KINDS =
            List.of(
                    "violation_spike",
                    "pollution_episode",
                    "station_silent",
                    "repeat_offender",
                    "clock_skew");

    public AlertFigures {
        byKind = Map.copyOf(byKind);
        list = List.copyOf(list);
    }

    /**
     * One alert.
     *
     * @param level the alert's level tag ({@code road}, {@code township}, {@code station}, …)
     * @param subject what it is about: a road, township, station, checkpoint, or a plate's hash
     * @param opened the start of the window that opened it
     * @param resolved the start of the window that resolved it, {@code null} while open
     */
    public record Alert(
            String kind,
            String level,
            String subject,
            String severity,
            Instant opened,
            Instant resolved,
            String message) {}
}
