package org.dustwatch.aqi;

import static org.dustwatch.aqi.Tables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the AQI of a set of concentrations under a standard and for a report. Pure and
 * thread-safe. docs/aqi.md states each rule with its source; the comments here name them.
 *
 * <p>Which average feeds which sub-index:
 *
 * <pre>
 *            HJ 633 hourly          HJ 633 daily                    US EPA (both)
 * SO2        SO2_1H (*)             SO2_24H                         SO2_1H, SO2_24H above 304 ppb
 * NO2        NO2_1H                 NO2_24H                         NO2_1H
 * CO         CO_1H                  CO_24H                          CO_8H
 * O3_1H      O3_1H                  O3_1H (daily max of 1-h)        O3_1H from 0.125 ppm
 * O3_8H      O3_8H (moving) (*)     O3_8H (daily max of 8-h) (*)    O3_8H up to 0.200 ppm
 * PM2.5      PM25_1H, 24-h table    PM25_24H                        PM25_24H
 * PM10       PM10_1H, 24-h table    PM10_24H                        PM10_24H
 * (*) over-800 rules, see below
 * </pre>
 */
public final class AirQualityIndex {

    /** Molar volume at 25 °C and 1 atm, litres per mole: the EPA's conversion basis. */
    static final BigDecimal MOLAR_VOLUME = new BigDecimal("24.45");

    static final BigDecimal MW_O3 = new BigDecimal("48.00");
    static final BigDecimal MW_NO2 = new BigDecimal("46.01");
    static final BigDecimal MW_SO2 = new BigDecimal("64.07");
    static final BigDecimal MW_CO = new BigDecimal("28.01");

    private AirQualityIndex() {}

    /**
     * The AQI, or empty when not a single sub-index can be computed (every needed average is
     * missing). A missing average leaves its sub-index out; it is never taken as zero.
     */
    public static Optional<AqiResult> compute(Standard s, Report r, Concentrations c) {
        Map<SubIndex, Integer> iaqi =
                s == Standard.US_EPA_2024
                        ? epa(c)
                        : s == Standard.HJ633_2026 ? hj2026(r, c) : hj2012(r, c);
        if (iaqi.isEmpty()) {
            return Optional.empty();
        }
        int aqi = iaqi.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        Set<String> primary = new LinkedHashSet<>();
        Set<String> exceeding = new LinkedHashSet<>();
        for (var e : iaqi.entrySet()) {
            if (aqi > 50 && e.getValue() == aqi) {
                primary.add(e.getKey().pollutant());
            }
            if (e.getValue() > 100) {
                exceeding.add(e.getKey().pollutant());
            }
        }
        return Optional.of(
                new AqiResult(
                        s,
                        r,
                        aqi,
                        Category.of(aqi),
                        iaqi,
                        new ArrayList<>(primary),
                        new ArrayList<>(exceeding)));
    }

    /** Convenience: the standard in force on the data's local date. */
    public static Optional<AqiResult> compute(java.time.LocalDate day, Report r, Concentrations c) {
        return compute(Standard.forDate(day), r, c);
    }

    // ---- HJ 633 ----------------------------------------------------------------------------

    private static Map<SubIndex, Integer> hj2012(Report r, Concentrations c) {
        Map<SubIndex, Integer> m = hjCommon(r, c, HJ2012_PM25_24H, HJ2012_PM10_24H);
        if (r == Report.HOURLY && c.has(Average.SO2_1H)) {
            double so2 = c.get(Average.SO2_1H);
            if (so2 <= HJ_SO2_1H.top()) {
                put(m, SubIndex.SO2, hj(HJ_SO2_1H, so2));
            } else if (c.has(Average.SO2_24H)) {
                // HJ 633-2012 table 1, note 2: a 1-h SO2 above 800 µg/m³ is not indexed; the
                // SO2 sub-index is reported from the 24-h average instead.
                put(m, SubIndex.SO2, hj(HJ_SO2_24H, c.get(Average.SO2_24H)));
            }
        }
        if (c.has(Average.O3_8H)) {
            double o3 = c.get(Average.O3_8H);
            // Note 3: an 8-h O3 above 800 µg/m³ is not indexed; the 1-h sub-index stands for O3.
            if (o3 <= HJ_O3_8H.top()) {
                put(m, SubIndex.O3_8H, hj(HJ_O3_8H, o3));
            }
        }
        return m;
    }

