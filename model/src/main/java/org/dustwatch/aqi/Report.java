package org.dustwatch.aqi;

import java.util.Locale;

/** The two reports HJ 633 defines; each fixes which averages enter the sub-indices. */
public enum Report {
    /** The real-time report (实时报), once per hour. */
    HOURLY,
    /** The daily report (日报), once per local day. */
    DAILY;

    public static Report parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown report '" + s + "' (expected hourly or daily)");
        }
    }
}
