package org.dustwatch.aqi;

import static org.dustwatch.aqi.Tables.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the AQI of a set of concentrations under a standard and for a report. Pure and
 * thread-safe. docs/aqi.md states each rule with its clause; the comments here name them.
 *
 * <p>Which average feeds which sub-index ({@link Indicators} is the list; anything else is
 * refused):
 *
 * <pre>
 *         HJ 633—2026              HJ 633—2026    HJ 633-2012              HJ 633-2012     US EPA
 *         real-time (4.2.3)        daily (4.2.2)  real-time (5.1.3)        daily (5.1.2)   hourly / daily
 * SO2     SO2_1H (b)               SO2_24H        SO2_1H, SO2_24H (*)      SO2_24H         SO2_1H, SO2_24H above 304 ppb
 * NO2     NO2_1H                   NO2_24H        NO2_1H                   NO2_24H         NO2_1H
 * CO      CO_1H                    CO_24H         CO_1H                    CO_24H          CO_8H
 * O3_1H   O3_1H                    -              O3_1H                    O3_1H (max)     O3_1H from 0.125 ppm
 * O3_8H   -                        O3_8H (max)(c) O3_8H moving (*)         O3_8H (max)(*)  O3_8H up to 0.200 ppm
 * PM2.5   PM25_1H, 24-h column     PM25_24H       PM25_24H moving          PM25_24H        PM25_NOWCAST / PM25_24H
 * PM10    PM10_1H, 24-h column     PM10_24H       PM10_24H moving          PM10_24H        PM10_NOWCAST / PM10_24H
 * (b), (c): HJ 633—2026 table 3 notes; (*) HJ 633-2012 table 1 notes: the over-800 rules
 * </pre>
 */
public final class AirQualityIndex {

    /** Molar volume at 25 °C and 1 atm, litres per mole: the EPA's conversion basis. */
    static final BigDecimal MOLAR_VOLUME = new BigDecimal("24.45");

    static final BigDecimal MW_O3 = new BigDecimal("48.00");
    static final BigDecimal MW_NO2 = new BigDecimal("46.01");
    static final BigDecimal MW_SO2 = new BigDecimal("64.07");
    static final BigDecimal MW_CO = new BigDecimal("28.01");

    private static final BigDecimal EIGHT_HUNDRED = BigDecimal.valueOf(800);

    private AirQualityIndex() {}

    /**
     * The AQI with every pollutant in the monitoring plan and the standard's default rounding:
     * {@code compute(s, r, c, EnumSet.allOf(Pollutant.class), Rounding.defaultFor(s))}.
     */
    public static Optional<AqiResult> compute(Standard s, Report r, Concentrations c) {
        return compute(s, r, c, EnumSet.allOf(Pollutant.class), Rounding.defaultFor(s));
    }

    /** Convenience: the standard in force on the data's local date. */
    public static Optional<AqiResult> compute(LocalDate day, Report r, Concentrations c) {
        return compute(Standard.forDate(day), r, c);
    }

