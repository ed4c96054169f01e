package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** HJ 633—2026 5.3.1 (missing data makes AQI "NA" up to 100) and 5.3.2 (the monitoring plan). */
class MissingDataTest {

    /**
     * A real-time report without CO whose largest sub-index is NO2's 87: NO2 174 µg/m³ is (50/100)
     * (74) + 50 = 87 exactly. SO2 10: (50/150)(10) = 3.3 -> 4; O3 50: (50/160)(50) = 15.6 -> 16;
     * PM2.5 20: (50/35)(20) = 28.6 -> 29; PM10 30: (50/50)(30) = 30.
     */
    static final Concentrations WITHOUT_CO =
            Concentrations.none()
                    .with(Average.SO2_1H, 10)
                    .with(Average.NO2_1H, 174)
                    .with(Average.O3_1H, 50)
                    .with(Average.PM25_1H, 20)
                    .with(Average.PM10_1H, 30);

    static final Set<Pollutant> ALL = EnumSet.allOf(Pollutant.class);

    private static AqiResult hourly(Standard s, Concentrations c, Set<Pollutant> plan) {
        return AirQualityIndex.compute(s, Report.HOURLY, c, plan, Rounding.defaultFor(s))
                .orElseThrow();
    }

    @Test
    void aMissingPollutantWithAqiUpTo100MakesTheAqiNa() {
        AqiResult r = hourly(Standard.HJ633_2026, WITHOUT_CO, ALL);
        assertThat(r.published()).isFalse();
        assertThat(r.status()).isEqualTo("NA");
        assertThat(r.missing()).containsExactly(Pollutant.CO);
        // computed from the others all the same, and the sub-indices are still published
        assertThat(r.aqi()).isEqualTo(87);
        assertThat(r.level()).isEqualTo(2);
        assertThat(r.primary()).containsExactly("NO2");
        assertThat(r.iaqi())
                .containsEntry(SubIndex.SO2, 4)
                .containsEntry(SubIndex.NO2, 87)
                .containsEntry(SubIndex.O3_1H, 16)
                .containsEntry(SubIndex.PM25, 29)
                .containsEntry(SubIndex.PM10, 30)
                .doesNotContainKey(SubIndex.CO);
        assertThat(r.indexed()).hasSize(5);
    }

    @Test
    void exactly100IsStillNaAnd101IsPublished() {
        // NO2 200 µg/m³: IAQI 100, not above 100
        AqiResult at100 = hourly(Standard.HJ633_2026, WITHOUT_CO.with(Average.NO2_1H, 200), ALL);
        assertThat(at100.aqi()).isEqualTo(100);
        assertThat(at100.published()).isFalse();
        // NO2 201: (50/500)(1)+100 = 100.1 -> 101
        AqiResult at101 = hourly(Standard.HJ633_2026, WITHOUT_CO.with(Average.NO2_1H, 201), ALL);
        assertThat(at101.aqi()).isEqualTo(101);
        assertThat(at101.published()).isTrue();
        assertThat(at101.status()).isEqualTo("ok");
        assertThat(at101.missing()).containsExactly(Pollutant.CO);
    }

    @Test
    void aMissingPollutantWithAqiAbove100IsPublished() {
        // PM2.5 96.31 -> 96 -> 133
        AqiResult r = hourly(Standard.HJ633_2026, WITHOUT_CO.with(Average.PM25_1H, 96.31), ALL);
        assertThat(r.aqi()).isEqualTo(133);
        assertThat(r.published()).isTrue();
        assertThat(r.primary()).containsExactly("PM2.5");
        assertThat(r.sensitive()).containsExactly(Pollutant.PM25);
    }

    @Test
    void aPollutantOutsideThePlanDoesNotForceNa() {
        // 5.3.2: the plan does not cover CO
        AqiResult r =
                hourly(
                        Standard.HJ633_2026,
                        WITHOUT_CO,
                        EnumSet.complementOf(EnumSet.of(Pollutant.CO)));
        assertThat(r.published()).isTrue();
        assertThat(r.missing()).isEmpty();
        assertThat(r.aqi()).isEqualTo(87);
        // ...but a missing pollutant the plan covers does
        AqiResult o3 =
                hourly(
                        Standard.HJ633_2026,
                        WITHOUT_CO.with(Average.O3_1H, Double.NaN),
                        EnumSet.complementOf(EnumSet.of(Pollutant.CO)));
        assertThat(o3.published()).isFalse();
        assertThat(o3.missing()).containsExactly(Pollutant.O3);
    }

    @Test
    void theDailyReportToo() {
        Concentrations day =
                Concentrations.none()
                        .with(Average.SO2_24H, 10)
                        .with(Average.NO2_24H, 30)
                        .with(Average.CO_24H, 1)
                        .with(Average.PM10_24H, 60)
                        .with(Average.PM25_24H, 40);
        AqiResult r = AirQualityIndex.compute(Standard.HJ633_2026, Report.DAILY, day).orElseThrow();
        assertThat(r.missing()).containsExactly(Pollutant.O3);
        assertThat(r.published()).isFalse();
        AqiResult full =
                AirQualityIndex.compute(
                                Standard.HJ633_2026, Report.DAILY, day.with(Average.O3_8H, 90))
                        .orElseThrow();
        assertThat(full.missing()).isEmpty();
        assertThat(full.published()).isTrue();
    }

    @Test
    void hj2012AndTheEpaComputeFromWhatIsPresentAndNeverNa() {
        Concentrations old =
                Concentrations.none()
                        .with(Average.NO2_1H, 174)
                        .with(Average.PM25_24H, 20)
                        .with(Average.PM10_24H, 30);
        AqiResult r = hourly(Standard.HJ633_2012, old, ALL);
        assertThat(r.published()).isTrue();
        assertThat(r.missing()).containsExactly(Pollutant.SO2, Pollutant.CO, Pollutant.O3);
        assertThat(r.aqi()).isEqualTo(87);
        AqiResult epa =
                hourly(
                        Standard.US_EPA_2024,
                        Concentrations.none().with(Average.PM25_NOWCAST, 12),
                        ALL);
        assertThat(epa.published()).isTrue();
        assertThat(epa.missing()).hasSize(5);
    }
}
