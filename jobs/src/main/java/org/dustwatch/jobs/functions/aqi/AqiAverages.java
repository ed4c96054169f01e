package org.dustwatch.jobs.functions.aqi;

import static org.dustwatch.aqi.Average.*;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.NowCast;
import org.dustwatch.aqi.Pollutant;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.Quantity;

/**
 * The averages that the reports index, from a station's valid hourly means keyed by hour start,
 * with the validity rules of GB 3095 table 4 and HJ 663 (and 40 CFR 50 appendix U and the EPA's
 * rules in EPA mode); docs/aqi.md lists them with their sources. Exact decimal arithmetic; a
 * missing average is {@code null}, never zero.
 *
 * <ul>
 *   <li>an 8-h moving mean needs 6 valid hours of its 8;
 *   <li>a 24-h mean (moving, or over a local day) needs 20 valid hours (EPA: 18 for particulates);
 *   <li>the day's maximum 8-h O3 is the largest of the 17 8-h means that end from 08:00 to 24:00
 *       and needs 14 of them valid, or fewer when it exceeds 160 µg/m³ (EPA: the 17 that start from
 *       07:00 to 23:00, 13 valid, or fewer above 0.070 ppm);
 *   <li>a day's maximum of 1-h values needs the same valid hours as its 24-h mean;
 *   <li>the EPA's NowCast of PM2.5 and PM10 comes from the last 12 hours.
 * </ul>
 *
 * Every average is computed for every report, whatever the standard; the standard's indicator set
 * picks the ones it indexes ({@code IndexReports}).
 */
public final class AqiAverages {
    static final long HOUR = 3_600_000L;
    static final int MIN_HOURS_8H = 6;
    static final int MIN_HOURS_24H = 20;
    static final int EPA_MIN_HOURS_24H_PM = 18;
    static final int MIN_PERIODS_O3_8H = 14;
    static final int EPA_MIN_PERIODS_O3_8H = 13;
    static final BigDecimal O3_8H_LIMIT = BigDecimal.valueOf(160);

    /** 0.070 ppm of O3 (the 8-h standard) in µg/m³ at 25 °C: 70 × 48.00 / 24.45. */
    static final BigDecimal EPA_O3_8H_STANDARD =
            BigDecimal.valueOf(70 * 48).divide(new BigDecimal("24.45"), MathContext.DECIMAL128);

    static final MathContext PRECISION = MathContext.DECIMAL128;

    private AqiAverages() {}

    /** The averages for the real-time report of the hour starting at {@code k}. */
    public static BigDecimal[] hourly(
            NavigableMap<Long, PollutantHour> hours, long k, boolean epa) {
        BigDecimal[] a = new BigDecimal[Average.values().length];
        PollutantHour h = hours.get(k);
        if (h != null) {
            a[SO2_1H.ordinal()] = h.mean(Quantity.SO2);
            a[NO2_1H.ordinal()] = h.mean(Quantity.NO2);
            a[CO_1H.ordinal()] = h.mean(Quantity.CO);
            a[O3_1H.ordinal()] = h.mean(Quantity.O3);
            a[PM25_1H.ordinal()] = h.mean(Quantity.PM25);
            a[PM10_1H.ordinal()] = h.mean(Quantity.PM10);
        }
        NavigableMap<Long, PollutantHour> last8 = hours.subMap(k - 7 * HOUR, true, k, true);
        a[O3_8H.ordinal()] = mean(last8, Quantity.O3, MIN_HOURS_8H);
        a[CO_8H.ordinal()] = mean(last8, Quantity.CO, MIN_HOURS_8H);
        NavigableMap<Long, PollutantHour> last24 = hours.subMap(k - 23 * HOUR, true, k, true);
        int pm24 = epa ? EPA_MIN_HOURS_24H_PM : MIN_HOURS_24H;
        a[SO2_24H.ordinal()] = mean(last24, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_24H.ordinal()] = mean(last24, Quantity.NO2, MIN_HOURS_24H);
        a[CO_24H.ordinal()] = mean(last24, Quantity.CO, MIN_HOURS_24H);
        a[PM25_24H.ordinal()] = mean(last24, Quantity.PM25, pm24);
        a[PM10_24H.ordinal()] = mean(last24, Quantity.PM10, pm24);
        a[PM25_NOWCAST.ordinal()] = nowCast(hours, k, Quantity.PM25);
        a[PM10_NOWCAST.ordinal()] = nowCast(hours, k, Quantity.PM10);
        return a;
    }

