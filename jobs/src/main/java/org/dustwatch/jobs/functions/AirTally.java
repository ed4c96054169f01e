package org.dustwatch.jobs.functions;

import org.dustwatch.model.Quantity;
import org.dustwatch.model.Reading;

/**
 * Running sums, counts and maxima of one station's readings in a window: the accumulator of {@link
 * TallyReadings}. A missing value adds nothing, so it stays missing and is never a zero.
 */
public class AirTally {
    public double[] sum = new double[Quantity.ALL.length];
    public long[] count = new long[Quantity.ALL.length];
    public double[] max = filledNaN();
    public double windSin;
    public double windCos;
    public long readings;
    public String township;

    public AirTally() {}

    public static double[] filledNaN() {
        double[] a = new double[Quantity.ALL.length];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    public void add(Reading r) {
        township = r.township();
        readings++;
        for (Quantity q : Quantity.ALL) {
            double v = q.of(r);
            if (!Double.isNaN(v)) {
                int i = q.ordinal();
                sum[i] += v;
                count[i]++;
                max[i] = Double.isNaN(max[i]) ? v : Math.max(max[i], v);
            }
        }
        if (!Double.isNaN(r.windDir())) {
            double rad = Math.toRadians(r.windDir());
            windSin += Math.sin(rad);
            windCos += Math.cos(rad);
        }
    }

    public void merge(double[] s, long[] c, double[] m, double sin, double cos, long n) {
        for (int i = 0; i < sum.length; i++) {
            sum[i] += s[i];
            count[i] += c[i];
            if (!Double.isNaN(m[i])) {
                max[i] = Double.isNaN(max[i]) ? m[i] : Math.max(max[i], m[i]);
            }
        }
        windSin += sin;
        windCos += cos;
        readings += n;
    }
}
