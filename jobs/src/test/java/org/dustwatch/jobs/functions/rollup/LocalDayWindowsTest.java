package org.dustwatch.jobs.functions.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.junit.jupiter.api.Test;

/**
 * Local days in a zone whose daylight-saving changes happen at local midnight: America/Santiago
 * goes from 00:00 to 01:00 in September (the day has no midnight and lasts 23 h) and from 00:00
 * back to 23:00 in April (the day before lasts 25 h).
 */
class LocalDayWindowsTest {

    static final ZoneId SANTIAGO = ZoneId.of("America/Santiago");

    @Test
    void daysAroundTransitionsAtLocalMidnightStartAndEndWhereTheCalendarSays() {
        List<ZoneOffsetTransition> atMidnight = new ArrayList<>();
        Instant t = Instant.parse("2020-01-01T00:00:00Z");
        for (ZoneOffsetTransition tr = SANTIAGO.getRules().nextTransition(t);
                tr.getInstant().isBefore(Instant.parse("2030-01-01T00:00:00Z"));
                tr = SANTIAGO.getRules().nextTransition(tr.getInstant())) {
            if (tr.getDateTimeBefore().toLocalTime().equals(LocalTime.MIDNIGHT)) {
                atMidnight.add(tr);
            }
        }
        assertThat(atMidnight).anyMatch(ZoneOffsetTransition::isGap);
        assertThat(atMidnight).anyMatch(ZoneOffsetTransition::isOverlap);

        for (ZoneOffsetTransition tr : atMidnight) {
            // The local day the change shortens or lengthens: the day that starts at the
            // transition (a gap) or the day that ends at it (an overlap, clocks go back to 23:00).
            LocalDate day = tr.getDateTimeAfter().toLocalDate();
            long start =
                    ZonedDateTime.of(day, LocalTime.MIDNIGHT, SANTIAGO).toInstant().toEpochMilli();
            long end =
                    ZonedDateTime.of(day.plusDays(1), LocalTime.MIDNIGHT, SANTIAGO)
                            .toInstant()
                            .toEpochMilli();
            Duration length = tr.isGap() ? Duration.ofHours(23) : Duration.ofHours(25);
            assertThat(end - start).as("%s", day).isEqualTo(length.toMillis());
            if (tr.isGap()) {
                assertThat(start).isEqualTo(tr.getInstant().toEpochMilli()); // starts at 01:00
            } else {
                assertThat(end).isEqualTo(tr.getInstant().toEpochMilli() + 3_600_000L);
            }
            for (long ts :
                    new long[] {
                        start, start + 3_600_000L, tr.getInstant().toEpochMilli() - 1, end - 1
                    }) {
                if (ts >= start && ts < end) {
                    assertThat(LocalDayWindows.dayOf(ts, SANTIAGO))
                            .as("%s at %s", day, Instant.ofEpochMilli(ts))
                            .isEqualTo(new TimeWindow(start, end));
                }
            }
            assertThat(LocalDayWindows.dayOf(end, SANTIAGO).getStart()).isEqualTo(end);
            assertThat(LocalDayWindows.dayOf(start - 1, SANTIAGO).getEnd()).isEqualTo(start);
        }
    }
}