    /**
     * The AQI, or empty when not a single sub-index can be computed. A missing average leaves its
     * sub-index out; it is never taken as zero.
     *
     * @param plan the pollutants the site's monitoring plan covers (HJ 633—2026 5.3.2): only a
     *     missing pollutant of the plan can make the result "NA" (5.3.1)
     * @param rounding how concentrations are rounded before indexing; {@link Rounding#NONE} under
     *     the EPA, which truncates its own way
     * @throws IllegalArgumentException when {@code c} holds an average the report does not take
     *     ({@link Indicators#accepted}); the message names the clause
     */
    public static Optional<AqiResult> compute(
            Standard s, Report r, Concentrations c, Set<Pollutant> plan, Rounding rounding) {
        Objects.requireNonNull(s, "standard");
        Objects.requireNonNull(r, "report");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(rounding, "rounding");
        if (s == Standard.US_EPA_2024 && rounding != Rounding.NONE) {
            throw new IllegalArgumentException(
                    "US-EPA-2024 truncates concentrations its own way; rounding must be NONE");
        }
        Set<Average> accepted = Indicators.accepted(s, r);
        Map<Average, BigDecimal> indexed = new EnumMap<>(Average.class);
        for (Average a : Average.values()) {
            if (!c.has(a)) {
                continue;
            }
            if (!accepted.contains(a)) {
                throw new IllegalArgumentException(
                        a.option() + ": " + Indicators.rejection(s, r, a));
            }
            indexed.put(a, rounding.apply(a.pollutant(), c.decimal(a)));
        }
        Map<SubIndex, Integer> iaqi =
                switch (s) {
                    case HJ633_2026 -> hj2026(r, indexed);
                    case HJ633_2012 -> hj2012(r, indexed);
                    case US_EPA_2024 -> epa(r, indexed);
                };
        if (iaqi.isEmpty()) {
            return Optional.empty();
        }
        int max = iaqi.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        // HJ 633—2026 4.1.1: the scale runs from 1; table 3 starts at 0, so an all-zero input would
        // index to 0. The published AQI is floored at 1; the sub-indices stay as computed.
        int aqi = s.chinese() ? Math.max(1, max) : max;

        Set<String> primary = new LinkedHashSet<>();
        Set<String> exceeding = new LinkedHashSet<>();
        EnumSet<Pollutant> sensitive = EnumSet.noneOf(Pollutant.class);
        for (var e : iaqi.entrySet()) {
            // 4.3.1: above 50, every pollutant whose sub-index is the AQI; O3 once
            if (aqi > 50 && e.getValue() == aqi) {
                primary.add(e.getKey().pollutant());
            }
            if (e.getValue() > 100) {
                sensitive.add(e.getKey().pollutantOf());
                // HJ 633-2012 4.4.2; the 2026 text has no exceeding pollutants
                if (s == Standard.HJ633_2012) {
                    exceeding.add(e.getKey().pollutant());
                }
            }
        }

        EnumSet<Pollutant> missing = EnumSet.noneOf(Pollutant.class);
        for (Pollutant p : Indicators.pollutants(s, r)) {
            if (plan.contains(p) && iaqi.keySet().stream().noneMatch(k -> k.pollutantOf() == p)) {
                missing.add(p);
            }
        }
        // HJ 633—2026 5.3.1: with a pollutant of the plan missing, AQI, level, category and primary
        // pollutant are published only when the AQI of the others is above 100. HJ 633-2012 has no
        // such rule (its table 4 marks only the missing indicator NA), nor has the EPA.
        boolean published = s != Standard.HJ633_2026 || missing.isEmpty() || aqi > 100;

        return Optional.of(
                new AqiResult(
                        s,
                        r,
                        aqi,
                        published,
                        Category.of(aqi),
                        iaqi,
                        new ArrayList<>(primary),
                        new ArrayList<>(exceeding),
                        indexed,
                        missing,
                        List.copyOf(sensitive),
                        rounding));
    }

    // ---- HJ 633 ----------------------------------------------------------------------------

    private static Map<SubIndex, Integer> hj2026(Report r, Map<Average, BigDecimal> c) {
        Map<SubIndex, Integer> m = new EnumMap<>(SubIndex.class);
        if (r == Report.HOURLY) {
            BigDecimal so2 = c.get(Average.SO2_1H);
            if (so2 != null) {
                // table 3 note (b): a 1-h SO2 above 800 counts as IAQI 200
                m.put(SubIndex.SO2, so2.compareTo(EIGHT_HUNDRED) > 0 ? 200 : hj(HJ_SO2_1H, so2));
            }
            index(m, SubIndex.NO2, HJ_NO2_1H, c.get(Average.NO2_1H));
            index(m, SubIndex.CO, HJ_CO_1H, c.get(Average.CO_1H));
            index(m, SubIndex.O3_1H, HJ_O3_1H, c.get(Average.O3_1H));
            // formula (1): a 1-h PM value is indexed against the 24-h PM column
            index(m, SubIndex.PM25, HJ2026_PM25_24H, c.get(Average.PM25_1H));
            index(m, SubIndex.PM10, HJ2026_PM10_24H, c.get(Average.PM10_1H));
        } else {
            index(m, SubIndex.SO2, HJ_SO2_24H, c.get(Average.SO2_24H));
            index(m, SubIndex.NO2, HJ_NO2_24H, c.get(Average.NO2_24H));
            index(m, SubIndex.CO, HJ_CO_24H, c.get(Average.CO_24H));
            BigDecimal o3 = c.get(Average.O3_8H);
            if (o3 != null) {
                // table 3 note (c): an 8-h O3 above 800 counts as IAQI 300
                m.put(SubIndex.O3_8H, o3.compareTo(EIGHT_HUNDRED) > 0 ? 300 : hj(HJ_O3_8H, o3));
            }
            index(m, SubIndex.PM25, HJ2026_PM25_24H, c.get(Average.PM25_24H));
            index(m, SubIndex.PM10, HJ2026_PM10_24H, c.get(Average.PM10_24H));
        }
        return m;
    }

