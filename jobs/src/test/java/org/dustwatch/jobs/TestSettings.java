package org.dustwatch.jobs;

import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;

/** Settings of the tests whose inputs do not follow the bundled district's monitoring plans. */
final class TestSettings {
    private TestSettings() {}

    /**
     * The defaults with the given timing, and no reference data for the AQI: every station plans
     * every pollutant, and none declares a period (the topology's behaviour these tests were
     * written against).
     */
    static Settings of(Timing t) {
        Settings d = Settings.defaults();
        return d.withTiming(t).withAqi(d.aqi().withReference(null));
    }
}