    private static Map<SubIndex, Integer> hj2026(Report r, Concentrations c) {
        Map<SubIndex, Integer> m = hjCommon(r, c, HJ2026_PM25_24H, HJ2026_PM10_24H);
        if (r == Report.HOURLY && c.has(Average.SO2_1H)) {
            double so2 = c.get(Average.SO2_1H);
            // HJ 633—2026: a 1-h SO2 above 800 µg/m³ has IAQI 200.
            put(m, SubIndex.SO2, so2 <= HJ_SO2_1H.top() ? hj(HJ_SO2_1H, so2) : 200);
        }
        if (c.has(Average.O3_8H)) {
            double o3 = c.get(Average.O3_8H);
            // HJ 633—2026: an 8-h O3 above 800 µg/m³ has IAQI 300.
            put(m, SubIndex.O3_8H, o3 <= HJ_O3_8H.top() ? hj(HJ_O3_8H, o3) : 300);
        }
        return m;
    }

    /** The sub-indices both HJ 633 editions compute the same way (only PM tables differ). */
    private static Map<SubIndex, Integer> hjCommon(
            Report r, Concentrations c, Breakpoints pm25, Breakpoints pm10) {
        Map<SubIndex, Integer> m = new EnumMap<>(SubIndex.class);
        boolean hourly = r == Report.HOURLY;
        if (!hourly) {
            optional(m, SubIndex.SO2, HJ_SO2_24H, c, Average.SO2_24H);
        }
        optional(
                m,
                SubIndex.NO2,
                hourly ? HJ_NO2_1H : HJ_NO2_24H,
                c,
                hourly ? Average.NO2_1H : Average.NO2_24H);
        optional(
                m,
                SubIndex.CO,
                hourly ? HJ_CO_1H : HJ_CO_24H,
                c,
                hourly ? Average.CO_1H : Average.CO_24H);
        optional(m, SubIndex.O3_1H, HJ_O3_1H, c, Average.O3_1H);
        // The real-time report indexes the 1-h particulate averages with the 24-h rows (HJ 633-2012
        // §5.2); the daily report their 24-h means.
        optional(m, SubIndex.PM25, pm25, c, hourly ? Average.PM25_1H : Average.PM25_24H);
        optional(m, SubIndex.PM10, pm10, c, hourly ? Average.PM10_1H : Average.PM10_24H);
        return m;
    }

    private static void optional(
            Map<SubIndex, Integer> m, SubIndex k, Breakpoints table, Concentrations c, Average a) {
        if (c.has(a)) {
            put(m, k, hj(table, c.get(a)));
        }
    }

    /**
     * An HJ 633 sub-index: linear interpolation rounded up to an integer (进位取整). Beyond the top of
     * a table the index is 500, the top of the scale.
     */
    static int hj(Breakpoints table, double c) {
        if (c > table.top()) {
            return 500;
        }
        return table.index(BigDecimal.valueOf(c), RoundingMode.CEILING);
    }

    // ---- US EPA ----------------------------------------------------------------------------