    /**
     * The averages for the daily report of the local day {@code [dayStart, dayEnd)}: 24-h means,
     * and in the 1-h and 8-h entries the day's maxima of those averages.
     */
    public static BigDecimal[] daily(
            NavigableMap<Long, PollutantHour> hours, long dayStart, long dayEnd, boolean epa) {
        BigDecimal[] a = new BigDecimal[Average.values().length];
        NavigableMap<Long, PollutantHour> day = hours.subMap(dayStart, true, dayEnd, false);
        int pm24 = epa ? EPA_MIN_HOURS_24H_PM : MIN_HOURS_24H;
        a[SO2_24H.ordinal()] = mean(day, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_24H.ordinal()] = mean(day, Quantity.NO2, MIN_HOURS_24H);
        a[CO_24H.ordinal()] = mean(day, Quantity.CO, MIN_HOURS_24H);
        a[PM25_24H.ordinal()] = mean(day, Quantity.PM25, pm24);
        a[PM10_24H.ordinal()] = mean(day, Quantity.PM10, pm24);
        a[O3_1H.ordinal()] = max(day, Quantity.O3, MIN_HOURS_24H);
        a[SO2_1H.ordinal()] = max(day, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_1H.ordinal()] = max(day, Quantity.NO2, MIN_HOURS_24H);
        a[CO_1H.ordinal()] = max(day, Quantity.CO, MIN_HOURS_24H);
        a[PM25_1H.ordinal()] = max(day, Quantity.PM25, pm24);
        a[PM10_1H.ordinal()] = max(day, Quantity.PM10, pm24);
        a[O3_8H.ordinal()] =
                epa
                        ? maxOf8h(
                                hours,
                                dayStart + 7 * HOUR,
                                Quantity.O3,
                                EPA_MIN_PERIODS_O3_8H,
                                EPA_O3_8H_STANDARD)
                        : maxOf8h(hours, dayStart, Quantity.O3, MIN_PERIODS_O3_8H, O3_8H_LIMIT);
        a[CO_8H.ordinal()] = maxOf8h(hours, dayStart, Quantity.CO, MIN_PERIODS_O3_8H, null);
        return a;
    }

    /** The mean of the valid hours, or null with fewer than {@code min}. */
    static BigDecimal mean(NavigableMap<Long, PollutantHour> hours, Quantity q, int min) {
        BigDecimal sum = BigDecimal.ZERO;
        int n = 0;
        for (PollutantHour h : hours.values()) {
            BigDecimal v = h.mean(q);
            if (v != null) {
                sum = sum.add(v);
                n++;
            }
        }
        return n >= min ? sum.divide(BigDecimal.valueOf(n), PRECISION) : null;
    }

    static BigDecimal max(NavigableMap<Long, PollutantHour> hours, Quantity q, int min) {
        BigDecimal max = null;
        int n = 0;
        for (PollutantHour h : hours.values()) {
            BigDecimal v = h.mean(q);
            if (v != null) {
                max = max == null || v.compareTo(max) > 0 ? v : max;
                n++;
            }
        }
        return n >= min ? max : null;
    }

    /**
     * The largest valid 8-h mean among the 17 periods starting 0..16 hours after {@code first},
     * valid with {@code minPeriods} of them or when it exceeds {@code limit} ({@code null}: never).
     */
    static BigDecimal maxOf8h(
            NavigableMap<Long, PollutantHour> hours,
            long first,
            Quantity q,
            int minPeriods,
            BigDecimal limit) {
        BigDecimal max = null;
        int valid = 0;
        for (int j = 0; j <= 16; j++) {
            long from = first + j * HOUR;
            BigDecimal m = mean(hours.subMap(from, true, from + 8 * HOUR, false), q, MIN_HOURS_8H);
            if (m != null) {
                max = max == null || m.compareTo(max) > 0 ? m : max;
                valid++;
            }
        }
        if (max == null) {
            return null;
        }
        return valid >= minPeriods || (limit != null && max.compareTo(limit) > 0) ? max : null;
    }

    /** The EPA's NowCast of the 12 hours ending with hour {@code k}, from exact hourly means. */
    static BigDecimal nowCast(NavigableMap<Long, PollutantHour> hours, long k, Quantity q) {
        List<BigDecimal> newestFirst = new ArrayList<>(NowCast.HOURS);
        for (int i = 0; i < NowCast.HOURS; i++) {
            PollutantHour h = hours.get(k - i * HOUR);
            newestFirst.add(h == null ? null : h.mean(q));
        }
        return NowCast.of(q == Quantity.PM25 ? Pollutant.PM25 : Pollutant.PM10, newestFirst)
                .orElse(null);
    }
}
