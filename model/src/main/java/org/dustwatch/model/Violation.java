package org.dustwatch.model;

/**
 * The four violations the campaign enforces. A set of them travels as a bit mask ({@link #bit()}),
 * which keeps the event record a flat Flink POJO.
 */
public enum Violation {
    UNCOVERED,
    OVERHEIGHT,
    OVERLOAD,
    SPILLAGE;

    /** This violation's bit in a violation mask. */
    public int bit() {
        return 1 << ordinal();
    }

    /** Whether {@code mask} contains this violation. */
    public boolean in(int mask) {
        return (mask & bit()) != 0;
    }
}
