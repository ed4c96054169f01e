package org.dustwatch.jobs.settings;

import static org.dustwatch.jobs.config.AlertOptions.ALERT_COOLDOWN;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_EPISODE_MIN_LEVEL;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_EPISODE_PM25_RISE;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_REPEAT_COUNT;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_REPEAT_PERIOD;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_REPEAT_TRIP_WINDOW;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_BASELINE_DAYS;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_BASELINE_SPREAD;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_MIN_BASELINE;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_MIN_VOLUME;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_RESOLVE;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_THRESHOLD;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_SPIKE_WINDOW_HOURS;
import static org.dustwatch.jobs.config.AlertOptions.ALERT_STATION_SILENCE;

import java.time.Duration;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.functions.alerts.EpisodeDetector;
import org.dustwatch.jobs.functions.alerts.RepeatOffenderDetector;
import org.dustwatch.jobs.functions.alerts.SpikeCore;

/**
 * How alerts are raised; docs/alerts.md explains each setting. When an hour or minute is final is
 * the job's {@link Timing#allowedLateness}, not an alert setting.
 */
public record AlertSettings(
        SpikeCore.Settings spike,
        EpisodeDetector.Settings episode,
        Duration stationSilence,
        RepeatOffenderDetector.Settings repeatOffender) {

    public static AlertSettings from(DustwatchConfig c) {
        return new AlertSettings(
                new SpikeCore.Settings(
                        c.get(ALERT_SPIKE_THRESHOLD),
                        c.get(ALERT_SPIKE_RESOLVE),
                        c.get(ALERT_SPIKE_MIN_VOLUME),
                        c.get(ALERT_SPIKE_BASELINE_DAYS),
                        c.get(ALERT_SPIKE_BASELINE_SPREAD),
                        c.get(ALERT_SPIKE_WINDOW_HOURS),
                        c.get(ALERT_SPIKE_MIN_BASELINE),
                        c.get(ALERT_COOLDOWN)),
                new EpisodeDetector.Settings(
                        c.get(ALERT_EPISODE_MIN_LEVEL),
                        c.get(ALERT_EPISODE_PM25_RISE),
                        c.get(ALERT_COOLDOWN)),
                c.get(ALERT_STATION_SILENCE),
                new RepeatOffenderDetector.Settings(
                        c.get(ALERT_REPEAT_COUNT),
                        c.get(ALERT_REPEAT_PERIOD),
                        c.get(ALERT_REPEAT_TRIP_WINDOW)));
    }
}
