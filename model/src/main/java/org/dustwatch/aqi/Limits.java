package org.dustwatch.aqi;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The concentration limits of GB 3095 (环境空气质量标准), grade 1 and grade 2, as data: GB 3095-2012 for
 * data before 2026-03-01; GB 3095—2026 from then on, with its transitional limits until 2030-12-31
 * and its final ones from 2031-01-01. µg/m³, CO in mg/m³; gases at 298.15 K and 1013.25 hPa,
 * particulates at actual conditions.
 *
 * <p>Only the six AQI pollutants are modelled (not TSP, NOx, Pb or benzo[a]pyrene).
 */
public final class Limits {
    private Limits() {}

    /** The functional-area grade: 一级 (nature reserves and the like) or 二级 (everywhere else). */
    public enum Grade {
        ONE,
        TWO
    }

    /** The averaging period a limit is set for. */
    public enum Period {
        ANNUAL,
        DAY_24H,
        HOUR_1H,
        /** The largest 8-h moving mean within a natural day (O3 only). */
        DAILY_MAX_8H
    }

    /** The three sets of limits, by the dates they apply to. */
    public enum Edition {
        GB3095_2012("GB 3095-2012"),
        GB3095_2026_TRANSITION("GB 3095—2026 (transitional limits, 2026-03-01 to 2030-12-31)"),
        GB3095_2026("GB 3095—2026");

        private final String title;

        Edition(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        /** The edition whose limits apply to data of a (local) day. */
        public static Edition of(LocalDate day) {
            if (day.isBefore(GB3095_2026_IN_FORCE)) {
                return GB3095_2012;
            }
            return day.isBefore(GB3095_2026_FINAL) ? GB3095_2026_TRANSITION : GB3095_2026;
        }
    }

    /** GB 3095—2026 comes into force, with its transitional limits. */
    public static final LocalDate GB3095_2026_IN_FORCE = LocalDate.of(2026, 3, 1);

    /** GB 3095—2026's final limits apply. */
    public static final LocalDate GB3095_2026_FINAL = LocalDate.of(2031, 1, 1);

    private record Key(Pollutant p, Period period) {}

    private static final Map<Edition, Map<Key, double[]>> TABLE = new EnumMap<>(Edition.class);

    static {
        // GB 3095-2012, table 1: {grade 1, grade 2}
        Map<Key, double[]> y2012 = rows();
        put(y2012, Pollutant.SO2, Period.ANNUAL, 20, 60);
        put(y2012, Pollutant.SO2, Period.DAY_24H, 50, 150);
        put(y2012, Pollutant.SO2, Period.HOUR_1H, 150, 500);
        put(y2012, Pollutant.NO2, Period.ANNUAL, 40, 40);
        put(y2012, Pollutant.NO2, Period.DAY_24H, 80, 80);
        put(y2012, Pollutant.NO2, Period.HOUR_1H, 200, 200);
        put(y2012, Pollutant.CO, Period.DAY_24H, 4, 4);
        put(y2012, Pollutant.CO, Period.HOUR_1H, 10, 10);
        put(y2012, Pollutant.O3, Period.DAILY_MAX_8H, 100, 160);
        put(y2012, Pollutant.O3, Period.HOUR_1H, 160, 200);
        put(y2012, Pollutant.PM10, Period.ANNUAL, 40, 70);
        put(y2012, Pollutant.PM10, Period.DAY_24H, 50, 150);
        put(y2012, Pollutant.PM25, Period.ANNUAL, 15, 35);
        put(y2012, Pollutant.PM25, Period.DAY_24H, 35, 75);
        TABLE.put(Edition.GB3095_2012, y2012);

        // GB 3095—2026, 2026-03-01 to 2030-12-31
        Map<Key, double[]> transition = rows();
        put(transition, Pollutant.SO2, Period.ANNUAL, 20, 60);
        put(transition, Pollutant.SO2, Period.DAY_24H, 50, 150);
        put(transition, Pollutant.SO2, Period.HOUR_1H, 150, 500);
        put(transition, Pollutant.NO2, Period.ANNUAL, 40, 40);
        put(transition, Pollutant.NO2, Period.DAY_24H, 80, 80);
        put(transition, Pollutant.NO2, Period.HOUR_1H, 200, 200);
        put(transition, Pollutant.CO, Period.DAY_24H, 4, 4);
        put(transition, Pollutant.CO, Period.HOUR_1H, 10, 10);
        put(transition, Pollutant.O3, Period.DAILY_MAX_8H, 100, 160);
        put(transition, Pollutant.O3, Period.HOUR_1H, 160, 200);
        put(transition, Pollutant.PM10, Period.ANNUAL, 40, 60);
        put(transition, Pollutant.PM10, Period.DAY_24H, 50, 120);
        put(transition, Pollutant.PM25, Period.ANNUAL, 15, 30);
        put(transition, Pollutant.PM25, Period.DAY_24H, 35, 60);
        TABLE.put(Edition.GB3095_2026_TRANSITION, transition);

        // GB 3095—2026, from 2031-01-01
        Map<Key, double[]> last = rows();
        put(last, Pollutant.SO2, Period.ANNUAL, 20, 20);
        put(last, Pollutant.SO2, Period.DAY_24H, 50, 50);
        put(last, Pollutant.SO2, Period.HOUR_1H, 150, 150);
        put(last, Pollutant.NO2, Period.ANNUAL, 30, 30);
        put(last, Pollutant.NO2, Period.DAY_24H, 50, 50);
        put(last, Pollutant.NO2, Period.HOUR_1H, 200, 200);
        put(last, Pollutant.CO, Period.DAY_24H, 4, 4);
        put(last, Pollutant.CO, Period.HOUR_1H, 10, 10);
        put(last, Pollutant.O3, Period.DAILY_MAX_8H, 100, 160);
        put(last, Pollutant.O3, Period.HOUR_1H, 160, 200);
        put(last, Pollutant.PM10, Period.ANNUAL, 20, 50);
        put(last, Pollutant.PM10, Period.DAY_24H, 50, 100);
        put(last, Pollutant.PM25, Period.ANNUAL, 10, 25);
        put(last, Pollutant.PM25, Period.DAY_24H, 25, 50);
        TABLE.put(Edition.GB3095_2026, last);
    }

    private static Map<Key, double[]> rows() {
        return new HashMap<>();
    }

    private static void put(
            Map<Key, double[]> m, Pollutant p, Period period, double g1, double g2) {
        m.put(new Key(p, period), new double[] {g1, g2});
    }

    /**
     * The limit that applies on {@code day}, or empty when the standard sets none for that
     * pollutant and period (CO and O3 have no annual limit, PM no 1-h one).
     */
    public static OptionalDouble limit(LocalDate day, Pollutant p, Period period, Grade g) {
        return limit(Edition.of(day), p, period, g);
    }

    /** The limit of an edition, or empty when it sets none. */
    public static OptionalDouble limit(Edition e, Pollutant p, Period period, Grade g) {
        double[] v = TABLE.get(e).get(new Key(p, period));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v[g.ordinal()]);
    }

    /** The title of the edition whose limits apply on {@code day}. */
    public static String edition(LocalDate day) {
        return Edition.of(day).title();
    }
}
