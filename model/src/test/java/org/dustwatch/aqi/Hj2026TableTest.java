package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every breakpoint of every row of HJ 633—2026 table 3, for both reports, at the breakpoint and
 * around it by half a rounding unit (GB/T 8170, 4.2.2): the exact half, a hair below it and a hair
 * above it. Units: 1 µg/m³, and 0.1 mg/m³ for CO.
 *
 * <p>The rows are typed again from the printed table (concentration:IAQI). The expected rounding is
 * worked out here by the rule, not by {@code BigDecimal.setScale}: below half down, above half up,
 * an exact half to the even neighbour. The expected IAQI comes from {@link Oracle}.
 */
class Hj2026TableTest {

    /** report, average, sub-index, what lies above the last breakpoint, the printed row. */
    static final String[][] ROWS = {
        // 4.2.3: the real-time report indexes the six 1-h means
        {"HOURLY", "SO2_1H", "SO2", "200 (note b)", "0:0 150:50 500:100 650:150 800:200"},
        {
            "HOURLY",
            "NO2_1H",
            "NO2",
            "500",
            "0:0 100:50 200:100 700:150 1200:200 2340:300 3090:400 3840:500"
        },
        {"HOURLY", "CO_1H", "CO", "500", "0:0 5:50 10:100 35:150 60:200 90:300 120:400 150:500"},
        {
            "HOURLY",
            "O3_1H",
            "O3_1H",
            "500",
            "0:0 160:50 200:100 300:150 400:200 800:300 1000:400 1200:500"
        },
        // formula (1): the 1-h PM means against the 24-h PM columns
        {
            "HOURLY",
            "PM10_1H",
            "PM10",
            "500",
            "0:0 50:50 120:100 250:150 350:200 420:300 500:400 600:500"
        },
        {
            "HOURLY",
            "PM25_1H",
            "PM25",
            "500",
            "0:0 35:50 60:100 115:150 150:200 250:300 350:400 500:500"
        },
        // 4.2.2: the daily report
        {
            "DAILY",
            "SO2_24H",
            "SO2",
            "500",
            "0:0 50:50 150:100 475:150 800:200 1600:300 2100:400 2620:500"
        },
        {
            "DAILY",
            "NO2_24H",
            "NO2",
            "500",
            "0:0 40:50 80:100 180:150 280:200 565:300 750:400 940:500"
        },
        {"DAILY", "CO_24H", "CO", "500", "0:0 2:50 4:100 14:150 24:200 36:300 48:400 60:500"},
        {"DAILY", "O3_8H", "O3_8H", "300 (note c)", "0:0 100:50 160:100 215:150 265:200 800:300"},
        {
            "DAILY",
            "PM10_24H",
            "PM10",
            "500",
            "0:0 50:50 120:100 250:150 350:200 420:300 500:400 600:500"
        },
        {
            "DAILY",
            "PM25_24H",
            "PM25",
            "500",
            "0:0 35:50 60:100 115:150 150:200 250:300 350:400 500:500"
        },
    };

    /** Offsets from a breakpoint, in rounding units. */
    static final String[] OFFSETS = {"-0.51", "-0.5", "-0.49", "0", "0.49", "0.5", "0.51"};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] row : ROWS) {
            Average avg = Average.valueOf(row[1]);
            BigDecimal unit = avg.name().startsWith("CO") ? new BigDecimal("0.1") : BigDecimal.ONE;
            int above = Integer.parseInt(row[3].split(" ")[0]);
            for (String bp : Oracle.breakpoints(row[4])) {
                // the breakpoint in rounding units: every breakpoint of table 3 is a whole number
                int k = new BigDecimal(bp).divide(unit).intValueExact();
                for (String f : OFFSETS) {
                    BigDecimal offset = new BigDecimal(f);
                    BigDecimal input = new BigDecimal(bp).add(offset.multiply(unit));
                    if (input.signum() < 0) {
                        continue;
                    }
                    int units;
                    if (offset.abs().compareTo(new BigDecimal("0.5")) < 0) {
                        units = k;
                    } else if (offset.abs().compareTo(new BigDecimal("0.5")) > 0) {
                        units = k + offset.signum();
                    } else {
                        // the exact half goes to the even neighbour
                        units = k % 2 == 0 ? k : k + offset.signum();
                    }
                    BigDecimal rounded = unit.multiply(BigDecimal.valueOf(units));
                    int iaqi = Oracle.iaqi(row[4], rounded);
                    if (iaqi < 0) {
                        iaqi = above;
                    }
                    cases.add(
                            Arguments.of(
                                    row[0]
                                            + " "
                                            + avg
                                            + " "
                                            + input.toPlainString()
                                            + " -> "
                                            + rounded.toPlainString()
                                            + " -> IAQI "
                                            + iaqi,
                                    Report.valueOf(row[0]),
                                    avg,
                                    SubIndex.valueOf(row[2]),
                                    input,
                                    rounded,
                                    iaqi));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void breakpoint(
            String name,
            Report report,
            Average avg,
            SubIndex sub,
            BigDecimal input,
            BigDecimal rounded,
            int expected) {
        AqiResult r =
                AirQualityIndex.compute(
                                Standard.HJ633_2026, report, Concentrations.none().with(avg, input))
                        .orElseThrow();
        assertThat(r.indexed().get(avg)).isEqualByComparingTo(rounded);
        assertThat(r.iaqi()).containsEntry(sub, expected);
    }
}
