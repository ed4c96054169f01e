package org.dustwatch.jobs.settings;

import static org.dustwatch.jobs.config.DustwatchOptions.MINUTE_POINTS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;

/**
 * Everything the topology is built with, besides its sources and sinks: one value, made from
 * dustwatch's configuration by {@link #from} (docs/configuration.md), or {@link #defaults}.
 *
 * @param minutePoints which 1-minute results are written (checkpoint, station and township minutes
 *     are computed either way, for the hours and the health counts; road minutes only when written)
 */
public record Settings(
        Timing timing, AqiSettings aqi, AlertSettings alerts, MinutePoints minutePoints) {

    public static Settings from(DustwatchConfig c) throws IOException {
        return new Settings(
                Timing.from(c), AqiSettings.from(c), AlertSettings.from(c), c.get(MINUTE_POINTS));
    }

    /** Every setting at its default: the bundled district's reference data, no file, no flag. */
    public static Settings defaults() {
        try {
            return from(DustwatchConfig.load(Map.of(), Map.of()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Settings withTiming(Timing t) {
        return new Settings(t, aqi, alerts, minutePoints);
    }

    public Settings withAqi(AqiSettings a) {
        return new Settings(timing, a, alerts, minutePoints);
    }

    public Settings withAlerts(AlertSettings a) {
        return new Settings(timing, aqi, a, minutePoints);
    }

    public Settings withMinutePoints(MinutePoints m) {
        return new Settings(timing, aqi, alerts, m);
    }
}