    private static Map<SubIndex, Integer> epa(Concentrations c) {
        Map<SubIndex, Integer> m = new EnumMap<>(SubIndex.class);
        if (c.has(Average.O3_8H)) {
            BigDecimal ppm =
                    ppb(c.get(Average.O3_8H), MW_O3)
                            .movePointLeft(3)
                            .setScale(3, RoundingMode.DOWN);
            // 8-h ozone above 0.200 ppm is not indexed: the 1-h value defines higher indices.
            if (ppm.compareTo(BigDecimal.valueOf(EPA_O3_8H.top())) <= 0) {
                put(m, SubIndex.O3_8H, epa(EPA_O3_8H, ppm));
            }
        }
        if (c.has(Average.O3_1H)) {
            BigDecimal ppm =
                    ppb(c.get(Average.O3_1H), MW_O3)
                            .movePointLeft(3)
                            .setScale(3, RoundingMode.DOWN);
            // The 1-h ozone index exists from 0.125 ppm; below that only the 8-h one is reported.
            if (ppm.compareTo(BigDecimal.valueOf(EPA_O3_1H.bottom())) >= 0) {
                put(m, SubIndex.O3_1H, epa(EPA_O3_1H, ppm));
            }
        }
        if (c.has(Average.PM25_24H)) {
            put(
                    m,
                    SubIndex.PM25,
                    epa(
                            EPA_PM25_24H,
                            decimal(c.get(Average.PM25_24H)).setScale(1, RoundingMode.DOWN)));
        }
        if (c.has(Average.PM10_24H)) {
            put(
                    m,
                    SubIndex.PM10,
                    epa(
                            EPA_PM10_24H,
                            decimal(c.get(Average.PM10_24H)).setScale(0, RoundingMode.DOWN)));
        }
        if (c.has(Average.CO_8H)) {
            // CO is kept in mg/m³: ppm = mg/m³ × 24.45 / 28.01.
            BigDecimal ppm =
                    decimal(c.get(Average.CO_8H))
                            .multiply(MOLAR_VOLUME)
                            .divide(MW_CO, 10, RoundingMode.DOWN)
                            .setScale(1, RoundingMode.DOWN);
            put(m, SubIndex.CO, epa(EPA_CO_8H, ppm));
        }
        if (c.has(Average.SO2_1H)) {
            BigDecimal ppb = ppb(c.get(Average.SO2_1H), MW_SO2).setScale(0, RoundingMode.DOWN);
            if (ppb.compareTo(BigDecimal.valueOf(EPA_SO2_1H.top())) <= 0) {
                put(m, SubIndex.SO2, epa(EPA_SO2_1H, ppb));
            } else {
                // 1-h SO2 does not define indices of 200 and above; the 24-h average does. Without
                // a 24-h average of at least 305 ppb, the index is the top of the 1-h scale.
                BigDecimal day =
                        c.has(Average.SO2_24H)
                                ? ppb(c.get(Average.SO2_24H), MW_SO2).setScale(0, RoundingMode.DOWN)
                                : null;
                put(
                        m,
                        SubIndex.SO2,
                        day != null && day.compareTo(BigDecimal.valueOf(EPA_SO2_24H.bottom())) >= 0
                                ? epa(EPA_SO2_24H, day)
                                : 200);
            }
        }
        if (c.has(Average.NO2_1H)) {
            put(
                    m,
                    SubIndex.NO2,
                    epa(
                            EPA_NO2_1H,
                            ppb(c.get(Average.NO2_1H), MW_NO2).setScale(0, RoundingMode.DOWN)));
        }
        return m;
    }

    /** µg/m³ to ppb at 25 °C and 1 atm: ppb = µg/m³ × 24.45 / molecular weight. */
    static BigDecimal ppb(double microgramsPerCubicMetre, BigDecimal molecularWeight) {
        return decimal(microgramsPerCubicMetre)
                .multiply(MOLAR_VOLUME)
                .divide(molecularWeight, 10, RoundingMode.DOWN);
    }

    /** An EPA index: interpolation rounded to the nearest integer; 500 beyond the table. */
    static int epa(Breakpoints table, BigDecimal truncated) {
        if (truncated.compareTo(BigDecimal.valueOf(table.top())) > 0) {
            return 500;
        }
        int i = table.index(truncated, RoundingMode.HALF_UP);
        if (i < 0) {
            throw new IllegalStateException(
                    "concentration " + truncated + " falls in a gap of an EPA table");
        }
        return i;
    }

    private static BigDecimal decimal(double v) {
        return BigDecimal.valueOf(v);
    }

    private static void put(Map<SubIndex, Integer> m, SubIndex k, int v) {
        m.put(k, v);
    }
}
