package org.dustwatch.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** pipeline.time-zone: zones whose offsets are not whole hours are refused when loading. */
class TimeZoneTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            Asia/Kolkata        | +05:30 (from 2000-01-01T00:00:00Z)
            Asia/Kathmandu      | +05:45 (from 2000-01-01T00:00:00Z)
            Australia/Lord_Howe | +10:30 (from 2000-03-25T15:00:00Z)
            +03:30              | +03:30 (from 2000-01-01T00:00:00Z)
            """)
    void aZoneWithAnOddOffsetIsRefusedInOneLineNamingIt(String zone, String offset) {
        assertThatThrownBy(() -> DustwatchConfig.load(Map.of("pipeline.time-zone", zone), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "pipeline.time-zone "
                                + zone
                                + " has the offset "
                                + offset
                                + ": local days are made of UTC hours, so only zones whose"
                                + " offsets are whole hours are supported (from flag"
                                + " --pipeline.time-zone)");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Asia/Shanghai",
                "Europe/London",
                "America/New_York",
                "UTC",
                "America/Santiago"
            })
    void aZoneWithWholeHourOffsetsIsAccepted(String zone) throws Exception {
        assertThat(
                        DustwatchConfig.load(Map.of("pipeline.time-zone", zone), Map.of())
                                .get(DustwatchOptions.TIME_ZONE))
                .isEqualTo(zone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", ""})
    void aNameThatIsNoZoneIsRefused(String zone) {
        assertThatThrownBy(() -> DustwatchConfig.load(Map.of("pipeline.time-zone", zone), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("pipeline.time-zone '" + zone + "' is not a zone");
    }
}
