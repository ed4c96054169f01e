package org.dustwatch.jobs.functions;

import static org.dustwatch.aqi.Average.*;

import java.util.Arrays;
import java.util.NavigableMap;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.Concentrations;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.Quantity;

/**
 * The averages that HJ 633's two reports index, from valid hourly means keyed by hour start, with
 * GB 3095's data-validity rules (docs/aqi.md lists them):
 *
 * <ul>
 *   <li>an 8-h moving average needs 6 valid hours of its 8;
 *   <li>a 24-h average (moving, or over a local day) needs 20 valid hours;
 *   <li>the day's maximum 8-h ozone is taken over the 17 8-h periods that start from 00:00 to 16:00
 *       (they end from 08:00 to 24:00) and needs 14 valid ones, unless it exceeds the 8-h limit of
 *       160 µg/m³, which makes it valid with fewer;
 *   <li>a day's maximum of 1-h values needs the same 20 valid hours as its 24-h mean.
 * </ul>
 */
public final class AqiAverages {
    static final long HOUR = 3_600_000L;
    static final int MIN_HOURS_8H = 6;
    static final int MIN_HOURS_24H = 20;
    static final int MIN_PERIODS_O3_8H = 14;
    static final double O3_8H_LIMIT = 160;

    private AqiAverages() {}

    /** The averages for the real-time report of the hour starting at {@code k}. */
    public static double[] hourly(NavigableMap<Long, PollutantHour> hours, long k) {
        double[] a = missing();
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
        a[SO2_24H.ordinal()] = mean(last24, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_24H.ordinal()] = mean(last24, Quantity.NO2, MIN_HOURS_24H);
        a[CO_24H.ordinal()] = mean(last24, Quantity.CO, MIN_HOURS_24H);
        a[PM25_24H.ordinal()] = mean(last24, Quantity.PM25, MIN_HOURS_24H);
        a[PM10_24H.ordinal()] = mean(last24, Quantity.PM10, MIN_HOURS_24H);
        return a;
    }

    /**
     * The averages for the daily report of the local day {@code [dayStart, dayEnd)}: 24-h means,
     * and in the 1-h and 8-h entries the day's maxima of those averages.
     */
    public static double[] daily(
            NavigableMap<Long, PollutantHour> hours, long dayStart, long dayEnd) {
        double[] a = missing();
        NavigableMap<Long, PollutantHour> day = hours.subMap(dayStart, true, dayEnd, false);
        a[SO2_24H.ordinal()] = mean(day, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_24H.ordinal()] = mean(day, Quantity.NO2, MIN_HOURS_24H);
        a[CO_24H.ordinal()] = mean(day, Quantity.CO, MIN_HOURS_24H);
        a[PM25_24H.ordinal()] = mean(day, Quantity.PM25, MIN_HOURS_24H);
        a[PM10_24H.ordinal()] = mean(day, Quantity.PM10, MIN_HOURS_24H);
        a[O3_1H.ordinal()] = max(day, Quantity.O3, MIN_HOURS_24H);
        a[SO2_1H.ordinal()] = max(day, Quantity.SO2, MIN_HOURS_24H);
        a[NO2_1H.ordinal()] = max(day, Quantity.NO2, MIN_HOURS_24H);
        a[O3_8H.ordinal()] = maxOf8h(hours, dayStart, Quantity.O3, O3_8H_LIMIT);
        a[CO_8H.ordinal()] = maxOf8h(hours, dayStart, Quantity.CO, Double.POSITIVE_INFINITY);
        return a;
    }

    /** The averages as the AQI library's input. */
    public static Concentrations concentrations(double[] averages) {
        Concentrations c = Concentrations.none();
        for (Average avg : Average.values()) {
            if (!Double.isNaN(averages[avg.ordinal()])) {
                c = c.with(avg, averages[avg.ordinal()]);
            }
        }
        return c;
    }

    /** The mean of the valid hours, or NaN with fewer than {@code min}. */
    static double mean(NavigableMap<Long, PollutantHour> hours, Quantity q, int min) {
        double sum = 0;
        int n = 0;
        for (PollutantHour h : hours.values()) {
            double v = h.mean(q);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n >= min ? sum / n : Double.NaN;
    }

    static double max(NavigableMap<Long, PollutantHour> hours, Quantity q, int min) {
        double max = Double.NaN;
        int n = 0;
        for (PollutantHour h : hours.values()) {
            double v = h.mean(q);
            if (!Double.isNaN(v)) {
                max = n++ == 0 ? v : Math.max(max, v);
            }
        }
        return n >= min ? max : Double.NaN;
    }

    /** The largest valid 8-h mean among the periods starting 0..16 h after the day's start. */
    static double maxOf8h(
            NavigableMap<Long, PollutantHour> hours, long dayStart, Quantity q, double limit) {
        double max = Double.NaN;
        int valid = 0;
        for (int j = 0; j <= 16; j++) {
            long from = dayStart + j * HOUR;
            double m = mean(hours.subMap(from, true, from + 8 * HOUR, false), q, MIN_HOURS_8H);
            if (!Double.isNaN(m)) {
                max = valid++ == 0 ? m : Math.max(max, m);
            }
        }
        return valid >= MIN_PERIODS_O3_8H || max > limit ? max : Double.NaN;
    }

    private static double[] missing() {
        double[] a = new double[Average.values().length];
        Arrays.fill(a, Double.NaN);
        return a;
    }
}
