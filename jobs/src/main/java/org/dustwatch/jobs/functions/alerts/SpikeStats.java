package org.dustwatch.jobs.functions.alerts;

/**
 * The small numerics of the spike test: the upper tail of a beta-binomial distribution and the
 * standard normal quantile that turns its probability into a z-equivalent score. Pure, no state.
 */
public final class SpikeStats {
    private SpikeStats() {}

    /**
     * {@code P(X >= x)} for {@code X ~ BetaBinomial(n, alpha, beta)}: the number of violating
     * vehicles among {@code n} when the rate is uncertain, with a Beta(alpha, beta) belief about
     * it. Exact: the sum of the probability mass from {@code x} to {@code n}, in log space.
     */
    public static double upperTail(long x, long n, double alpha, double beta) {
        if (x <= 0) {
            return 1.0;
        }
        if (x > n) {
            return 0.0;
        }
        double lbAB = logBeta(alpha, beta);
        double lgN1 = logGamma(n + 1.0);
        // sum from the largest term down, scaled by the largest, to stay accurate in far tails
        double[] logs = new double[(int) (n - x + 1)];
        double max = Double.NEGATIVE_INFINITY;
        for (long k = x; k <= n; k++) {
            double l =
                    lgN1
                            - logGamma(k + 1.0)
                            - logGamma(n - k + 1.0)
                            + logBeta(k + alpha, n - k + beta)
                            - lbAB;
            logs[(int) (k - x)] = l;
            max = Math.max(max, l);
        }
        double sum = 0;
        for (double l : logs) {
            sum += Math.exp(l - max);
        }
        return Math.min(1.0, Math.exp(max) * sum);
    }

    /**
     * The z-equivalent of a one-sided tail probability: the z with {@code P(Z >= z) = p} for a
     * standard normal Z. 1e-300 is the smallest p told apart (z about 37).
     */
    public static double zOf(double p) {
        if (p >= 1.0) {
            return Double.NEGATIVE_INFINITY;
        }
        return -normalQuantile(Math.max(p, 1e-300));
    }

    /**
     * The standard normal quantile, by Acklam's rational approximation (relative error below 1.2e-9
     * over (1e-300, 1)): far finer than any threshold needs.
     */
    static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p);
        }
        double[] a = {
            -3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00
        };
        double[] b = {
            -5.447609879822406e+01,
            1.615858368580409e+02,
            -1.556989798598866e+02,
            6.680131188771972e+01,
            -1.328068155288572e+01
        };
        double[] c = {
            -7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00
        };
        double[] d = {
            7.784695709041462e-03,
            3.224671290700398e-01,
            2.445134137142996e+00,
            3.754408661907416e+00
        };
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x =
                    (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            double q = p - 0.5;
            double r = q * q;
            x =
                    (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                            * q
                            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            double q = Math.sqrt(-2 * Math.log1p(-p));
            x =
                    -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }

    static double logBeta(double a, double b) {
        return logGamma(a) + logGamma(b) - logGamma(a + b);
    }

    /** ln Γ(x) for x > 0, Lanczos (g = 7, 9 terms; relative error about 1e-15). */
    static double logGamma(double x) {
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double[] g = {
            0.99999999999980993,
            676.5203681218851,
            -1259.1392167224028,
            771.32342877765313,
            -176.61502916214059,
            12.507343278686905,
            -0.13857109526572012,
            9.9843695780195716e-6,
            1.5056327351493116e-7
        };
        x -= 1;
        double a = g[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += g[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }
}
