package org.dustwatch.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * {@link AirPipeline}'s wiring on hand-made readings of two 1-minute stations of the bundled
 * district, with the alerts worked out by hand from docs/alerts.md and docs/aqi.md.
 */
class AirPipelineTest {

    static final long MIN = 60_000L;
    static final long H = 3_600_000L;

    /** 2026-11-16 00:00 local. */
    static final long T0 = java.time.Instant.parse("2026-11-15T16:00:00Z").toEpochMilli();

    static Reading reading(String station, String township, long start, double pm25) {
        double n = Double.NaN;
        return new Reading(station, start, start, MIN, pm25, n, n, n, n, n, n, n, n, n, township);
    }

    @Test
    void aSilentStationAndAPollutedHourRaiseTheirAlerts() throws Exception {
        List<Alert> alerts;
        try (AirPipeline p = new AirPipeline(ReferenceData.bundled(), Settings.defaults())) {
            // four hours of minutes: AQ-03 (Xihe) is silent from 00:30 to 01:10; AQ-01
            // (Dongcheng) has PM2.5 at 40 µg/m³ for two hours, then 200 for two
            for (long m = 0; m < 240; m++) {
                long t = T0 + m * MIN;
                if (m < 30 || m >= 70) {
                    p.accept(reading("AQ-03", "Xihe", t, 40));
                }
                p.accept(reading("AQ-01", "Dongcheng", t, m < 120 ? 40 : 200));
            }
            p.finish();
            alerts = p.alerts;
        }
        // AQ-03: the gap after its minute 00:29, which ends at 00:30, is 40 minutes; its reading
        // of 01:10 resolves it
        assertThat(alerts)
                .filteredOn(a -> a.kind().equals("station_silent"))
                .extracting(Alert::subject, Alert::state, Alert::windowStart)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("AQ-03", "open", T0 + 30 * MIN),
                        org.assertj.core.groups.Tuple.tuple("AQ-03", "resolved", T0 + 70 * MIN));
        // Dongcheng: AQ-02 sends nothing, so its township's plan misses pollutants and an hour is
        // NA (not judged) unless its AQI is above 100. At 40 µg/m³ (IAQI 60) the first two hours
        // are NA; at 200 (IAQI 250, level 5) the third is published and opens an episode (by its
        // level, and by a rise of 160 over AQ-01, valid in both hours); the fourth is polluted
        // too, and the end of the input resolves nothing
        assertThat(alerts)
                .filteredOn(a -> a.kind().equals("pollution_episode"))
                .extracting(Alert::subject, Alert::state, Alert::windowStart, Alert::severity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Dongcheng", "open", T0 + 2 * H, "critical"));
        assertThat(alerts).hasSize(3);
    }
}
