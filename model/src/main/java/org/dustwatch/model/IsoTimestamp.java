package org.dustwatch.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Epoch milliseconds of an ISO-8601 timestamp with an offset, exactly as {@code
 * OffsetDateTime.parse(s).toInstant().toEpochMilli()} gives them, without its garbage on the form
 * every feed sends: {@code 2026-11-30T08:15:00+08:00}, {@code Z} or a fraction of 1 to 9 digits
 * included. {@code OffsetDateTime.parse} fills a map of parsed fields and builds five objects per
 * call; on the decoders' path that was 4% of the job's allocated bytes (docs/benchmarks.md, "Where
 * the garbage came from"). Any other form (lower-case {@code t} or {@code z}, no seconds, an offset
 * with seconds, a year past 9999, an impossible date or time) goes to {@code OffsetDateTime.parse},
 * which accepts or refuses it as before.
 */
final class IsoTimestamp {
    private IsoTimestamp() {}

    /**
     * @throws java.time.format.DateTimeParseException as {@code OffsetDateTime.parse} does
     */
    static long epochMillis(String s) {
        long fast = fast(s);
        return fast != NONE ? fast : OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }

    /** Not a result of {@link #fast}: no millisecond so early is in reach of a 4-digit year. */
    static final long NONE = Long.MIN_VALUE;

    /** yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm), else {@link #NONE}. */
    static long fast(String s) {
        int n = s.length();
        if (n < 20
                || s.charAt(4) != '-'
                || s.charAt(7) != '-'
                || s.charAt(10) != 'T'
                || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return NONE;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int i = 19;
        long nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 10 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            int width = i - start;
            if (width == 0 || width > 9) {
                return NONE;
            }
            for (int k = width; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6
                && (s.charAt(i) == '+' || s.charAt(i) == '-')
                && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) {
                return NONE;
            }
            offsetSeconds = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return NONE;
        }
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23) {
            return NONE;
        }
        if (minute < 0 || minute > 59 || second < 0 || second > 59) {
            return NONE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return NONE; // February 30th and the like: OffsetDateTime.parse says why
        }
        long epochSecond = epochDay * 86_400 + hour * 3_600 + minute * 60 + second - offsetSeconds;
        return epochSecond * 1_000 + nanos / 1_000_000;
    }

    /** The decimal number in {@code s[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
