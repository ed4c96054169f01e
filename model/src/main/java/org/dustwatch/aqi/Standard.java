package org.dustwatch.aqi;

import java.time.LocalDate;
import java.util.Locale;

/** The AQI standards dustwatch can compute. docs/aqi.md gives each one's source. */
public enum Standard {
    /** HJ 633-2012, China's AQI regulation for data before 2026-03-01. */
    HJ633_2012("HJ633-2012"),
    /** HJ 633—2026, in force since 2026-03-01 together with GB 3095—2026. */
    HJ633_2026("HJ633-2026"),
    /** The US EPA AQI as revised in 2024 (PM2.5 breakpoints, one Hazardous category). */
    US_EPA_2024("US-EPA-2024");

    /** The first day on which HJ 633—2026 applies. */
    public static final LocalDate HJ633_2026_IN_FORCE = LocalDate.of(2026, 3, 1);

    private final String id;

    Standard(String id) {
        this.id = id;
    }

    /** The name used on command lines, in settings and in the InfluxDB {@code standard} tag. */
    public String id() {
        return id;
    }

    public boolean chinese() {
        return this != US_EPA_2024;
    }

    /** The Chinese standard in force on a (local) date. */
    public static Standard forDate(LocalDate day) {
        return day.isBefore(HJ633_2026_IN_FORCE) ? HJ633_2012 : HJ633_2026;
    }

    /** Parses {@code HJ633-2026}, {@code hj633_2026}, {@code US-EPA-2024} and the like. */
    public static Standard parse(String s) {
        String k = s.trim().toUpperCase(Locale.ROOT).replace('_', '-').replace('—', '-');
        for (Standard st : values()) {
            if (st.id.equals(k)) {
                return st;
            }
        }
        throw new IllegalArgumentException(
                "unknown AQI standard '"
                        + s
                        + "' (expected HJ633-2012, HJ633-2026 or US-EPA-2024)");
    }
}
