package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The worked examples of docs/aqi.md (HJ 633—2026 4.2.2 rounding, 4.2.6 rounding up), each with and
 * without GB/T 8170 rounding. Expected values are the document's, with the arithmetic written out.
 */
class WorkedExamplesTest {

    @ParameterizedTest(name = "{0} {1} {2} ({3}) -> {4} -> AQI {5}, level {6} {7}")
    @CsvSource({
        // daily PM2.5 60.4 -> 60 -> IAQI 100 -> AQI 100, level 2 (良)
        "DAILY, PM25_24H, 60.4, GB_T_8170, 60, 100, 2, 良",
        // without rounding: (50/55)(0.4)+100 = 100.36 -> 101, level 3
        "DAILY, PM25_24H, 60.4, NONE, 60.4, 101, 3, 轻度污染",
        // real-time PM2.5 96.31 (1-h) -> 96 -> (50/55)(36)+100 = 132.7 -> 133
        "HOURLY, PM25_1H, 96.31, GB_T_8170, 96, 133, 3, 轻度污染",
        // daily CO 4.04 -> 4.0 -> IAQI 100 (without rounding: (50/10)(0.04)+100 = 100.2 -> 101)
        "DAILY, CO_24H, 4.04, GB_T_8170, 4.0, 100, 2, 良",
        "DAILY, CO_24H, 4.04, NONE, 4.04, 101, 3, 轻度污染",
        // daily CO 4.05 -> 4.0 (half to even) -> 100
        "DAILY, CO_24H, 4.05, GB_T_8170, 4.0, 100, 2, 良",
        // 4.15 -> 4.2 (half to even, up this time): (50/10)(0.2)+100 = 101
        "DAILY, CO_24H, 4.15, GB_T_8170, 4.2, 101, 3, 轻度污染",
        // GB/T 8170: 60.5 -> 60, 61.5 -> 62, 60.51 -> 61
        "DAILY, PM25_24H, 60.5, GB_T_8170, 60, 100, 2, 良",
        "DAILY, PM25_24H, 61.5, GB_T_8170, 62, 102, 3, 轻度污染",
        "DAILY, PM25_24H, 60.51, GB_T_8170, 61, 101, 3, 轻度污染",
        // the exact value rounds once: 61.4999999 -> 61 -> (50/55)(1)+100 = 100.9 -> 101
        "DAILY, PM25_24H, 61.4999999, GB_T_8170, 61, 101, 3, 轻度污染",
    })
    void example(
            Report report,
            Average a,
            BigDecimal c,
            Rounding rounding,
            BigDecimal indexed,
            int aqi,
            int level,
            String chinese) {
        AqiResult r =
                AirQualityIndex.compute(
                                Standard.HJ633_2026,
                                report,
                                Concentrations.none().with(a, c),
                                EnumSet.of(a.pollutant()),
                                rounding)
                        .orElseThrow();
        assertThat(r.indexed().get(a)).isEqualByComparingTo(indexed);
        assertThat(r.aqi()).isEqualTo(aqi);
        assertThat(r.level()).isEqualTo(level);
        assertThat(r.chinese()).isEqualTo(chinese);
        assertThat(r.published()).isTrue();
    }

    @Test
    void theDefaultRoundingOf2026IsGbT8170() {
        assertThat(Rounding.defaultFor(Standard.HJ633_2026)).isEqualTo(Rounding.GB_T_8170);
        AqiResult r =
                AirQualityIndexTest.compute(
                        "HJ633-2026", "DAILY", Concentrations.none().with(Average.PM25_24H, 60.4));
        assertThat(r.aqi()).isEqualTo(100);
        assertThat(r.english()).isEqualTo("Good");
        assertThat(r.colour()).isEqualTo("#FFFF00");
    }

    @Test
    void aDoubleIsTakenAsTheDecimalItPrintsAs() {
        // 60.5 as a double is exactly 60.5 (binary 111100.1), but 61.4999999 is not exact in
        // binary; BigDecimal.valueOf takes the decimal as written in both cases
        assertThat(
                        AirQualityIndexTest.only(
                                        "HJ633-2026", "DAILY", Average.PM25_24H, 61.4999999)
                                .indexed())
                .containsEntry(Average.PM25_24H, new BigDecimal("61"));
        assertThat(
                        AirQualityIndexTest.only("HJ633-2026", "DAILY", Average.PM25_24H, 60.5)
                                .indexed())
                .containsEntry(Average.PM25_24H, new BigDecimal("60"));
    }

    @Test
    void roundingAQuotientCutShortCanCrossTheHalf() {
        // Why the exact mean matters: a mean cut to one decimal first turns 61.4999999 into 61.5,
        // and then GB/T 8170 makes it 62 (AQI 102) instead of 61 (AQI 101).
        BigDecimal exact = new BigDecimal("61.4999999");
        BigDecimal cut = exact.setScale(1, RoundingMode.HALF_UP);
        assertThat(cut).isEqualByComparingTo("61.5");
        assertThat(
                        AirQualityIndexTest.compute(
                                        "HJ633-2026",
                                        "DAILY",
                                        Concentrations.none().with(Average.PM25_24H, cut))
                                .aqi())
                .isEqualTo(102);
        assertThat(
                        AirQualityIndexTest.compute(
                                        "HJ633-2026",
                                        "DAILY",
                                        Concentrations.none().with(Average.PM25_24H, exact))
                                .aqi())
                .isEqualTo(101);
    }
}
