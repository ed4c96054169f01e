package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HJ 633-2012's table as it stands (no rounding of concentrations), the EPA's tables, and the rules
 * around the tables: over-800, above the top, primary and exceeding pollutants, the floor at 1,
 * refused inputs. The rows are typed from the standards' printed tables (docs/aqi.md),
 * independently of {@code Tables}; {@link Oracle} reads them. HJ 633—2026's rows are in {@link
 * Hj2026TableTest}, its worked examples in {@link WorkedExamplesTest}, the NA rule in {@link
 * MissingDataTest}.
 */
class AirQualityIndexTest {

    /** report, average fed, sub-index, printed row of HJ 633-2012 table 1. */
    static final String[][] HJ2012_ROWS = {
        {"HOURLY", "SO2_1H", "SO2", "0:0 150:50 500:100 650:150 800:200"},
        {"DAILY", "SO2_24H", "SO2", "0:0 50:50 150:100 475:150 800:200 1600:300 2100:400 2620:500"},
        {
            "HOURLY",
            "NO2_1H",
            "NO2",
            "0:0 100:50 200:100 700:150 1200:200 2340:300 3090:400 3840:500"
        },
        {"DAILY", "NO2_24H", "NO2", "0:0 40:50 80:100 180:150 280:200 565:300 750:400 940:500"},
        {"HOURLY", "CO_1H", "CO", "0:0 5:50 10:100 35:150 60:200 90:300 120:400 150:500"},
        {"DAILY", "CO_24H", "CO", "0:0 2:50 4:100 14:150 24:200 36:300 48:400 60:500"},
        {
            "HOURLY",
            "O3_1H",
            "O3_1H",
            "0:0 160:50 200:100 300:150 400:200 800:300 1000:400 1200:500"
        },
        {"DAILY", "O3_1H", "O3_1H", "0:0 160:50 200:100 300:150 400:200 800:300 1000:400 1200:500"},
        {"HOURLY", "O3_8H", "O3_8H", "0:0 100:50 160:100 215:150 265:200 800:300"},
        {"DAILY", "O3_8H", "O3_8H", "0:0 100:50 160:100 215:150 265:200 800:300"},
        // 5.1.3 and table 4: the real-time PM sub-index comes from the 24-h moving mean
        {"HOURLY", "PM10_24H", "PM10", "0:0 50:50 150:100 250:150 350:200 420:300 500:400 600:500"},
        {"DAILY", "PM10_24H", "PM10", "0:0 50:50 150:100 250:150 350:200 420:300 500:400 600:500"},
        {"HOURLY", "PM25_24H", "PM25", "0:0 35:50 75:100 115:150 150:200 250:300 350:400 500:500"},
        {"DAILY", "PM25_24H", "PM25", "0:0 35:50 75:100 115:150 150:200 250:300 350:400 500:500"},
    };

