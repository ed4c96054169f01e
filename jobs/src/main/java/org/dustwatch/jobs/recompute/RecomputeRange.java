package org.dustwatch.jobs.recompute;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.dustwatch.jobs.settings.AlertSettings;
import org.dustwatch.jobs.settings.Settings;

/**
 * The range of a recompute: local days {@code from} to {@code to}, both included, in the zone of
 * local days ({@code pipeline.time-zone}), and the warm-up before it.
 *
 * <p>Every result point whose time lies in {@code [start, end)} is deleted and written again; the
 * input is read from {@code readFrom = start - warmUp}, so that the state the range's first points
 * need is filled by the time the range begins ({@link #warmUp}).
 */
public record RecomputeRange(LocalDate from, LocalDate to, ZoneId zone, Duration warmUp) {

    public RecomputeRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
    }

    /**
     * The range of two dates as {@code --from} and {@code --to} give them (ISO, {@code
     * 2026-11-01}), with the warm-up the settings need.
     *
     * @throws IllegalArgumentException in one line, saying what is wrong
     */
    public static RecomputeRange of(String from, String to, Settings s) {
        return new RecomputeRange(
                date("--from", from), date("--to", to), s.timing().zone(), warmUp(s));
    }

    private static LocalDate date(String flag, String value) {
        if (value == null) {
            throw new IllegalArgumentException(flag + " DATE is required");
        }
        try {
            LocalDate d = LocalDate.parse(value);
            if (d.getYear() < 2000 || d.getYear() > 2099) {
                throw new IllegalArgumentException(
                        flag + " " + value + " is not from 2000 to 2099");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not a date like 2026-11-01");
        }
    }

    /**
     * How far before the range the input must start so that every state the range's points depend
     * on is filled: the longest of
     *
     * <ul>
     *   <li>1 day: an hour's AQI report averages the last 24 hours (docs/aqi.md);
     *   <li>the spike baseline: the same hours on each of {@code alerts.spike.baseline-days} days,
     *       the widest window and its spread ({@code alerts.spike.window-hours}, {@code
     *       alerts.spike.baseline-spread}; docs/alerts.md);
     *   <li>{@code alerts.repeat-offender.period}: the violations a vehicle is judged on;
     *   <li>{@code alerts.station-silence}, at least 2 hours: a station's last reading, and two
     *       missed periods of an hourly feed;
     *   <li>2 hours: a pollution episode compares an hour with the one before.
     * </ul>
     *
     * With the defaults that is 30 days, the repeat-offender period. Rounded up to a whole hour.
     */
    public static Duration warmUp(Settings s) {
        AlertSettings a = s.alerts();
        Duration spike = Duration.ofMillis(a.spike().horizonMs());
        Duration silence =
                a.stationSilence().compareTo(Duration.ofHours(2)) > 0
                        ? a.stationSilence()
                        : Duration.ofHours(2);
        Duration longest = Duration.ofDays(1);
        for (Duration d : new Duration[] {spike, a.repeatOffender().period(), silence}) {
            if (d.compareTo(longest) > 0) {
                longest = d;
            }
        }
        long hours = (longest.toMillis() + 3_599_999) / 3_600_000;
        return Duration.ofHours(hours);
    }

    /** The range's first instant: local midnight of {@code from}, epoch ms. */
    public long start() {
        return midnight(from);
    }

    /** The instant after the range: local midnight after {@code to}, epoch ms. */
    public long end() {
        return midnight(to.plusDays(1));
    }

    /** Where the input starts: {@link #start} minus the warm-up, epoch ms. */
    public long readFrom() {
        return start() - warmUp.toMillis();
    }

    /** Whether a point stamped {@code ms} belongs to the range. */
    public boolean contains(long ms) {
        return ms >= start() && ms < end();
    }

    /** Whether an event at {@code ms} is input of the recompute: warm-up or range. */
    public boolean isInput(long ms) {
        return ms >= readFrom() && ms < end();
    }

    private long midnight(LocalDate d) {
        try {
            return d.atStartOfDay(zone).toInstant().toEpochMilli();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no local midnight of " + d + " in " + zone, e);
        }
    }

    @Override
    public String toString() {
        return from
                + " to "
                + to
                + " ("
                + zone.getId()
                + ": "
                + Instant.ofEpochMilli(start())
                + " to "
                + Instant.ofEpochMilli(end())
                + "), warm-up "
                + warmUp.toHours()
                + " h from "
                + Instant.ofEpochMilli(readFrom());
    }
}
