package org.dustwatch.connectors.influxdb;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter that honours {@code Retry-After}. Pure: the random source and the
 * clock are passed in.
 *
 * <p>Attempt n (from 1) waits a random duration in [d/2, d] with d = min(initial × 2^(n-1), max).
 * If the server sent {@code Retry-After} (seconds or an HTTP date), the wait is at least that, but
 * never more than {@code max}: {@code max} is a hard bound, because a checkpoint barrier may wait
 * for one backoff delay (see {@link InfluxDbWriter}), so a server's {@code Retry-After: 3600} must
 * not hold checkpoints for an hour. The next attempt then meets the server's answer again.
 */
public record Backoff(Duration initial, Duration max) implements Serializable {

    public Backoff {
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff must be at least the initial backoff");
        }
    }

    public Duration delay(int attempt, String retryAfter, DoubleSupplier random, Clock clock) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1");
        }
        long cap = max.toMillis();
        long d = initial.toMillis();
        for (int i = 1; i < attempt && d < cap; i++) {
            d = Math.min(cap, d * 2);
        }
        long jittered = d / 2 + Math.round(random.getAsDouble() * (d - d / 2));
        long floor = retryAfterMillis(retryAfter, clock);
        return Duration.ofMillis(Math.min(cap, Math.max(jittered, floor)));
    }

    /** {@code Retry-After} in milliseconds from now, 0 if absent or unparseable. */
    static long retryAfterMillis(String header, Clock clock) {
        if (header == null || header.isBlank()) {
            return 0;
        }
        String h = header.strip();
        try {
            long seconds = Long.parseLong(h);
            return seconds <= 0 ? 0 : Math.min(seconds, 3600) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at =
                        ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                long ms = at.toEpochMilli() - clock.millis();
                return Math.max(0, Math.min(ms, 3_600_000));
            } catch (DateTimeParseException notADate) {
                return 0;
            }
        }
    }
}
