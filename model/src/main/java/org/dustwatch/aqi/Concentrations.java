package org.dustwatch.aqi;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The averages available for one AQI computation, as exact decimals; a missing one is absent (never
 * zero). Immutable.
 *
 * <p>Values are kept as {@link BigDecimal} so that GB/T 8170 rounding (HJ 633—2026 4.2.2) sees the
 * decimal as reported: 60.5 is 60.5, not the binary double nearest to it.
 */
public final class Concentrations implements Serializable {
    private static final long serialVersionUID = 1L;

    private final BigDecimal[] values;

    private Concentrations(BigDecimal[] values) {
        this.values = values;
    }

    public static Concentrations none() {
        return new Concentrations(new BigDecimal[Average.values().length]);
    }

    /**
     * A copy with {@code a} set to {@code value} ({@code NaN} clears it). The double is taken as
     * the decimal it prints as ({@link BigDecimal#valueOf(double)}): 60.5 is exactly 60.5.
     */
    public Concentrations with(Average a, double value) {
        if (Double.isNaN(value)) {
            return with(a, (BigDecimal) null);
        }
        if (value < 0 || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    a.option() + " must be a finite concentration >= 0, was " + value);
        }
        return with(a, BigDecimal.valueOf(value));
    }

    /** A copy with {@code a} set to {@code value} ({@code null} clears it). */
    public Concentrations with(Average a, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new IllegalArgumentException(
                    a.option() + " must be a finite concentration >= 0, was " + value);
        }
        BigDecimal[] v = values.clone();
        v[a.ordinal()] = value;
        return new Concentrations(v);
    }

    /** The value as a double, {@code NaN} when missing. */
    public double get(Average a) {
        BigDecimal v = values[a.ordinal()];
        return v == null ? Double.NaN : v.doubleValue();
    }

    /** The exact value, {@code null} when missing. */
    public BigDecimal decimal(Average a) {
        return values[a.ordinal()];
    }

    public boolean has(Average a) {
        return values[a.ordinal()] != null;
    }

    /** The averages present, in {@link Average} order, with their exact values. */
    public Map<Average, BigDecimal> toMap() {
        Map<Average, BigDecimal> m = new EnumMap<>(Average.class);
        for (Average a : Average.values()) {
            if (has(a)) {
                m.put(a, decimal(a));
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** Equal when the same averages are present with numerically equal values (60.0 = 60). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Concentrations c)) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            BigDecimal x = values[i];
            BigDecimal y = c.values[i];
            if (x == null ? y != null : y == null || x.compareTo(y) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(
                Arrays.stream(values)
                        .map(v -> v == null ? null : v.stripTrailingZeros())
                        .toArray());
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Concentrations[");
        for (Average a : Average.values()) {
            if (has(a)) {
                b.append(' ').append(a.option()).append('=').append(decimal(a).toPlainString());
            }
        }
        return b.append(" ]").toString();
    }
}
