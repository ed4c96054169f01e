package org.dustwatch.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a breakpoint table: concentration ranges and the index ranges they map to, and the
 * linear interpolation between them, {@code I = (Ihi - Ilo) / (Chi - Clo) * (C - Clo) + Ilo}.
 *
 * <p>HJ 633's rows are contiguous (a breakpoint ends one segment and starts the next); the EPA's
 * have gaps (0–9.0, 9.1–35.4), which truncation of the concentration never falls into.
 */
public final class Breakpoints {

    /** One segment: concentrations {@code [cLo, cHi]} map onto indices {@code [iLo, iHi]}. */
    public record Segment(double cLo, double cHi, int iLo, int iHi) {}

    private final List<Segment> segments;

    private Breakpoints(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * A contiguous table: {@code concentrations[k]} has index {@code indices[k]}, the way HJ 633
     * prints its table 1.
     */
    public static Breakpoints contiguous(int[] indices, double... concentrations) {
        if (indices.length < concentrations.length) {
            throw new IllegalArgumentException("more breakpoints than index values");
        }
        List<Segment> s = new ArrayList<>();
        for (int k = 1; k < concentrations.length; k++) {
            if (!(concentrations[k] > concentrations[k - 1])) {
                throw new IllegalArgumentException("breakpoints must increase");
            }
            s.add(
                    new Segment(
                            concentrations[k - 1], concentrations[k], indices[k - 1], indices[k]));
        }
        return new Breakpoints(s);
    }

    /** A table of explicit segments, the way the EPA prints it. */
    public static Breakpoints segments(Segment... segments) {
        return new Breakpoints(List.of(segments));
    }

    public List<Segment> rows() {
        return segments;
    }

    /** The lowest concentration the table covers. */
    public double bottom() {
        return segments.get(0).cLo();
    }

    /** The highest concentration the table covers. */
    public double top() {
        return segments.get(segments.size() - 1).cHi();
    }

    public int topIndex() {
        return segments.get(segments.size() - 1).iHi();
    }

    /**
     * The unrounded index of {@code c}, or {@code NaN} when {@code c} lies outside the table (below
     * its bottom or above its top) or in a gap between segments.
     */
    public double interpolate(double c) {
        for (Segment s : segments) {
            if (c >= s.cLo() && c <= s.cHi()) {
                return (double) (s.iHi() - s.iLo()) / (s.cHi() - s.cLo()) * (c - s.cLo()) + s.iLo();
            }
        }
        return Double.NaN;
    }

    /**
     * The index of {@code c} rounded with {@code mode}, computed in exact decimal arithmetic (a
     * binary double would turn 100 into 100.00000000000001 and ceiling it into 101); {@code -1}
     * when {@code c} lies outside the table or in a gap.
     */
    public int index(BigDecimal c, RoundingMode mode) {
        for (Segment s : segments) {
            BigDecimal lo = BigDecimal.valueOf(s.cLo());
            BigDecimal hi = BigDecimal.valueOf(s.cHi());
            if (c.compareTo(lo) >= 0 && c.compareTo(hi) <= 0) {
                BigDecimal num = BigDecimal.valueOf(s.iHi() - s.iLo()).multiply(c.subtract(lo));
                return num.divide(hi.subtract(lo), 0, mode).intValueExact() + s.iLo();
            }
        }
        return -1;
    }
}
