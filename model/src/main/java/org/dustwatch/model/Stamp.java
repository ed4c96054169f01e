package org.dustwatch.model;

import java.util.Locale;

/**
 * Which end of its averaging period a reading's {@code ts} marks. It is a property of the feed:
 * analysers commonly stamp a minute or five-minute average with its start, while Chinese hourly
 * data are commonly stamped with the end of the hour (09:00 means 08:00–09:00). docs/events.md
 * gives the default and where to set it.
 */
public enum Stamp {
    /** {@code ts} is the start of the period: it covers {@code [ts, ts + period)}. */
    START,
    /** {@code ts} is the end of the period: it covers {@code [ts - period, ts)}. */
    END;

    /** Parses {@code start} or {@code end}, in any case. */
    public static Stamp parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("stamp '" + s + "' is not start or end");
        }
    }
}
