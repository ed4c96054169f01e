package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dustwatch.aqi.Average.*;

import java.math.BigDecimal;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each report takes (docs/aqi.md), GB/T 8170 rounding, and exact concentrations. */
class IndicatorsTest {

    @Test
    void hj2026() {
        // 4.2.3: the six 1-h means; no 8-h O3, no 24-h PM
        assertThat(Indicators.of(Standard.HJ633_2026, Report.HOURLY))
                .containsExactlyInAnyOrder(SO2_1H, NO2_1H, CO_1H, O3_1H, PM10_1H, PM25_1H);
        assertThat(Indicators.accepted(Standard.HJ633_2026, Report.HOURLY))
                .isEqualTo(Indicators.of(Standard.HJ633_2026, Report.HOURLY));
        // 4.2.2: five day means and the daily maximum 8-h O3; no daily maximum 1-h O3
        assertThat(Indicators.of(Standard.HJ633_2026, Report.DAILY))
                .containsExactlyInAnyOrder(SO2_24H, NO2_24H, CO_24H, PM10_24H, PM25_24H, O3_8H);
        assertThat(Indicators.accepted(Standard.HJ633_2026, Report.DAILY))
                .isEqualTo(Indicators.of(Standard.HJ633_2026, Report.DAILY));
    }

    @Test
    void hj2012() {
        // 5.1.3 with table 4: the 24-h moving PM means carry the sub-index
        assertThat(Indicators.of(Standard.HJ633_2012, Report.HOURLY))
                .containsExactlyInAnyOrder(SO2_1H, NO2_1H, CO_1H, O3_1H, O3_8H, PM10_24H, PM25_24H);
        assertThat(Indicators.publishedOnly(Standard.HJ633_2012, Report.HOURLY))
                .containsExactlyInAnyOrder(PM10_1H, PM25_1H);
        assertThat(Indicators.auxiliary(Standard.HJ633_2012, Report.HOURLY))
                .containsExactly(SO2_24H);
        assertThat(Indicators.accepted(Standard.HJ633_2012, Report.HOURLY))
                .containsExactlyInAnyOrder(
                        SO2_1H, NO2_1H, CO_1H, O3_1H, O3_8H, PM10_24H, PM25_24H, PM10_1H, PM25_1H,
                        SO2_24H);
        // 5.1.2: seven indicators
        assertThat(Indicators.of(Standard.HJ633_2012, Report.DAILY))
                .containsExactlyInAnyOrder(
                        SO2_24H, NO2_24H, CO_24H, PM10_24H, PM25_24H, O3_1H, O3_8H);
        assertThat(Indicators.accepted(Standard.HJ633_2012, Report.DAILY))
                .isEqualTo(Indicators.of(Standard.HJ633_2012, Report.DAILY));
    }

    @Test
    void epa() {
        assertThat(Indicators.of(Standard.US_EPA_2024, Report.HOURLY))
                .containsExactlyInAnyOrder(
                        O3_8H, O3_1H, PM25_NOWCAST, PM10_NOWCAST, CO_8H, SO2_1H, NO2_1H);
        assertThat(Indicators.of(Standard.US_EPA_2024, Report.DAILY))
                .containsExactlyInAnyOrder(O3_8H, O3_1H, PM25_24H, PM10_24H, CO_8H, SO2_1H, NO2_1H);
        for (Report r : Report.values()) {
            assertThat(Indicators.auxiliary(Standard.US_EPA_2024, r)).containsExactly(SO2_24H);
            assertThat(Indicators.accepted(Standard.US_EPA_2024, r))
                    .hasSize(8)
                    .contains(SO2_24H)
                    .containsAll(Indicators.of(Standard.US_EPA_2024, r));
        }
    }

