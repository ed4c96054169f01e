package org.dustwatch.report;

/**
 * A figure beside the previous period's (环比): the change and the change in percent.
 *
 * @param value this period's figure, {@code null} when it has none (a ratio without valid days)
 * @param previous the previous period's figure, {@code null} when it has none
 * @param delta {@code value - previous}, {@code null} when either is
 * @param percent {@code 100 * delta / previous}, {@code null} when previous is 0 or {@code null}
 */
public record Change(Double value, Double previous, Double delta, Double percent) {

    /** The change from {@code previous} to {@code value}; either may be {@code null}. */
    public static Change of(Number value, Number previous) {
        Double v = value == null ? null : value.doubleValue();
        Double p = previous == null ? null : previous.doubleValue();
        Double delta = v == null || p == null ? null : v - p;
        Double percent = delta == null || p == 0 ? null : 100 * delta / p;
        return new Change(v, p, delta, percent);
    }
}
