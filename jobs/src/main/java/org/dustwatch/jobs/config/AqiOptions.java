package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.dustwatch.jobs.config.DustwatchOptions.AqiStandard;

/**
 * The Air Quality Index settings (docs/aqi.md). Part of {@link DustwatchOptions#all()};
 * docs/configuration.md lists them.
 */
public final class AqiOptions {
    private AqiOptions() {}

    // ---- Air Quality Index --------------------------------------------------------------------

    public static final ConfigOption<AqiStandard> AQI_STANDARD =
            key("aqi.standard")
                    .enumType(AqiStandard.class)
                    .defaultValue(AqiStandard.BY_DATE)
                    .withDescription(
                            "BY_DATE uses HJ 633-2012 for data before 2026-03-01 (local date) and"
                                    + " HJ 633—2026 from then on; or one of HJ633_2012, HJ633_2026,"
                                    + " US_EPA_2024 for every report (see docs/aqi.md).");

    public static final ConfigOption<Duration> AQI_MIN_COVERAGE =
            key("aqi.min-coverage-per-hour")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(45))
                    .withDescription(
                            "A station's hourly mean of a pollutant enters the AQI only when its"
                                    + " readings cover at least this much of the hour (the union of"
                                    + " their periods): GB 3095's 45 minutes of sampling.");

    public static final ConfigOption<Boolean> AQI_ROUND_2012 =
            key("aqi.round-2012")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Round concentrations per GB/T 8170 before indexing under HJ 633-2012"
                                    + " too (HJ 633-2012 prescribes no rounding; HJ 633—2026 does).");
}
