package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spillage and dust analysis on a small example worked by hand: three days, the hours 01:00 and
 * 13:00, a lag of two hours (the hour itself and the one after).
 *
 * <pre>
 * hour        spillage  exposure  PM10
 * d1 01:00    2         2         100
 * d2 01:00    0         0          80
 * d3 00:00    1         (no PM10)
 * d3 01:00    0         1          90
 * d1 13:00    0         0          40
 * d2 13:00    1         1          55
 * d3 13:00    0         0          40
 * </pre>
 *
 * At 01:00 the hours after spillage average 95 against 80 (+15, two hours); at 13:00, 55 against 40
 * (+15, one hour): the mean excess is (2·15 + 1·15) / 3 = 15. Ignoring the hour of day would give
 * 81.67 − 53.33 = 28.33, most of it the night's higher PM10. With each hour of day's mean removed,
 * the residuals are x: 1, −1, 0, −1/3, 2/3, −1/3 and PM10: 10, −10, 0, −5, 10, −5, so Σxy = 30, Σx²
 * = 8/3, Σy² = 350 and r = 30 / √(8/3 · 350) = 0.98198.
 *
 * <p>The series by hour of day keeps both sides: 01:00 has 2 after hours (100, 90: mean 95) and 1
 * other (80); 13:00 has 1 after hour (55) and 2 others (40, 40: mean 40). Without any spillage
 * every hour is an other hour: 01:00 (100 + 80 + 90) / 3 = 90, 13:00 (40 + 55 + 40) / 3 = 45.
 */
class SpillageAnalysisTest {

    static Instant at(int day, int hour) {
        return LocalDateTime.of(2026, 11, 1 + day, hour, 0).atZone(ReportPeriod.ZONE).toInstant();
    }

    static final Map<Instant, Double> PM10 = new HashMap<>();
    static final Map<Instant, Long> SPILLAGE = new HashMap<>();

    static {
        PM10.put(at(1, 1), 100.0);
        PM10.put(at(2, 1), 80.0);
        PM10.put(at(3, 1), 90.0);
        PM10.put(at(1, 13), 40.0);
        PM10.put(at(2, 13), 55.0);
        PM10.put(at(3, 13), 40.0);
        SPILLAGE.put(at(1, 1), 2L);
        SPILLAGE.put(at(3, 0), 1L);
        SPILLAGE.put(at(2, 13), 1L);
    }

    @Test
    void theExcessAndTheCorrelationAreTakenWithinEachHourOfDay() {
        SpillageDustFigures.SpillageDust d =
                SpillageAnalysis.analyse("Xihe", PM10, SPILLAGE, new SpillageMethod(2, 2, 3));
        assertThat(d.township()).isEqualTo("Xihe");
        assertThat(d.hours()).isEqualTo(6);
        assertThat(d.spillageHours()).isEqualTo(2);
        assertThat(d.spillages()).isEqualTo(3);
        assertThat(d.afterHours()).isEqualTo(3);
        assertThat(d.otherHours()).isEqualTo(3);
        assertThat(d.meanExcess()).isCloseTo(15.0, within(1e-12));
        assertThat(d.correlation()).isCloseTo(30 / Math.sqrt(8.0 / 3 * 350), within(1e-12));
        assertThat(d.verdict()).isEqualTo(SpillageDustFigures.Verdict.ENOUGH_DATA);
        assertThat(d.byHour())
                .containsExactly(
                        new SpillageDustFigures.HourOfDay(1, 2, 95.0, 1, 80.0),
                        new SpillageDustFigures.HourOfDay(13, 1, 55.0, 2, 40.0));
    }

    @Test
    void tooFewHoursGiveNoVerdict() {
        assertThat(
                        SpillageAnalysis.analyse(
                                        "Xihe", PM10, SPILLAGE, new SpillageMethod(2, 3, 3))
                                .verdict())
                .isEqualTo(SpillageDustFigures.Verdict.TOO_FEW);
        assertThat(
                        SpillageAnalysis.analyse(
                                        "Xihe", PM10, SPILLAGE, new SpillageMethod(2, 2, 4))
                                .verdict())
                .isEqualTo(SpillageDustFigures.Verdict.TOO_FEW);
    }

    @Test
    void withoutSpillageThereIsNoExcessNorCorrelation() {
        SpillageDustFigures.SpillageDust d =
                SpillageAnalysis.analyse("Xihe", PM10, Map.of(), SpillageMethod.DEFAULT);
        assertThat(d.afterHours()).isZero();
        assertThat(d.meanExcess()).isNull();
        assertThat(d.correlation()).isNull();
        assertThat(d.verdict()).isEqualTo(SpillageDustFigures.Verdict.TOO_FEW);
        assertThat(d.byHour())
                .containsExactly(
                        new SpillageDustFigures.HourOfDay(1, 0, null, 3, 90.0),
                        new SpillageDustFigures.HourOfDay(13, 0, null, 3, 45.0));
    }
}
