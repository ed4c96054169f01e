package org.dustwatch.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The spillage and dust analysis of one township (section 4), a pure function of its hourly PM10
 * means and spillage counts, so that it can be checked by hand.
 *
 * <p>Method. Each hour {@code h} with a PM10 mean has an <em>exposure</em> {@code x(h)}: the
 * spillage violations in {@code h} and the {@code lagHours - 1} hours before it. An hour is
 * <em>after spillage</em> when {@code x(h) > 0}, <em>other</em> when {@code x(h) = 0}.
 *
 * <ul>
 *   <li>The <b>mean excess</b> compares hours of the same local hour of day only: for each hour of
 *       day with both kinds of hour, the mean PM10 of its after-spillage hours minus that of its
 *       other hours, averaged with the after-spillage hours' counts as weights. Hours of day with
 *       only one kind do not count.
 *   <li>The <b>correlation</b> is the partial correlation of {@code x} and PM10 given the hour of
 *       day: Pearson's r of their residuals after each has had its own hour-of-day mean removed.
 *       {@code null} when either residual is constant.
 *   <li>The <b>series by hour of day</b> ({@link SpillageDustFigures.HourOfDay}) keeps the two
 *       sides of each hour of day's comparison: the count and the mean PM10 of its after-spillage
 *       hours and of its other hours. The mean excess is computed from it.
 *   <li>The verdict is {@code too few} below {@link SpillageMethod#minSpillageHours()} hours after
 *       spillage or {@link SpillageMethod#minOtherHours()} other hours.
 * </ul>
 *
 * Why: night haulage and night-time inversions peak together, so an uncontrolled comparison would
 * find more PM10 after spillage whatever the trucks drop.
 */
public final class SpillageAnalysis {

    private SpillageAnalysis() {}

    /**
     * @param pm10 the township's PM10 mean per hour start (hours without one are left out)
     * @param spillage the township's spillage violations per hour start, from {@code lagHours - 1}
     *     hours before the first PM10 hour (hours absent are 0)
     */
    public static SpillageDustFigures.SpillageDust analyse(
            String township,
            Map<Instant, Double> pm10,
            Map<Instant, Long> spillage,
            SpillageMethod method) {
        List<double[]> hours = new ArrayList<>(); // {hour of day, exposure, pm10, own spillage}
        for (Map.Entry<Instant, Double> e : new java.util.TreeMap<>(pm10).entrySet()) {
            Instant h = e.getKey();
            long x = 0;
            for (int k = 0; k < method.lagHours(); k++) {
                x += spillage.getOrDefault(h.minusSeconds(3600L * k), 0L);
            }
            int hod = h.atZone(ReportPeriod.ZONE).getHour();
            hours.add(new double[] {hod, x, e.getValue(), spillage.getOrDefault(h, 0L)});
        }
        int n = hours.size();
        int spillageHours = 0, after = 0;
        long spillages = 0;
        double[] sumX = new double[24], sumY = new double[24];
        int[] count = new int[24];
        double[] sumAfter = new double[24], sumOther = new double[24];
        int[] nAfter = new int[24], nOther = new int[24];
        for (double[] h : hours) {
            int hod = (int) h[0];
            spillageHours += h[3] > 0 ? 1 : 0;
            spillages += (long) h[3];
            sumX[hod] += h[1];
            sumY[hod] += h[2];
            count[hod]++;
            if (h[1] > 0) {
                after++;
                sumAfter[hod] += h[2];
                nAfter[hod]++;
            } else {
                sumOther[hod] += h[2];
                nOther[hod]++;
            }
        }
        double sxy = 0, sxx = 0, syy = 0;
        for (double[] h : hours) {
            int hod = (int) h[0];
            double rx = h[1] - sumX[hod] / count[hod];
            double ry = h[2] - sumY[hod] / count[hod];
            sxy += rx * ry;
            sxx += rx * rx;
            syy += ry * ry;
        }
        Double correlation = sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
        List<SpillageDustFigures.HourOfDay> byHour = new ArrayList<>();
        for (int hod = 0; hod < 24; hod++) {
            if (nAfter[hod] + nOther[hod] > 0) {
                byHour.add(
                        new SpillageDustFigures.HourOfDay(
                                hod,
                                nAfter[hod],
                                nAfter[hod] == 0 ? null : sumAfter[hod] / nAfter[hod],
                                nOther[hod],
                                nOther[hod] == 0 ? null : sumOther[hod] / nOther[hod]));
            }
        }
        double weighted = 0;
        int weights = 0;
        for (SpillageDustFigures.HourOfDay b : byHour) {
            if (b.meanAfter() != null && b.meanOther() != null) {
                weighted += b.afterHours() * (b.meanAfter() - b.meanOther());
                weights += b.afterHours();
            }
        }
        Double excess = weights == 0 ? null : weighted / weights;
        int other = n - after;
        SpillageDustFigures.Verdict verdict =
                spillageHours >= method.minSpillageHours() && other >= method.minOtherHours()
                        ? SpillageDustFigures.Verdict.ENOUGH_DATA
                        : SpillageDustFigures.Verdict.TOO_FEW;
        return new SpillageDustFigures.SpillageDust(
                township,
                n,
                spillageHours,
                spillages,
                after,
                other,
                correlation,
                excess,
                verdict,
                byHour);
    }
}