    @Test
    void everyReportIndexesAllSixPollutants() {
        for (Standard s : Standard.values()) {
            for (Report r : Report.values()) {
                assertThat(Indicators.pollutants(s, r))
                        .as(s + " " + r)
                        .isEqualTo(EnumSet.allOf(Pollutant.class));
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource({
        "HJ633_2026, HOURLY, HJ 633—2026 4.2.3",
        "HJ633_2026, DAILY, HJ 633—2026 4.2.2",
        "HJ633_2012, HOURLY, HJ 633-2012 5.1.3",
        "HJ633_2012, DAILY, HJ 633-2012 5.1.2",
    })
    void clauses(Standard s, Report r, String clause) {
        assertThat(Indicators.clause(s, r)).isEqualTo(clause);
    }

    @Test
    void theRejectionOfTheIssue() {
        assertThat(Indicators.rejection(Standard.HJ633_2026, Report.HOURLY, O3_8H))
                .isEqualTo(
                        "the real-time report of HJ 633—2026 indexes the six 1-h means (4.2.3);"
                                + " it has no 8-h O3");
    }

    @Test
    void roundingPerGbT8170() {
        assertThat(round(Pollutant.PM25, "60.5")).isEqualTo("60");
        assertThat(round(Pollutant.PM25, "61.5")).isEqualTo("62");
        assertThat(round(Pollutant.PM25, "60.51")).isEqualTo("61");
        assertThat(round(Pollutant.PM25, "60.49")).isEqualTo("60");
        assertThat(round(Pollutant.O3, "0.5")).isEqualTo("0");
        assertThat(round(Pollutant.SO2, "1.5")).isEqualTo("2");
        assertThat(round(Pollutant.CO, "4.05")).isEqualTo("4.0");
        assertThat(round(Pollutant.CO, "4.15")).isEqualTo("4.2");
        assertThat(round(Pollutant.CO, "4.25")).isEqualTo("4.2");
        assertThat(round(Pollutant.CO, "4.2500001")).isEqualTo("4.3");
        assertThat(Rounding.NONE.apply(Pollutant.PM25, new BigDecimal("60.5")))
                .isEqualTo(new BigDecimal("60.5"));
        assertThat(Rounding.defaultFor(Standard.HJ633_2026)).isEqualTo(Rounding.GB_T_8170);
        assertThat(Rounding.defaultFor(Standard.HJ633_2012)).isEqualTo(Rounding.NONE);
        assertThat(Rounding.defaultFor(Standard.US_EPA_2024)).isEqualTo(Rounding.NONE);
    }

    private static String round(Pollutant p, String c) {
        return Rounding.GB_T_8170.apply(p, new BigDecimal(c)).toPlainString();
    }

    @Test
    void concentrationsKeepTheDecimalAsWritten() {
        Concentrations c = Concentrations.none().with(PM25_24H, 0.1).with(CO_24H, 4.05);
        assertThat(c.decimal(PM25_24H)).isEqualTo(new BigDecimal("0.1"));
        assertThat(c.decimal(CO_24H)).isEqualTo(new BigDecimal("4.05"));
        assertThat(c.get(CO_24H)).isEqualTo(4.05);
        assertThat(c.has(O3_8H)).isFalse();
        assertThat(c.get(O3_8H)).isNaN();
        assertThat(c.decimal(O3_8H)).isNull();
        // NaN and null clear
        assertThat(c.with(PM25_24H, Double.NaN).has(PM25_24H)).isFalse();
        assertThat(c.with(PM25_24H, (BigDecimal) null).has(PM25_24H)).isFalse();
        // numerically equal values are equal
        assertThat(Concentrations.none().with(PM25_24H, new BigDecimal("60.0")))
                .isEqualTo(Concentrations.none().with(PM25_24H, 60))
                .hasSameHashCodeAs(Concentrations.none().with(PM25_24H, 60));
        assertThat(c.toMap()).containsOnlyKeys(CO_24H, PM25_24H);
        assertThatThrownBy(() -> c.with(PM25_24H, new BigDecimal("-0.1")))
                .hasMessageContaining("pm25-24h must be a finite concentration >= 0");
        assertThatThrownBy(() -> c.with(PM25_24H, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