    private static Map<SubIndex, Integer> hj2012(Report r, Map<Average, BigDecimal> c) {
        Map<SubIndex, Integer> m = new EnumMap<>(SubIndex.class);
        if (r == Report.HOURLY) {
            BigDecimal so2 = c.get(Average.SO2_1H);
            if (so2 != null) {
                if (so2.compareTo(EIGHT_HUNDRED) <= 0) {
                    m.put(SubIndex.SO2, hj(HJ_SO2_1H, so2));
                } else {
                    // table 1 note: a 1-h SO2 above 800 is not indexed; the SO2 sub-index is the
                    // 24-h one, and without a 24-h SO2 there is none
                    index(m, SubIndex.SO2, HJ_SO2_24H, c.get(Average.SO2_24H));
                }
            }
            index(m, SubIndex.NO2, HJ_NO2_1H, c.get(Average.NO2_1H));
            index(m, SubIndex.CO, HJ_CO_1H, c.get(Average.CO_1H));
            // 5.1.3 and table 4: the 24-h moving means carry the PM sub-indices; the 1-h PM means
            // are published without one
            index(m, SubIndex.PM25, HJ2012_PM25_24H, c.get(Average.PM25_24H));
            index(m, SubIndex.PM10, HJ2012_PM10_24H, c.get(Average.PM10_24H));
        } else {
            index(m, SubIndex.SO2, HJ_SO2_24H, c.get(Average.SO2_24H));
            index(m, SubIndex.NO2, HJ_NO2_24H, c.get(Average.NO2_24H));
            index(m, SubIndex.CO, HJ_CO_24H, c.get(Average.CO_24H));
            index(m, SubIndex.PM25, HJ2012_PM25_24H, c.get(Average.PM25_24H));
            index(m, SubIndex.PM10, HJ2012_PM10_24H, c.get(Average.PM10_24H));
        }
        // both reports: the 1-h O3 (for the daily report its daily maximum) and the 8-h O3
        index(m, SubIndex.O3_1H, HJ_O3_1H, c.get(Average.O3_1H));
        BigDecimal o3 = c.get(Average.O3_8H);
        // table 1 note: an 8-h O3 above 800 is not indexed; the 1-h O3 sub-index stands
        if (o3 != null && o3.compareTo(EIGHT_HUNDRED) <= 0) {
            m.put(SubIndex.O3_8H, hj(HJ_O3_8H, o3));
        }
        return m;
    }

    private static void index(
            Map<SubIndex, Integer> m, SubIndex k, Breakpoints table, BigDecimal c) {
        if (c != null) {
            m.put(k, hj(table, c));
        }
    }

    /**
     * An HJ 633 sub-index: linear interpolation rounded up to an integer (HJ 633—2026 4.2.6, HJ
     * 633-2012 6.2), in exact decimal arithmetic. Above the top of a row the index is 500, the top
     * of the scale (no clause covers it; docs/aqi.md).
     */
    static int hj(Breakpoints table, BigDecimal c) {
        if (c.compareTo(BigDecimal.valueOf(table.top())) > 0) {
            return 500;
        }
        return table.index(c, RoundingMode.CEILING);
    }

