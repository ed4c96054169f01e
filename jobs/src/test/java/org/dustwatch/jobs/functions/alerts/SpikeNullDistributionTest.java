package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.dustwatch.jobs.settings.Settings;
import org.junit.jupiter.api.Test;

/**
 * The spike score's null distribution, by Monte Carlo: roads whose violation rate never changes,
 * with the bundled district's daily traffic profile, judged by the production {@link SpikeCore}.
 * docs/alerts.md quotes the figures this prints.
 */
class SpikeNullDistributionTest {

    static final long H = SpikeCore.HOUR;

    /** Relative traffic by hour of day, as the simulator's (night haulage peak); mean 1. */
    static final double[] PROFILE = {
        1.7, 1.8, 1.8, 1.6, 1.2, 0.8, 0.6, 0.6, 0.7, 0.8, 0.8, 0.8, 0.7, 0.7, 0.7, 0.8, 0.8, 0.7,
        0.7, 0.8, 1.1, 1.4, 1.5, 1.6
    };

    static final SpikeCore.Settings DEFAULTS = Settings.defaults().alerts().spike();

    /** One road's hourly counts: Poisson traffic of the given mean, binomial violations. */
    static long[][] road(SplittableRandom r, int hours, double perHour, double p) {
        double mean = 0;
        for (double v : PROFILE) {
            mean += v / PROFILE.length;
        }
        long[] n = new long[hours];
        long[] x = new long[hours];
        for (int h = 0; h < hours; h++) {
            n[h] = poisson(r, perHour * PROFILE[h % 24] / mean);
            for (long i = 0; i < n[h]; i++) {
                if (r.nextDouble() < p) {
                    x[h]++;
                }
            }
        }
        return new long[][] {n, x};
    }

    static long poisson(SplittableRandom r, double lambda) {
        double l = Math.exp(-lambda);
        long k = 0;
        double prod = r.nextDouble();
        while (prod > l) {
            k++;
            prod *= r.nextDouble();
        }
        return k;
    }

    /**
     * Under no change, each window's p-value is at least as large as nominal: the share of one-hour
     * windows scoring z >= 2.33 (p = 1%) or z >= 3.09 (p = 0.1%) is no larger than 1% or 0.1%,
     * within the Monte Carlo error, at 8 and at 100 inspections an hour. The test is exact for the
     * beta-binomial; its counts are discrete, so at low volume it is conservative.
     */
    @Test
    void eachWindowsPValueIsCalibratedOrConservative() throws Exception {
        for (double perHour : new double[] {8, 100}) {
            SplittableRandom r = new SplittableRandom(21 + (long) perHour);
            SpikeCore core = new SpikeCore(DEFAULTS);
            long judged = 0;
            long[] above = new long[3];
            double[] zs = {2.326, 3.090, 3.719};
            int roads = perHour < 50 ? 60 : 15;
            int hours = 24 * 7 * 9;
            for (int k = 0; k < roads; k++) {
                long[][] c = road(r, hours, perHour, 0.19);
                HourlySeries s = new HourlySeries(0, c[0], c[1]);
                for (int h = 24 * 7; h < hours; h++) {
                    if (c[0][h] == 0) {
                        continue;
                    }
                    SpikeCore.Window w = core.window(h * H, h * H, s);
                    if (w == null) {
                        continue;
                    }
                    judged++;
                    for (int i = 0; i < zs.length; i++) {
                        if (w.z() >= zs[i]) {
                            above[i]++;
                        }
                    }
                }
            }
            double[] nominal = {0.01, 0.001, 0.0001};
            for (int i = 0; i < zs.length; i++) {
                double share = (double) above[i] / judged;
                double se = Math.sqrt(nominal[i] * (1 - nominal[i]) / judged);
                System.out.printf(
                        Locale.ROOT,
                        "null, %.0f an hour, one-hour windows: P(z >= %.2f) = %.5f (nominal %.4f;"
                                + " %d judged)%n",
                        perHour,
                        zs[i],
                        share,
                        nominal[i],
                        judged);
                assertThat(share)
                        .as("P(z >= %.2f) at %.0f an hour", zs[i], perHour)
                        .isLessThanOrEqualTo(nominal[i] + 3 * se);
            }
        }
    }

    /**
     * Under no change, the detector with its defaults opens at most 1 alert per 100 road-weeks (the
     * target of issue 21) at the bundled district's volume: 8 inspections an hour at 19%, 1,200
     * road-weeks.
     */
    @Test
    void theDefaultsOpenAtMostOneAlertPer100RoadWeeksUnderNoChange() throws Exception {
        SplittableRandom r = new SplittableRandom(2121);
        SpikeCore core = new SpikeCore(DEFAULTS);
        int weeks = 12;
        int roads = 100;
        long opened = 0;
        for (int k = 0; k < roads; k++) {
            long[][] c = road(r, 24 * 7 * (weeks + 1), 8, 0.19);
            for (HourlySeries.Event e : new HourlySeries(0, c[0], c[1]).run(core)) {
                if (e.change().open() && e.hour() >= 24 * 7) {
                    opened++;
                }
            }
        }
        double per100 = 100.0 * opened / (roads * weeks);
        System.out.printf(
                Locale.ROOT,
                "null, 8 an hour at 19%%: %d alerts in %d road-weeks = %.2f per 100%n",
                opened,
                roads * weeks,
                per100);
        assertThat(per100).isLessThanOrEqualTo(1.0);
    }
}
