package org.dustwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The fast path against the JDK's own parse, which is the definition it must keep. */
class IsoTimestampTest {

    /** Expected millis by hand (Python's datetime gave the same): independent of both paths. */
    @ParameterizedTest
    @CsvSource({
        "2026-01-01T00:00:00Z, 1767225600000",
        "2026-01-01T00:00:00+00:00, 1767225600000",
        "2026-11-30T08:15:00+08:00, 1795997700000",
        "2026-11-30T08:15:00.5+08:00, 1795997700500",
        "2026-11-30T08:15:00.123456789+08:00, 1795997700123",
        "1969-12-31T23:59:59.999Z, -1",
    })
    void theFormsFeedsSendAreReadWithoutTheJdksParser(String s, long millis) {
        assertThat(IsoTimestamp.fast(s)).isEqualTo(millis);
        assertThat(IsoTimestamp.epochMillis(s)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-11-30t08:15:00+08:00", // lower case: the JDK accepts it, the fast path leaves it
        "2026-11-30T08:15+08:00",
        "2026-11-30T08:15:00+08:00:30",
        "2026-11-30T08:15:00.Z", // a decimal point without digits
        "2026-11-30T08:15:00z",
        "+12026-11-30T08:15:00Z",
    })
    void otherFormsTheJdkAcceptsGoToIt(String s) {
        assertThat(IsoTimestamp.fast(s)).isEqualTo(IsoTimestamp.NONE);
        assertThat(IsoTimestamp.epochMillis(s)).isEqualTo(jdk(s));
    }

    @ParameterizedTest
    @CsvSource({
        "2026-02-29T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-11-30T24:00:00Z",
        "2026-11-30T23:60:00Z",
        "2026-11-30T23:59:60Z",
        "2026-11-30T08:15:00+18:01",
        "2026-11-30T08:15:00+08:60",
        "2026-11-30T08:15:00+0800",
        "2026-11-30T08:15:00.1234567891Z",
        "2026-11-30T08:15:00",
        "2026-11-30 08:15:00Z",
        "'2026-11-30T08:15:00Z '",
        "2026-1a-30T08:15:00Z",
    })
    void whatTheJdkRefusesIsRefused(String s) {
        assertThat(IsoTimestamp.fast(s)).isEqualTo(IsoTimestamp.NONE);
        assertThatThrownBy(() -> IsoTimestamp.epochMillis(s))
                .isInstanceOf(DateTimeParseException.class);
    }

    /** Random dates, times, fractions and offsets, valid and not, against the JDK's parse. */
    @Test
    void agreesWithTheJdkOnRandomTimestamps() {
        Random r = new Random(23);
        List<String> failures = new ArrayList<>();
        int fast = 0;
        for (int i = 0; i < 200_000; i++) {
            String s = random(r);
            Long expected;
            try {
                expected = jdk(s);
            } catch (DateTimeParseException e) {
                expected = null;
            }
            Long actual;
            try {
                actual = IsoTimestamp.epochMillis(s);
            } catch (DateTimeParseException e) {
                actual = null;
            }
            if (!java.util.Objects.equals(expected, actual)) {
                failures.add(s + ": JDK " + expected + ", fast path " + actual);
            }
            fast += IsoTimestamp.fast(s) != IsoTimestamp.NONE ? 1 : 0;
        }
        assertThat(failures).isEmpty();
        // most of the random strings are valid and take the fast path
        assertThat(fast).isGreaterThan(100_000);
    }

    static long jdk(String s) {
        return OffsetDateTime.parse(s).toInstant().toEpochMilli();
    }

    static String random(Random r) {
        int year = r.nextInt(20) == 0 ? r.nextInt(10_000) : 1960 + r.nextInt(80);
        int month = 1 + r.nextInt(r.nextInt(20) == 0 ? 13 : 12);
        int day = 1 + r.nextInt(r.nextInt(10) == 0 ? 31 : 28);
        int hour = r.nextInt(r.nextInt(20) == 0 ? 25 : 24);
        int minute = r.nextInt(r.nextInt(20) == 0 ? 61 : 60);
        int second = r.nextInt(r.nextInt(20) == 0 ? 61 : 60);
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second));
        int fraction = r.nextInt(12); // 0 to 11 digits, 10 and 11 refused
        if (fraction > 0 || r.nextInt(20) == 0) {
            b.append('.');
            for (int k = 0; k < fraction; k++) {
                b.append((char) ('0' + r.nextInt(10)));
            }
        }
        switch (r.nextInt(4)) {
            case 0 -> b.append('Z');
            case 1 -> b.append("+08:00");
            default -> {
                int oh = r.nextInt(r.nextInt(10) == 0 ? 20 : 18);
                int om = r.nextInt(r.nextInt(10) == 0 ? 61 : 60);
                b.append(r.nextBoolean() ? '+' : '-').append(String.format("%02d:%02d", oh, om));
            }
        }
        return b.toString();
    }
}
