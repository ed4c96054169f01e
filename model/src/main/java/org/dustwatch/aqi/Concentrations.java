package org.dustwatch.aqi;

import java.util.Arrays;

/** The averages available for one AQI computation; a missing one is {@code NaN}. Immutable. */
public final class Concentrations {
    private final double[] values;

    private Concentrations(double[] values) {
        this.values = values;
    }

    public static Concentrations none() {
        double[] v = new double[Average.values().length];
        Arrays.fill(v, Double.NaN);
        return new Concentrations(v);
    }

    /** A copy with {@code a} set to {@code value} ({@code NaN} clears it). */
    public Concentrations with(Average a, double value) {
        if (value < 0 || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    a.option() + " must be a finite concentration >= 0, was " + value);
        }
        double[] v = values.clone();
        v[a.ordinal()] = value;
        return new Concentrations(v);
    }

    public double get(Average a) {
        return values[a.ordinal()];
    }

    public boolean has(Average a) {
        return !Double.isNaN(values[a.ordinal()]);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Concentrations c && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("Concentrations[");
        for (Average a : Average.values()) {
            if (has(a)) {
                b.append(' ').append(a.option()).append('=').append(get(a));
            }
        }
        return b.append(" ]").toString();
    }
}
