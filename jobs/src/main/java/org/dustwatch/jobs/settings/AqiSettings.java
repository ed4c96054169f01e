package org.dustwatch.jobs.settings;

import static org.dustwatch.jobs.config.AqiOptions.AQI_MIN_COVERAGE;
import static org.dustwatch.jobs.config.AqiOptions.AQI_ROUND_2012;
import static org.dustwatch.jobs.config.AqiOptions.AQI_STANDARD;

import java.io.IOException;
import java.time.Duration;
import org.dustwatch.aqi.Standard;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.model.ReferenceData;

/**
 * How the AQI is computed.
 *
 * @param standard the standard of every report; {@code null} for the one in force on the data's
 *     local date
 * @param minCoverage how much of an hour a station's readings of a pollutant must cover for its
 *     hourly mean to count (GB 3095: 45 minutes)
 * @param round2012 whether HJ 633-2012 reports round concentrations per GB/T 8170 as 2026 does
 * @param reference the stations' monitoring plans (HJ 633—2026 5.3.2) and declared periods; {@code
 *     null}: every station plans every pollutant
 */
public record AqiSettings(
        Standard standard, Duration minCoverage, boolean round2012, ReferenceData reference) {

    public static AqiSettings from(DustwatchConfig c) throws IOException {
        return new AqiSettings(
                c.get(AQI_STANDARD).fixed(),
                c.get(AQI_MIN_COVERAGE),
                c.get(AQI_ROUND_2012),
                c.reference());
    }

    /** These settings with another reference (stations' plans and periods). */
    public AqiSettings withReference(ReferenceData r) {
        return new AqiSettings(standard, minCoverage, round2012, r);
    }
}