    /**
     * At each breakpoint, 0.01 either side of it (the index rounds up, and 0.01 moves no row by a
     * whole index), and in the middle of each segment, where the index is a whole number. Under HJ
     * 633-2012 nothing is rounded first: 0.01 above a breakpoint already counts.
     */
    static Stream<Arguments> hj2012Boundaries() {
        List<Arguments> cases = new ArrayList<>();
        BigDecimal hair = new BigDecimal("0.01");
        for (String[] row : HJ2012_ROWS) {
            String[] bps = Oracle.breakpoints(row[3]);
            for (int k = 0; k < bps.length; k++) {
                BigDecimal bp = new BigDecimal(bps[k]);
                List<BigDecimal> inputs = new ArrayList<>(List.of(bp));
                if (k > 0) {
                    inputs.add(bp.subtract(hair));
                }
                if (k + 1 < bps.length) {
                    inputs.add(bp.add(hair));
                    inputs.add(bp.add(new BigDecimal(bps[k + 1])).divide(BigDecimal.valueOf(2)));
                }
                for (BigDecimal c : inputs) {
                    int expected = Oracle.iaqi(row[3], c);
                    cases.add(
                            Arguments.of(
                                    row[0]
                                            + " "
                                            + row[1]
                                            + " "
                                            + c.toPlainString()
                                            + " -> "
                                            + expected,
                                    row,
                                    c,
                                    expected));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "HJ633-2012 {0}")
    @MethodSource("hj2012Boundaries")
    void hj2012Breakpoint(String name, String[] row, BigDecimal c, int expected) {
        Average avg = Average.valueOf(row[1]);
        AqiResult r = compute("HJ633-2012", row[0], Concentrations.none().with(avg, c));
        assertThat(r.iaqi()).containsEntry(SubIndex.valueOf(row[2]), expected);
        assertThat(r.indexed().get(avg)).isEqualTo(c);
    }

    @Test
    void hj2012IsNotRoundedByDefaultAndGbT8170IsOneSettingAway() {
        assertThat(Rounding.defaultFor(Standard.HJ633_2012)).isEqualTo(Rounding.NONE);
        Concentrations pm = Concentrations.none().with(Average.PM25_24H, new BigDecimal("75.5"));
        // as given: (150-100)/(115-75) × 0.5 + 100 = 100.625 -> 101
        assertThat(compute("HJ633-2012", "DAILY", pm).aqi()).isEqualTo(101);
        // GB/T 8170: 75.5 -> 76 (the even neighbour): 50/40 × 1 + 100 = 101.25 -> 102
        AqiResult rounded =
                AirQualityIndex.compute(
                                Standard.HJ633_2012,
                                Report.DAILY,
                                pm,
                                EnumSet.allOf(Pollutant.class),
                                Rounding.GB_T_8170)
                        .orElseThrow();
        assertThat(rounded.aqi()).isEqualTo(102);
        assertThat(rounded.indexed().get(Average.PM25_24H)).isEqualByComparingTo("76");
        assertThat(rounded.rounding()).isEqualTo(Rounding.GB_T_8170);
    }

    /** US EPA 2024 rows in the EPA's native units (ppm, ppb, µg/m³): both ends of each segment. */
    @ParameterizedTest(name = "EPA {0} {1} -> {2}")
    @CsvSource({
        "O3_8H, 0.000, 0",
        "O3_8H, 0.054, 50",
        "O3_8H, 0.055, 51",
        "O3_8H, 0.070, 100",
        "O3_8H, 0.071, 101",
        "O3_8H, 0.085, 150",
        "O3_8H, 0.086, 151",
        "O3_8H, 0.105, 200",
        "O3_8H, 0.106, 201",
        "O3_8H, 0.200, 300",
        "O3_1H, 0.125, 101",
        "O3_1H, 0.164, 150",
        "O3_1H, 0.165, 151",
        "O3_1H, 0.204, 200",
        "O3_1H, 0.205, 201",
        "O3_1H, 0.404, 300",
        "O3_1H, 0.405, 301",
        "O3_1H, 0.604, 500",
        "PM25_24H, 0.0, 0",
        "PM25_24H, 9.0, 50",
        "PM25_24H, 9.1, 51",
        "PM25_24H, 35.4, 100",
        "PM25_24H, 35.5, 101",
        "PM25_24H, 55.4, 150",
        "PM25_24H, 55.5, 151",
        "PM25_24H, 125.4, 200",
        "PM25_24H, 125.5, 201",
        "PM25_24H, 225.4, 300",
        "PM25_24H, 225.5, 301",
        "PM25_24H, 325.4, 500",
        "PM10_24H, 0, 0",
        "PM10_24H, 54, 50",
        "PM10_24H, 55, 51",
        "PM10_24H, 154, 100",
        "PM10_24H, 155, 101",
        "PM10_24H, 254, 150",
        "PM10_24H, 255, 151",
        "PM10_24H, 354, 200",
        "PM10_24H, 355, 201",
        "PM10_24H, 424, 300",
        "PM10_24H, 425, 301",
        "PM10_24H, 604, 500",
        "CO_8H, 0.0, 0",
        "CO_8H, 4.4, 50",
        "CO_8H, 4.5, 51",
        "CO_8H, 9.4, 100",
        "CO_8H, 9.5, 101",
        "CO_8H, 12.4, 150",
        "CO_8H, 12.5, 151",
        "CO_8H, 15.4, 200",
        "CO_8H, 15.5, 201",
        "CO_8H, 30.4, 300",
        "CO_8H, 30.5, 301",
        "CO_8H, 50.4, 500",
        "SO2_1H, 0, 0",
        "SO2_1H, 35, 50",
        "SO2_1H, 36, 51",
        "SO2_1H, 75, 100",
        "SO2_1H, 76, 101",
        "SO2_1H, 185, 150",
        "SO2_1H, 186, 151",
        "SO2_1H, 304, 200",
        "SO2_24H, 305, 201",
        "SO2_24H, 604, 300",
        "SO2_24H, 605, 301",
        "SO2_24H, 1004, 500",
        "NO2_1H, 0, 0",
        "NO2_1H, 53, 50",
        "NO2_1H, 54, 51",
        "NO2_1H, 100, 100",
        "NO2_1H, 101, 101",
        "NO2_1H, 360, 150",
        "NO2_1H, 361, 151",
        "NO2_1H, 649, 200",
        "NO2_1H, 650, 201",
        "NO2_1H, 1249, 300",
        "NO2_1H, 1250, 301",
        "NO2_1H, 2049, 500",
    })
    void epaBreakpoint(String table, String native_, int expected) throws Exception {
        Breakpoints t = (Breakpoints) Tables.class.getDeclaredField("EPA_" + table).get(null);
        assertThat(AirQualityIndex.epa(t, new BigDecimal(native_))).isEqualTo(expected);
    }

    @Test
    void epaConvertsUnitsAndTruncatesBeforeIndexing() {
        // NO2 100 µg/m³ = 100 × 24.45 / 46.01 = 53.14 ppb, truncated to 53: index 50
        assertThat(only("US-EPA-2024", "HOURLY", Average.NO2_1H, 100).iaqi())
                .containsEntry(SubIndex.NO2, 50);
        // O3 8-h 137 µg/m³ = 0.06979 ppm, truncated to 0.069: (49/0.015)(0.014)+51 = 96.7 -> 97
        assertThat(only("US-EPA-2024", "DAILY", Average.O3_8H, 137).iaqi())
                .containsEntry(SubIndex.O3_8H, 97);
        // CO 5.0 mg/m³ = 4.364 ppm -> 4.3: (50/4.4)(4.3) = 48.86 -> 49
        assertThat(only("US-EPA-2024", "DAILY", Average.CO_8H, 5.0).iaqi())
                .containsEntry(SubIndex.CO, 49);
        // PM2.5 35.49 truncates to 35.4: index 100, not 101
        assertThat(only("US-EPA-2024", "DAILY", Average.PM25_24H, 35.49).aqi()).isEqualTo(100);
        // PM2.5 12.0 (the old 2012-rule boundary): (49/26.3)(2.9)+51 = 56.4 -> 56
        assertThat(only("US-EPA-2024", "DAILY", Average.PM25_24H, 12.0).aqi()).isEqualTo(56);
        // the hourly report takes the NowCast: 35.49 truncates the same way
        assertThat(only("US-EPA-2024", "HOURLY", Average.PM25_NOWCAST, 35.49).aqi()).isEqualTo(100);
        // PM10 NowCast 154.9 truncates to 154: index 100
        assertThat(only("US-EPA-2024", "HOURLY", Average.PM10_NOWCAST, 154.9).aqi()).isEqualTo(100);
        // the EPA scale starts at 0: no floor
        assertThat(only("US-EPA-2024", "DAILY", Average.PM25_24H, 0).aqi()).isZero();
    }

    @Test
    void epaHighSo2UsesTheDailyAverageAndHighOzoneTheHourlyOne() {
        // SO2 1-h 900 µg/m³ = 343 ppb: above the 1-h scale; the 24-h 850 µg/m³ = 324 ppb indexes it
        Concentrations c =
                Concentrations.none().with(Average.SO2_1H, 900).with(Average.SO2_24H, 850);
        assertThat(compute("US-EPA-2024", "HOURLY", c).iaqi())
                .containsEntry(
                        SubIndex.SO2,
                        AirQualityIndex.epa(Tables.EPA_SO2_24H, new BigDecimal("324")));
        assertThat(compute("US-EPA-2024", "HOURLY", c.with(Average.SO2_24H, Double.NaN)).iaqi())
                .containsEntry(SubIndex.SO2, 200);
        // 8-h O3 of 0.25 ppm (500 µg/m³) is not indexed; the 1-h value of 0.3 ppm is
        Concentrations o3 = Concentrations.none().with(Average.O3_8H, 500).with(Average.O3_1H, 600);
        AqiResult r = compute("US-EPA-2024", "HOURLY", o3);
        assertThat(r.iaqi()).doesNotContainKey(SubIndex.O3_8H).containsKey(SubIndex.O3_1H);
        assertThat(r.category().english(Standard.US_EPA_2024)).isEqualTo("Very Unhealthy");
    }

    @Test
    void epaRefusesGbT8170AndTheAveragesOfTheOtherReport() {
        assertThat(Rounding.defaultFor(Standard.US_EPA_2024)).isEqualTo(Rounding.NONE);
        assertThatThrownBy(
                        () ->
                                AirQualityIndex.compute(
                                        Standard.US_EPA_2024,
                                        Report.DAILY,
                                        Concentrations.none().with(Average.PM25_24H, 10),
                                        EnumSet.allOf(Pollutant.class),
                                        Rounding.GB_T_8170))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rounding must be NONE");
        assertThatThrownBy(() -> only("US-EPA-2024", "HOURLY", Average.PM25_24H, 10))
                .hasMessageContaining("pm25-24h: the EPA's hourly report")
                .hasMessageContaining("it has no 24-h PM2.5");
        assertThatThrownBy(() -> only("US-EPA-2024", "DAILY", Average.PM25_NOWCAST, 10))
                .hasMessageContaining("it has no NowCast PM2.5");
    }

    @Test
    void hjRoundsUpAndTheParticulateRowsDifferBetweenEditions() {
        // PM2.5 76: 2012 (150-100)/(115-75) × 1 + 100 = 101.25 -> 102
        assertThat(only("HJ633-2012", "DAILY", Average.PM25_24H, 76).aqi()).isEqualTo(102);
        // 2026: (150-100)/(115-60) × 16 + 100 = 114.5 -> 115
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 76).aqi()).isEqualTo(115);
        // PM10 130: 2012 (100-50)/(150-50) × 80 + 50 = 90; 2026 (150-100)/(250-120) × 10 + 100 =
        // 103.8 -> 104
        assertThat(only("HJ633-2012", "DAILY", Average.PM10_24H, 130).aqi()).isEqualTo(90);
        assertThat(only("HJ633-2026", "DAILY", Average.PM10_24H, 130).aqi()).isEqualTo(104);
        // an exact integer is not rounded up: 0.1 × 500 = 50 exactly in decimal arithmetic
        assertThat(only("HJ633-2012", "HOURLY", Average.NO2_1H, 100.0).aqi()).isEqualTo(50);
    }

    @Test
    void hj2026Over800RulesOfTable3() {
        // note (b): a 1-h SO2 above 800 counts as IAQI 200, however high
        for (String so2 : new String[] {"800", "800.5", "801", "5000"}) {
            assertThat(
                            compute(
                                            "HJ633-2026",
                                            "HOURLY",
                                            Concentrations.none()
                                                    .with(Average.SO2_1H, new BigDecimal(so2)))
                                    .iaqi())
                    .as(so2)
                    .containsEntry(SubIndex.SO2, 200);
        }
        // note (c): an 8-h O3 above 800 counts as IAQI 300, however high
        for (String o3 : new String[] {"800", "850", "5000"}) {
            AqiResult r =
                    compute(
                            "HJ633-2026",
                            "DAILY",
                            Concentrations.none().with(Average.O3_8H, new BigDecimal(o3)));
            assertThat(r.iaqi()).as(o3).containsEntry(SubIndex.O3_8H, 300);
            assertThat(r.aqi()).isEqualTo(300);
            assertThat(r.primary()).containsExactly("O3");
        }
    }

    @Test
    void hj2012Over800RulesOfTable1() {
        Concentrations so2 =
                Concentrations.none().with(Average.SO2_1H, 900).with(Average.SO2_24H, 300);
        // the 24-h average indexes SO2: (150-100)/(475-150) × 150 + 100 = 123.08 -> 124
        assertThat(compute("HJ633-2012", "HOURLY", so2).iaqi()).containsEntry(SubIndex.SO2, 124);
        // at 800 the 1-h row still applies
        assertThat(only("HJ633-2012", "HOURLY", Average.SO2_1H, 800).iaqi())
                .containsEntry(SubIndex.SO2, 200);
        // without a 24-h average: no SO2 sub-index at all, not a wrong one; published anyway
        AqiResult noDay =
                compute(
                        "HJ633-2012",
                        "HOURLY",
                        Concentrations.none().with(Average.SO2_1H, 900).with(Average.PM25_24H, 10));
        assertThat(noDay.iaqi()).doesNotContainKey(SubIndex.SO2);
        assertThat(noDay.missing()).contains(Pollutant.SO2);
        assertThat(noDay.published()).isTrue();
        // a 24-h SO2 alone is only the auxiliary of that rule: it indexes nothing by itself
        assertThat(
                        AirQualityIndex.compute(
                                Standard.HJ633_2012,
                                Report.HOURLY,
                                Concentrations.none().with(Average.SO2_24H, 300)))
                .isEmpty();

        // an 8-h O3 above 800 is not indexed; O3 1-h 700: (300-200)/(800-400) × 300 + 200 = 275
        Concentrations o3 = Concentrations.none().with(Average.O3_8H, 850).with(Average.O3_1H, 700);
        for (String report : new String[] {"DAILY", "HOURLY"}) {
            AqiResult r = compute("HJ633-2012", report, o3);
            assertThat(r.iaqi())
                    .doesNotContainKey(SubIndex.O3_8H)
                    .containsEntry(SubIndex.O3_1H, 275);
            assertThat(r.aqi()).isEqualTo(275);
        }
        assertThat(
                        AirQualityIndex.compute(
                                Standard.HJ633_2012,
                                Report.DAILY,
                                Concentrations.none().with(Average.O3_8H, 850)))
                .isEmpty();
    }

    @Test
    void beyondTheTopOfARowTheIndexIs500() {
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 640).aqi()).isEqualTo(500);
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 640).category().chinese())
                .isEqualTo("严重污染");
        assertThat(only("HJ633-2012", "DAILY", Average.SO2_24H, 2700).aqi()).isEqualTo(500);
        assertThat(only("HJ633-2026", "HOURLY", Average.O3_1H, 1300).aqi()).isEqualTo(500);
        assertThat(only("US-EPA-2024", "DAILY", Average.PM25_24H, 400).aqi()).isEqualTo(500);
    }

    @Test
    void primaryPollutantsListEveryTieAndOnlyAbove50() {
        // PM2.5 75 and PM10 150 both have IAQI 100 under 2012
        Concentrations c =
                Concentrations.none()
                        .with(Average.PM25_24H, 75)
                        .with(Average.PM10_24H, 150)
                        .with(Average.NO2_24H, 40);
        AqiResult r = compute("HJ633-2012", "DAILY", c);
        assertThat(r.aqi()).isEqualTo(100);
        assertThat(r.primary()).containsExactly("PM2.5", "PM10");
        assertThat(r.primaryList()).isEqualTo("PM2.5,PM10");
        assertThat(r.exceeding()).isEmpty();
        assertThat(r.level()).isEqualTo(2);
        assertThat(r.chinese()).isEqualTo("良");

        // under 2026 the tie is at PM2.5 60 and PM10 120, with CO 4 making it three
        Concentrations c26 =
                Concentrations.none()
                        .with(Average.PM25_24H, 60)
                        .with(Average.PM10_24H, 120)
                        .with(Average.CO_24H, 4)
                        .with(Average.SO2_24H, 10);
        assertThat(compute("HJ633-2026", "DAILY", c26).primary())
                .containsExactly("CO", "PM2.5", "PM10");

        // AQI 50 exactly: no primary pollutant
        AqiResult clean = only("HJ633-2012", "DAILY", Average.PM25_24H, 35);
        assertThat(clean.aqi()).isEqualTo(50);
        assertThat(clean.primary()).isEmpty();
        assertThat(clean.primaryList()).isEmpty();
        assertThat(clean.chinese()).isEqualTo("优");
        // 51: one
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 36).primary())
                .containsExactly("PM2.5");

        // O3 1-h and 8-h tie: O3 is named once
        Concentrations o3 = Concentrations.none().with(Average.O3_1H, 200).with(Average.O3_8H, 160);
        assertThat(compute("HJ633-2012", "HOURLY", o3).primary()).containsExactly("O3");
    }

    @Test
    void exceedingPollutantsAreHj2012Only() {
        Concentrations c =
                Concentrations.none()
                        .with(Average.PM25_24H, 120)
                        .with(Average.PM10_24H, 160)
                        .with(Average.SO2_24H, 150);
        // 2012: PM2.5 (50/35)(5)+150 = 157.1 -> 158; PM10 (50/100)(10)+100 = 105; SO2 100
        AqiResult old = compute("HJ633-2012", "DAILY", c);
        assertThat(old.exceeding()).containsExactly("PM2.5", "PM10");
        assertThat(old.primary()).containsExactly("PM2.5");
        // 2026 dropped the notion (4.3.1); the sensitive pollutants remain
        AqiResult now = compute("HJ633-2026", "DAILY", c);
        assertThat(now.exceeding()).isEmpty();
        assertThat(now.sensitive()).containsExactly(Pollutant.PM10, Pollutant.PM25);
        assertThat(old.sensitive()).containsExactly(Pollutant.PM10, Pollutant.PM25);
        AqiResult epa =
                compute("US-EPA-2024", "DAILY", Concentrations.none().with(Average.PM25_24H, 120));
        assertThat(epa.aqi()).isGreaterThan(100);
        assertThat(epa.exceeding()).isEmpty();
    }

    @Test
    void anAllZeroInputIsPublishedAsAqi1() {
        Concentrations zero = Concentrations.none();
        for (Average a : Indicators.of(Standard.HJ633_2026, Report.DAILY)) {
            zero = zero.with(a, 0);
        }
        AqiResult r = compute("HJ633-2026", "DAILY", zero);
        // 4.1.1: the scale is 1–500; the sub-indices stay 0
        assertThat(r.aqi()).isEqualTo(1);
        assertThat(r.iaqi().values()).hasSize(6).containsOnly(0);
        assertThat(r.level()).isEqualTo(1);
        assertThat(r.primary()).isEmpty();
        assertThat(r.published()).isTrue();
        // a small concentration that rounds to 0 is 0 too
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 0.4).aqi()).isEqualTo(1);
        // 0.6 -> 1 µg/m³: 50/35 = 1.43 -> 2
        assertThat(only("HJ633-2026", "DAILY", Average.PM25_24H, 0.6).aqi()).isEqualTo(2);
        assertThat(only("HJ633-2012", "DAILY", Average.PM25_24H, 0).aqi()).isEqualTo(1);
        assertThat(only("HJ633-2012", "DAILY", Average.PM25_24H, 0).iaqi())
                .containsEntry(SubIndex.PM25, 0);
    }

    @Test
    void missingAveragesAreLeftOutAndNoneGivesNoAqi() {
        AqiResult r = only("HJ633-2026", "HOURLY", Average.CO_1H, 5);
        assertThat(r.iaqi()).containsOnlyKeys(SubIndex.CO);
        assertThat(
                        AirQualityIndex.compute(
                                Standard.HJ633_2026, Report.HOURLY, Concentrations.none()))
                .isEmpty();
        // HJ 633-2012's real-time 1-h PM means are published without a sub-index
        AqiResult pm =
                compute(
                        "HJ633-2012",
                        "HOURLY",
                        Concentrations.none()
                                .with(Average.PM25_1H, 80)
                                .with(Average.PM10_1H, 200)
                                .with(Average.NO2_1H, 100));
        assertThat(pm.iaqi()).containsOnlyKeys(SubIndex.NO2);
        assertThat(pm.indexed()).containsKeys(Average.PM25_1H, Average.PM10_1H);
        assertThat(pm.missing()).contains(Pollutant.PM25, Pollutant.PM10);
        assertThat(
                        AirQualityIndex.compute(
                                Standard.HJ633_2012,
                                Report.HOURLY,
                                Concentrations.none().with(Average.PM25_1H, 80)))
                .isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} refuses {2}")
    @CsvSource({
        "HJ633-2026, HOURLY, O3_8H, 4.2.3, it has no 8-h O3",
        "HJ633-2026, HOURLY, PM25_24H, 4.2.3, it has no 24-h PM2.5",
        "HJ633-2026, HOURLY, SO2_24H, 4.2.3, it has no 24-h SO2",
        "HJ633-2026, DAILY, O3_1H, 4.2.2, it has no 1-h O3",
        "HJ633-2026, DAILY, PM10_1H, 4.2.2, it has no 1-h PM10",
        "HJ633-2026, DAILY, CO_8H, 4.2.2, it has no 8-h CO",
        "HJ633-2012, HOURLY, NO2_24H, 5.1.3, it has no 24-h NO2",
        "HJ633-2012, DAILY, PM25_1H, 5.1.2, it has no 1-h PM2.5",
        "HJ633-2012, DAILY, SO2_1H, 5.1.2, it has no 1-h SO2",
        "HJ633-2026, HOURLY, PM25_NOWCAST, 4.2.3, it has no NowCast PM2.5",
    })
    void averagesOutsideTheReportAreRefusedNamingTheClause(
            String standard, String report, Average a, String clause, String tail) {
        assertThatThrownBy(() -> only(standard, report, a, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(a.option() + ": ")
                .hasMessageContaining("(" + clause)
                .hasMessageEndingWith(tail);
    }

    @ParameterizedTest(name = "AQI {0} is level {1}")
    @CsvSource({
        "0, 1", "50, 1", "51, 2", "100, 2", "101, 3", "150, 3", "151, 4", "200, 4", "201, 5",
        "300, 5", "301, 6", "500, 6"
    })
    void levels(int aqi, int level) {
        assertThat(Category.of(aqi).level()).isEqualTo(level);
    }

    @Test
    void categoryNamesAndColours() {
        assertThat(Category.LEVEL_4.chinese()).isEqualTo("中度污染");
        assertThat(Category.LEVEL_4.english(Standard.HJ633_2026)).isEqualTo("Moderately polluted");
        assertThat(Category.LEVEL_5.colour(Standard.HJ633_2026)).isEqualTo("#99004C");
        assertThat(Category.LEVEL_5.colour(Standard.US_EPA_2024)).isEqualTo("#8F3F97");
        assertThat(Category.LEVEL_6.english(Standard.US_EPA_2024)).isEqualTo("Hazardous");
    }

    @Test
    void theStandardFollowsTheDate() {
        assertThat(Standard.forDate(LocalDate.of(2026, 2, 28))).isEqualTo(Standard.HJ633_2012);
        assertThat(Standard.forDate(LocalDate.of(2026, 3, 1))).isEqualTo(Standard.HJ633_2026);
        Concentrations pm = Concentrations.none().with(Average.PM25_24H, 70);
        // 70 µg/m³: 2012 (50/40)(35)+50 = 93.75 -> 94; 2026 (50/55)(10)+100 = 109.1 -> 110
        assertThat(
                        AirQualityIndex.compute(LocalDate.of(2026, 2, 28), Report.DAILY, pm)
                                .orElseThrow()
                                .aqi())
                .isEqualTo(94);
        assertThat(
                        AirQualityIndex.compute(LocalDate.of(2026, 3, 1), Report.DAILY, pm)
                                .orElseThrow()
                                .aqi())
                .isEqualTo(110);
    }

    @Test
    void theShortFormIsTheFullPlanAndTheDefaultRounding() {
        Concentrations c =
                Concentrations.none().with(Average.PM25_24H, 60.4).with(Average.CO_24H, 4.05);
        for (Standard s : Standard.values()) {
            if (s == Standard.US_EPA_2024) {
                c = Concentrations.none().with(Average.PM25_24H, 60.4).with(Average.CO_8H, 4.05);
            }
            assertThat(AirQualityIndex.compute(s, Report.DAILY, c))
                    .isEqualTo(
                            AirQualityIndex.compute(
                                    s,
                                    Report.DAILY,
                                    c,
                                    EnumSet.allOf(Pollutant.class),
                                    Rounding.defaultFor(s)));
        }
    }

    @Test
    void parsingAndValidation() {
        assertThat(Standard.parse("hj633_2026")).isEqualTo(Standard.HJ633_2026);
        assertThat(Standard.parse("HJ633—2026")).isEqualTo(Standard.HJ633_2026);
        assertThatThrownBy(() -> Standard.parse("HJ633-2019"))
                .hasMessageContaining("unknown AQI standard");
        assertThatThrownBy(() -> Concentrations.none().with(Average.PM25_1H, -1))
                .hasMessageContaining("pm25-1h must be a finite concentration");
        assertThatThrownBy(() -> Report.parse("weekly")).hasMessageContaining("hourly or daily");
        assertThat(Pollutant.parse("PM2.5")).isEqualTo(Pollutant.PM25);
        assertThat(Pollutant.parse("pm25")).isEqualTo(Pollutant.PM25);
        assertThat(Pollutant.parse(" O3 ")).isEqualTo(Pollutant.O3);
        assertThatThrownBy(() -> Pollutant.parse("nox")).hasMessageContaining("unknown pollutant");
    }

    @Test
    void pollutantsAndSubIndices() {
        assertThat(Pollutant.PM25.label()).isEqualTo("PM2.5");
        assertThat(Pollutant.PM25.field()).isEqualTo("pm25");
        assertThat(SubIndex.O3_8H.pollutantOf()).isEqualTo(Pollutant.O3);
        assertThat(SubIndex.O3_8H.pollutant()).isEqualTo("O3");
        assertThat(SubIndex.PM25.pollutant()).isEqualTo("PM2.5");
        assertThat(Average.PM10_NOWCAST.pollutant()).isEqualTo(Pollutant.PM10);
        assertThat(Average.PM25_NOWCAST.option()).isEqualTo("pm25-nowcast");
        assertThat(Average.CO_8H.unit()).isEqualTo("mg/m³");
        assertThat(Average.O3_8H.label()).isEqualTo("8-h O3");
    }

    static AqiResult only(String standard, String report, Average a, double c) {
        return compute(standard, report, Concentrations.none().with(a, c));
    }

    static AqiResult compute(String standard, String report, Concentrations c) {
        return AirQualityIndex.compute(Standard.parse(standard), Report.parse(report), c)
                .orElseThrow();
    }
}
