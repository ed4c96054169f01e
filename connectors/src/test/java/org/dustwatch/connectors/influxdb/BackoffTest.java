package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T08:00:00Z"), ZoneOffset.UTC);
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void doublesUpToTheCapWithJitterBetweenHalfAndFull() {
        assertThat(BACKOFF.delay(1, null, () -> 0.0, CLOCK)).isEqualTo(Duration.ofMillis(100));
        assertThat(BACKOFF.delay(1, null, () -> 1.0, CLOCK)).isEqualTo(Duration.ofMillis(200));
        assertThat(BACKOFF.delay(2, null, () -> 1.0, CLOCK)).isEqualTo(Duration.ofMillis(400));
        assertThat(BACKOFF.delay(3, null, () -> 0.5, CLOCK)).isEqualTo(Duration.ofMillis(600));
        assertThat(BACKOFF.delay(6, null, () -> 1.0, CLOCK)).isEqualTo(Duration.ofMillis(5000));
        assertThat(BACKOFF.delay(60, null, () -> 0.0, CLOCK)).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void honoursRetryAfterInSecondsUpToTheCap() {
        assertThat(BACKOFF.delay(1, "3", () -> 1.0, CLOCK)).isEqualTo(Duration.ofSeconds(3));
        // The cap is a hard bound, Retry-After included: a checkpoint may wait one delay.
        assertThat(BACKOFF.delay(1, " 12 ", () -> 1.0, CLOCK)).isEqualTo(Duration.ofSeconds(5));
        // A shorter Retry-After never shortens the backoff.
        assertThat(BACKOFF.delay(6, "1", () -> 1.0, CLOCK)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void honoursRetryAfterAsAnHttpDate() {
        assertThat(BACKOFF.delay(1, "Sat, 28 Nov 2026 08:00:04 GMT", () -> 0.0, CLOCK))
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(BACKOFF.delay(1, "Sat, 28 Nov 2026 08:00:07 GMT", () -> 0.0, CLOCK))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(BACKOFF.delay(1, "Sat, 28 Nov 2026 07:00:00 GMT", () -> 0.0, CLOCK))
                .isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void ignoresGarbageAndCapsAbsurdRetryAfter() {
        assertThat(BACKOFF.delay(1, "soon", () -> 1.0, CLOCK)).isEqualTo(Duration.ofMillis(200));
        assertThat(BACKOFF.delay(1, "-5", () -> 1.0, CLOCK)).isEqualTo(Duration.ofMillis(200));
        assertThat(BACKOFF.delay(1, "999999", () -> 1.0, CLOCK)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.retryAfterMillis("999999", CLOCK)).isEqualTo(3_600_000);
    }

    @Test
    void validatesItsBounds() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("at least");
        assertThatThrownBy(() -> BACKOFF.delay(0, null, () -> 0, CLOCK))
                .hasMessageContaining("from 1");
    }
}
