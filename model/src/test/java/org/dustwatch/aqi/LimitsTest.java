package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.dustwatch.aqi.Limits.Edition;
import org.dustwatch.aqi.Limits.Grade;
import org.dustwatch.aqi.Limits.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GB 3095's limits (2012, and 2026 in both phases), typed again from the standards' tables. */
class LimitsTest {

    /** The last day of GB 3095-2012, and the first and last of 2026's transitional limits. */
    static final LocalDate Y2012 = LocalDate.of(2026, 2, 28);

    static final LocalDate TRANSITION_FIRST = LocalDate.of(2026, 3, 1);
    static final LocalDate TRANSITION_LAST = LocalDate.of(2030, 12, 31);
    static final LocalDate FINAL = LocalDate.of(2031, 1, 1);

    @ParameterizedTest(name = "{0} {1}: 2012 {2}/{3}, 2026 transition {4}/{5}, from 2031 {6}/{7}")
    @CsvSource({
        "SO2, ANNUAL, 20, 60, 20, 60, 20, 20",
        "SO2, DAY_24H, 50, 150, 50, 150, 50, 50",
        "SO2, HOUR_1H, 150, 500, 150, 500, 150, 150",
        "NO2, ANNUAL, 40, 40, 40, 40, 30, 30",
        "NO2, DAY_24H, 80, 80, 80, 80, 50, 50",
        "NO2, HOUR_1H, 200, 200, 200, 200, 200, 200",
        "CO, DAY_24H, 4, 4, 4, 4, 4, 4",
        "CO, HOUR_1H, 10, 10, 10, 10, 10, 10",
        "O3, DAILY_MAX_8H, 100, 160, 100, 160, 100, 160",
        "O3, HOUR_1H, 160, 200, 160, 200, 160, 200",
        "PM10, ANNUAL, 40, 70, 40, 60, 20, 50",
        "PM10, DAY_24H, 50, 150, 50, 120, 50, 100",
        "PM25, ANNUAL, 15, 35, 15, 30, 10, 25",
        "PM25, DAY_24H, 35, 75, 35, 60, 25, 50",
    })
    void row(
            Pollutant p,
            Period period,
            double old1,
            double old2,
            double tr1,
            double tr2,
            double fin1,
            double fin2) {
        assertThat(Limits.limit(Y2012, p, period, Grade.ONE)).hasValue(old1);
        assertThat(Limits.limit(Y2012, p, period, Grade.TWO)).hasValue(old2);
        for (LocalDate d : new LocalDate[] {TRANSITION_FIRST, TRANSITION_LAST}) {
            assertThat(Limits.limit(d, p, period, Grade.ONE)).hasValue(tr1);
            assertThat(Limits.limit(d, p, period, Grade.TWO)).hasValue(tr2);
        }
        assertThat(Limits.limit(FINAL, p, period, Grade.ONE)).hasValue(fin1);
        assertThat(Limits.limit(FINAL, p, period, Grade.TWO)).hasValue(fin2);
    }

    @ParameterizedTest(name = "no {0} {1} limit")
    @CsvSource({
        "CO, ANNUAL",
        "O3, ANNUAL",
        "O3, DAY_24H",
        "PM10, HOUR_1H",
        "PM25, HOUR_1H",
        "PM25, DAILY_MAX_8H",
        "SO2, DAILY_MAX_8H"
    })
    void periodsWithoutALimit(Pollutant p, Period period) {
        for (LocalDate d : new LocalDate[] {Y2012, TRANSITION_FIRST, FINAL}) {
            assertThat(Limits.limit(d, p, period, Grade.TWO)).isEmpty();
        }
    }

    @Test
    void editions() {
        assertThat(Edition.of(Y2012)).isEqualTo(Edition.GB3095_2012);
        assertThat(Edition.of(TRANSITION_FIRST)).isEqualTo(Edition.GB3095_2026_TRANSITION);
        assertThat(Edition.of(TRANSITION_LAST)).isEqualTo(Edition.GB3095_2026_TRANSITION);
        assertThat(Edition.of(FINAL)).isEqualTo(Edition.GB3095_2026);
        assertThat(Limits.edition(Y2012)).isEqualTo("GB 3095-2012");
        assertThat(Limits.edition(TRANSITION_FIRST)).startsWith("GB 3095—2026 (transitional");
        assertThat(Limits.edition(FINAL)).isEqualTo("GB 3095—2026");
        // the AQI standard and the limits switch on the same day
        assertThat(Limits.GB3095_2026_IN_FORCE).isEqualTo(Standard.HJ633_2026_IN_FORCE);
    }
}