    // ---- US EPA ----------------------------------------------------------------------------

    private static Map<SubIndex, Integer> epa(Report r, Map<Average, BigDecimal> c) {
        Map<SubIndex, Integer> m = new EnumMap<>(SubIndex.class);
        BigDecimal o38 = c.get(Average.O3_8H);
        if (o38 != null) {
            BigDecimal ppm = ppb(o38, MW_O3).movePointLeft(3).setScale(3, RoundingMode.DOWN);
            // 8-h ozone above 0.200 ppm is not indexed: the 1-h value defines higher indices.
            if (ppm.compareTo(BigDecimal.valueOf(EPA_O3_8H.top())) <= 0) {
                m.put(SubIndex.O3_8H, epa(EPA_O3_8H, ppm));
            }
        }
        BigDecimal o31 = c.get(Average.O3_1H);
        if (o31 != null) {
            BigDecimal ppm = ppb(o31, MW_O3).movePointLeft(3).setScale(3, RoundingMode.DOWN);
            // The 1-h ozone index exists from 0.125 ppm; below that only the 8-h one is reported.
            if (ppm.compareTo(BigDecimal.valueOf(EPA_O3_1H.bottom())) >= 0) {
                m.put(SubIndex.O3_1H, epa(EPA_O3_1H, ppm));
            }
        }
        // The hourly report takes the NowCast in place of the 24-h mean.
        boolean hourly = r == Report.HOURLY;
        BigDecimal pm25 = c.get(hourly ? Average.PM25_NOWCAST : Average.PM25_24H);
        if (pm25 != null) {
            m.put(SubIndex.PM25, epa(EPA_PM25_24H, pm25.setScale(1, RoundingMode.DOWN)));
        }
        BigDecimal pm10 = c.get(hourly ? Average.PM10_NOWCAST : Average.PM10_24H);
        if (pm10 != null) {
            m.put(SubIndex.PM10, epa(EPA_PM10_24H, pm10.setScale(0, RoundingMode.DOWN)));
        }
        BigDecimal co = c.get(Average.CO_8H);
        if (co != null) {
            // CO is kept in mg/m³: ppm = mg/m³ × 24.45 / 28.01.
            BigDecimal ppm =
                    co.multiply(MOLAR_VOLUME)
                            .divide(MW_CO, 10, RoundingMode.DOWN)
                            .setScale(1, RoundingMode.DOWN);
            m.put(SubIndex.CO, epa(EPA_CO_8H, ppm));
        }
        BigDecimal so2 = c.get(Average.SO2_1H);
        if (so2 != null) {
            BigDecimal ppb = ppb(so2, MW_SO2).setScale(0, RoundingMode.DOWN);
            if (ppb.compareTo(BigDecimal.valueOf(EPA_SO2_1H.top())) <= 0) {
                m.put(SubIndex.SO2, epa(EPA_SO2_1H, ppb));
            } else {
                // 1-h SO2 does not define indices of 200 and above; the 24-h average does. Without
                // a 24-h average of at least 305 ppb, the index is the top of the 1-h scale.
                BigDecimal so2Day = c.get(Average.SO2_24H);
                BigDecimal day =
                        so2Day == null ? null : ppb(so2Day, MW_SO2).setScale(0, RoundingMode.DOWN);
                m.put(
                        SubIndex.SO2,
                        day != null && day.compareTo(BigDecimal.valueOf(EPA_SO2_24H.bottom())) >= 0
                                ? epa(EPA_SO2_24H, day)
                                : 200);
            }
        }
        BigDecimal no2 = c.get(Average.NO2_1H);
        if (no2 != null) {
            m.put(SubIndex.NO2, epa(EPA_NO2_1H, ppb(no2, MW_NO2).setScale(0, RoundingMode.DOWN)));
        }
        return m;
    }

    /** µg/m³ to ppb at 25 °C and 1 atm: ppb = µg/m³ × 24.45 / molecular weight. */
    static BigDecimal ppb(BigDecimal microgramsPerCubicMetre, BigDecimal molecularWeight) {
        return microgramsPerCubicMetre
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
}
