package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EPA's PM NowCast.
 *
 * <p>Sources: AirNow Tech, "The NowCast for PM2.5 and PM10"
 * (https://forum.airnowtech.org/t/the-nowcast-for-pm2-5-and-pm10/172): valid when 2 of the last 3
 * hours are; raw hourly values in; the result truncated to 0.1 µg/m³ (PM2.5) or 1 µg/m³ (PM10); the
 * AQI from it rounded to the nearest integer. EPA fact sheet "PM NowCast"
 * (https://nepis.epa.gov/Exe/ZyPURL.cgi?Dockey=P100X0J6.txt): the eight steps, with no numbers. The
 * one published worked example found is the AirNow training slide "Computing the NowCast" (a copy
 * at https://cdn.slideserve.com/brina/computing-the-nowcast; the original deck's own address was
 * not found): the 12 hours 50 80 75 90 82 53 64 74 21 10 16 13 (oldest first), range 90 − 10 = 80,
 * scaled rate 80/90, weight factor 1 − 80/90 = 0.11, below 0.5 so 0.5, NowCast 17.4 µg/m³. The
 * other examples here are worked by hand in the comments.
 */
class NowCastTest {

    /** The slide's hours, newest first: the current hour is 13 µg/m³. */
    static final double[] AIRNOW_EXAMPLE = {13, 16, 10, 21, 74, 64, 53, 82, 90, 75, 80, 50};

    @Test
    void theAirNowWorkedExample() {
        // w = 0.5. Σ c_i w^i = 13 + 8 + 2.5 + 2.625 + 4.625 + 2 + 0.828125 + 0.640625
        //   + 0.3515625 + 0.146484375 + 0.078125 + 0.0244140625 = 34.8193359375;
        // Σ w^i = 2 − 0.5^11 = 1.99951171875; NowCast = 17.4139… -> 17.4 (the slide's value)
        assertThat(NowCast.pm25(AIRNOW_EXAMPLE)).hasValue(17.4);
        assertThat(NowCast.pm10(AIRNOW_EXAMPLE)).hasValue(17.0);
        assertThat(NowCast.raw(decimals(AIRNOW_EXAMPLE)).orElseThrow())
                .isBetween(new BigDecimal("17.41391"), new BigDecimal("17.41392"));
    }

    @Test
    void theExampleIndexedAsTheEpaHourlyPm25() {
        // 17.4 in 9.1–35.4 (51–100): (49/26.3)(17.4 − 9.1) + 51 = 66.46 -> 66
        AqiResult r =
                AirQualityIndexTest.compute(
                        "US-EPA-2024",
                        "HOURLY",
                        Concentrations.none()
                                .with(
                                        Average.PM25_NOWCAST,
                                        NowCast.pm25(AIRNOW_EXAMPLE).getAsDouble()));
        assertThat(r.aqi()).isEqualTo(66);
        assertThat(r.english()).isEqualTo("Moderate");
    }

    @Test
    void weightFactorsByHand() {
        // w = 8/10 = 0.8: (10 + 0.8 × 8) / (1 + 0.8) = 16.4 / 1.8 = 9.11… -> 9.1 and 9
        assertThat(NowCast.pm25(10, 8)).hasValue(9.1);
        assertThat(NowCast.pm10(10, 8)).hasValue(9.0);
        // w = 6/10 = 0.6: (10 + 3.6) / 1.6 = 8.5
        assertThat(NowCast.pm25(10, 6)).hasValue(8.5);
        // 4/10 = 0.4 is floored at 0.5: (10 + 2) / 1.5 = 8.0
        assertThat(NowCast.pm25(10, 4)).hasValue(8.0);
        // no variation: w = 1, the plain mean of the 12 hours
        double[] flat = new double[12];
        java.util.Arrays.fill(flat, 12.3);
        assertThat(NowCast.pm25(flat)).hasValue(12.3);
        // all zero: 0
        assertThat(NowCast.pm25(0, 0, 0)).hasValue(0.0);
    }

    @Test
    void aMissingHourKeepsTheOthersExponents() {
        // hours ago 0, 1, 3 present: w = 10/20 = 0.5;
        // (20 + 10 × 0.5 + 10 × 0.125) / (1 + 0.5 + 0.125) = 26.25 / 1.625 = 16.15… -> 16.1
        // (closing the gap instead would give 27.5 / 1.75 = 15.7)
        assertThat(NowCast.pm25(20, 10, Double.NaN, 10)).hasValue(16.1);
    }

    @Test
    void theArithmeticIsExact() {
        // current hour missing; w = 20/30 = 2/3:
        // (30 × 2/3 + 20 × 4/9) / (2/3 + 4/9) = (260/9) / (10/9) = 26 exactly: 26.0, not 25.9
        assertThat(NowCast.pm25(Double.NaN, 30, 20)).hasValue(26.0);
        assertThat(NowCast.pm10(Double.NaN, 30, 20)).hasValue(26.0);
    }

    @Test
    void twoOfTheThreeMostRecentHoursAreNeeded() {
        assertThat(NowCast.pm25(Double.NaN, Double.NaN, 5, 5, 5, 5)).isEmpty();
        assertThat(NowCast.pm25(5, Double.NaN, Double.NaN, 5, 5, 5)).isEmpty();
        assertThat(NowCast.pm25(Double.NaN, 5, 5)).hasValue(5.0);
        assertThat(NowCast.pm25(5, Double.NaN, 5)).hasValue(5.0);
        assertThat(NowCast.pm25(5)).isEmpty();
        List<BigDecimal> nulls = new ArrayList<>(Collections.nCopies(12, (BigDecimal) null));
        nulls.set(0, new BigDecimal("7.25"));
        nulls.set(2, new BigDecimal("7.25"));
        assertThat(NowCast.of(Pollutant.PM25, nulls)).contains(new BigDecimal("7.2"));
        assertThat(NowCast.of(Pollutant.PM10, nulls)).contains(new BigDecimal("7"));
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> NowCast.pm25(new double[13]))
                .hasMessageContaining("last 12 hours");
        assertThatThrownBy(() -> NowCast.pm25(5, -1, 5)).hasMessageContaining("negative");
        assertThatThrownBy(() -> NowCast.of(Pollutant.CO, decimals(1, 2, 3)))
                .hasMessageContaining("PM2.5 and PM10");
    }

    private static List<BigDecimal> decimals(double... v) {
        List<BigDecimal> out = new ArrayList<>();
        for (double d : v) {
            out.add(BigDecimal.valueOf(d));
        }
        return out;
    }
}
