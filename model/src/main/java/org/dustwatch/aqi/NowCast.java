package org.dustwatch.aqi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The EPA's NowCast for PM2.5 and PM10, as AirNow computes it (docs/aqi.md cites the sources): the
 * hourly value that the EPA's hourly AQI uses in place of a 24-h mean ({@link
 * Average#PM25_NOWCAST}, {@link Average#PM10_NOWCAST}).
 *
 * <ul>
 *   <li>Input: the last 12 hourly means, newest first (index = hours ago; 0 is the current hour),
 *       {@code NaN} or {@code null} for a missing hour. Fewer than 12 are allowed; the rest count
 *       as missing.
 *   <li>Valid only when at least 2 of the 3 most recent hours are present.
 *   <li>Weight factor {@code w = cmin / cmax} over the present hours, at least 0.5.
 *   <li>{@code NowCast = Σ w^i c_i / Σ w^i} over the present hours.
 *   <li>The raw hourly values enter unrounded; the result is truncated: PM2.5 to 0.1 µg/m³, PM10 to
 *       1 µg/m³.
 * </ul>
 *
 * <p>The arithmetic is exact: with {@code w = p/q}, numerator and denominator are both multiplied
 * by {@code q^11}, so a NowCast of exactly 26.0 truncates to 26.0, not to 25.9.
 */
public final class NowCast {
    /** The NowCast looks 12 hours back, the current hour included. */
    public static final int HOURS = 12;

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private NowCast() {}

    /** The PM2.5 NowCast (µg/m³, truncated to 0.1), or empty when too few recent hours. */
    public static OptionalDouble pm25(double... newestFirst) {
        return asDouble(of(Pollutant.PM25, decimals(newestFirst)));
    }

    /** The PM10 NowCast (µg/m³, truncated to 1), or empty when too few recent hours. */
    public static OptionalDouble pm10(double... newestFirst) {
        return asDouble(of(Pollutant.PM10, decimals(newestFirst)));
    }

    /**
     * The truncated NowCast of {@code p} (PM25 or PM10), or empty when fewer than 2 of the 3 most
     * recent hours are present.
     */
    public static Optional<BigDecimal> of(Pollutant p, List<BigDecimal> newestFirst) {
        int scale =
                switch (p) {
                    case PM25 -> 1;
                    case PM10 -> 0;
                    default ->
                            throw new IllegalArgumentException(
                                    "the NowCast is for PM2.5 and PM10, not " + p.label());
                };
        return fraction(newestFirst).map(f -> f[0].divide(f[1], scale, RoundingMode.DOWN));
    }

    /** The untruncated NowCast to 16 significant digits, for inspection. */
    public static Optional<BigDecimal> raw(List<BigDecimal> newestFirst) {
        return fraction(newestFirst).map(f -> f[0].divide(f[1], MathContext.DECIMAL64));
    }

    /** {numerator, denominator}, both exact. */
    private static Optional<BigDecimal[]> fraction(List<BigDecimal> c) {
        if (c.size() > HOURS) {
            throw new IllegalArgumentException(
                    "the NowCast takes the last " + HOURS + " hours, got " + c.size());
        }
        int recent = 0;
        BigDecimal min = null;
        BigDecimal max = null;
        for (int i = 0; i < c.size(); i++) {
            BigDecimal v = c.get(i);
            if (v == null) {
                continue;
            }
            if (v.signum() < 0) {
                throw new IllegalArgumentException(
                        "hourly concentration " + i + " hours ago is negative: " + v);
            }
            recent += i < 3 ? 1 : 0;
            min = min == null || v.compareTo(min) < 0 ? v : min;
            max = max == null || v.compareTo(max) > 0 ? v : max;
        }
        if (recent < 2) {
            return Optional.empty();
        }
        if (max.signum() == 0) {
            return Optional.of(new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ONE});
        }
        // w = p / q = min / max, floored at 1/2
        boolean floor = min.multiply(TWO).compareTo(max) < 0;
        BigDecimal p = floor ? BigDecimal.ONE : min;
        BigDecimal q = floor ? TWO : max;
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        int n = HOURS - 1;
        for (int i = 0; i < c.size(); i++) {
            if (c.get(i) == null) {
                continue;
            }
            BigDecimal weight = p.pow(i).multiply(q.pow(n - i)); // w^i × q^11
            num = num.add(weight.multiply(c.get(i)));
            den = den.add(weight);
        }
        return Optional.of(new BigDecimal[] {num, den});
    }

    private static List<BigDecimal> decimals(double[] v) {
        List<BigDecimal> out = new ArrayList<>(v.length);
        for (double d : v) {
            if (Double.isInfinite(d)) {
                throw new IllegalArgumentException("hourly concentration is infinite");
            }
            out.add(Double.isNaN(d) ? null : BigDecimal.valueOf(d));
        }
        return out;
    }

    private static OptionalDouble asDouble(Optional<BigDecimal> v) {
        return v.map(d -> OptionalDouble.of(d.doubleValue())).orElse(OptionalDouble.empty());
    }
}
