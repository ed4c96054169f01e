package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;

/**
 * The alert settings (docs/alerts.md). Part of {@link DustwatchOptions#all()};
 * docs/configuration.md lists them.
 */
public final class AlertOptions {
    private AlertOptions() {}

    // ---- Alerts ------------------------------------------------------------------------------

    public static final ConfigOption<Double> ALERT_SPIKE_THRESHOLD =
            key("alerts.spike.threshold")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "A road's or township's hour opens a violation-spike alert when the"
                                    + " exact beta-binomial p-value of one of its windows, as a"
                                    + " z-equivalent (the z of a normal tail of that probability),"
                                    + " reaches this (see docs/alerts.md); twice this is critical.");

    public static final ConfigOption<Double> ALERT_SPIKE_RESOLVE =
            key("alerts.spike.resolve-z")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription(
                            "An open violation-spike alert resolves at the first hour whose longest"
                                    + " window scores below this.");

    public static final ConfigOption<Integer> ALERT_SPIKE_MIN_VOLUME =
            key("alerts.spike.min-volume")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Windows with fewer inspections are not judged. The test is exact at"
                                    + " any count, so this only spares judging empty windows.");

    public static final ConfigOption<Integer> ALERT_SPIKE_BASELINE_DAYS =
            key("alerts.spike.baseline-days")
                    .intType()
                    .defaultValue(7)
                    .withDescription("Days of the same hours of day in the baseline.");

    public static final ConfigOption<Integer> ALERT_SPIKE_BASELINE_SPREAD =
            key("alerts.spike.baseline-spread")
                    .intType()
                    .defaultValue(1)
                    .withDescription(
                            "Hours either side of a window's hours of day that its baseline also"
                                    + " pools on each baseline day.");

    public static final ConfigOption<Integer> ALERT_SPIKE_WINDOW_HOURS =
            key("alerts.spike.window-hours")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "The longest window judged: each hour is judged alone and with the"
                                    + " hours before it, up to this many; an open alert resolves"
                                    + " when a window this long scores below"
                                    + " alerts.spike.resolve-z.");

    public static final ConfigOption<Integer> ALERT_SPIKE_MIN_BASELINE =
            key("alerts.spike.min-baseline")
                    .intType()
                    .defaultValue(30)
                    .withDescription(
                            "Baseline inspections a window needs before it is judged: a new road"
                                    + " or township is judged once it has that much history.");

    public static final ConfigOption<Duration> ALERT_COOLDOWN =
            key("alerts.cooldown")
                    .durationType()
                    .defaultValue(Duration.ofHours(3))
                    .withDescription(
                            "After an alert resolves, the same kind and subject cannot open again"
                                    + " for this long.");

    public static final ConfigOption<Integer> ALERT_EPISODE_MIN_LEVEL =
            key("alerts.episode.min-level")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "A township's hourly AQI level (1-6) from which a pollution episode"
                                    + " opens; 4 is 中度污染.");

    public static final ConfigOption<Double> ALERT_EPISODE_PM25_RISE =
            key("alerts.episode.pm25-rise")
                    .doubleType()
                    .defaultValue(50.0)
                    .withDescription(
                            "A rise of a township's 1-h PM2.5 by this many µg/m³ from one hour to"
                                    + " the next also opens a pollution episode; an episode that a"
                                    + " rise opened or re-affirmed stays open while its stations'"
                                    + " PM2.5 is at least half of this above where the rise"
                                    + " started.");

    public static final ConfigOption<Duration> ALERT_STATION_SILENCE =
            key("alerts.station-silence")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "A station without readings for this long (in event time) opens a"
                                    + " station-silent alert.");

    public static final ConfigOption<Integer> ALERT_REPEAT_COUNT =
            key("alerts.repeat-offender.count")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "A vehicle caught violating in this many incidents within"
                                    + " alerts.repeat-offender.period opens a repeat-offender"
                                    + " alert. Vehicles are matched by their plate's keyed hash, so"
                                    + " this needs a plate key (plates.key-file).");

    public static final ConfigOption<Duration> ALERT_REPEAT_PERIOD =
            key("alerts.repeat-offender.period")
                    .durationType()
                    .defaultValue(Duration.ofDays(30))
                    .withDescription(
                            "The trailing event-time span repeat offences are counted in.");

    public static final ConfigOption<Duration> ALERT_REPEAT_TRIP_WINDOW =
            key("alerts.repeat-offender.trip-window")
                    .durationType()
                    .defaultValue(Duration.ofHours(2))
                    .withDescription(
                            "A vehicle's violations less than this after the first of an incident"
                                    + " are that one incident (one trip past several"
                                    + " checkpoints is one offence); shorter than the period.");
}
