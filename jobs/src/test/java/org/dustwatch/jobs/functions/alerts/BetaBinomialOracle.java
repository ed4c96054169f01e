package org.dustwatch.jobs.functions.alerts;

/**
 * An independent computation of the spike score for tests: the beta-binomial upper tail by the
 * ratio recursion of its probabilities (no gamma function), turned into a z by bisection on a
 * normal tail integrated with Simpson's rule (no rational approximation).
 */
final class BetaBinomialOracle {
    private BetaBinomialOracle() {}

    /** z of {@code P(X >= x)}, X beta-binomial with n and Beta(bx + ½, bn − bx + ½). */
    static double z(long x, long n, long bx, long bn) {
        return zOf(tail(x, n, bx + 0.5, bn - bx + 0.5));
    }

    static double tail(long x, long n, double a, double b) {
        // P(0) = prod_{i<n} (b + i) / (a + b + i), then P(k+1)/P(k) = (n-k)(k+a) / ((k+1)(n-k-1+b))
        double logP = 0;
        for (long i = 0; i < n; i++) {
            logP += Math.log((b + i) / (a + b + i));
        }
        double[] logs = new double[(int) n + 1];
        logs[0] = logP;
        for (long k = 0; k < n; k++) {
            logs[(int) k + 1] =
                    logs[(int) k]
                            + Math.log((double) (n - k) * (k + a) / ((k + 1) * (n - k - 1 + b)));
        }
        double sum = 0;
        for (long k = x; k <= n; k++) {
            sum += Math.exp(logs[(int) k]);
        }
        return sum;
    }

    /** The z with P(Z >= z) = p, by bisection. */
    static double zOf(double p) {
        double lo = -10;
        double hi = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (upper(mid) > p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /** P(Z >= z): the density integrated from z to z + 12 by Simpson's rule, in log scale. */
    static double upper(double z) {
        if (z < 0) {
            return 1 - upper(-z);
        }
        int m = 20_000;
        double w = 12.0 / m;
        double sum = 0;
        for (int i = 0; i <= m; i++) {
            double t = i * w;
            double f = Math.exp(-(z + t) * (z + t) / 2 + z * z / 2);
            sum += f * (i == 0 || i == m ? 1 : i % 2 == 1 ? 4 : 2);
        }
        return Math.exp(-z * z / 2) * sum * w / 3 / Math.sqrt(2 * Math.PI);
    }
}
