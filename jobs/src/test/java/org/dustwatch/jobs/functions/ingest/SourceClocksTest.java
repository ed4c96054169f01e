package org.dustwatch.jobs.functions.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dustwatch.jobs.functions.ingest.SourceClocks.Verdict.AHEAD;
import static org.dustwatch.jobs.functions.ingest.SourceClocks.Verdict.BEHIND;
import static org.dustwatch.jobs.functions.ingest.SourceClocks.Verdict.ON_TIME;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceClocksTest {

    static final long S = 1_000, MIN = 60 * S, H = 60 * MIN;
    static final long T0 = 1_763_600_000_000L;
    static final long OOO = 30 * S;

    /** Watermark after every record, out-of-orderness 30 s, a source lag of 15 min. */
    static SourceClocks clocks() {
        return new SourceClocks(
                SourceClocks.Settings.of(Duration.ofSeconds(30), Duration.ofMinutes(15), true));
    }

    @Test
    void noWatermarkAndNoVerdictUntilFourSourcesWereHeard() {
        SourceClocks c = clocks();
        assertThat(c.observe("fast", T0 + 2 * H, 0)).isEqualTo(ON_TIME);
        assertThat(c.watermark()).isEqualTo(Long.MIN_VALUE);
        assertThat(c.observe("a", T0, 0)).isEqualTo(ON_TIME);
        assertThat(c.observe("b", T0 + MIN, 0)).isEqualTo(ON_TIME);
        assertThat(c.watermark()).isEqualTo(Long.MIN_VALUE);
        c.observe("c", T0 + 2 * MIN, 0);
        // sorted newest: T0, T0+1m, T0+2m, T0+2h; the top stands alone (2 h above the next), so
        // the frontier is T0+2m; the slowest active source is a
        assertThat(c.frontier()).isEqualTo(T0 + 2 * MIN);
        assertThat(c.watermark()).isEqualTo(T0 - OOO - 1);
        // far ahead, but the others have not moved on yet: a suspect, not flagged
        assertThat(c.observe("fast", T0 + 2 * H + 1, 0)).isEqualTo(ON_TIME);
        assertThat(c.confirmedAhead()).isEmpty();
    }

    @Test
    void aPartitionOfFewSourcesGetsAWatermarkAfterItsWarmUpButNoVerdicts() {
        SourceClocks c = clocks();
        for (int i = 0; i < 7; i++) {
            c.observe(i % 2 == 0 ? "a" : "b", T0 + i * MIN, 0);
            assertThat(c.watermark()).isEqualTo(Long.MIN_VALUE);
        }
        c.observe("a", T0 + 7 * MIN, 0);
        // a sent at 0, 2, 4, 6 and 7 min, b at 1, 3 and 5: b is the slowest active source
        assertThat(c.watermark()).isEqualTo(T0 + 5 * MIN - OOO - 1);
        assertThat(c.observe("b", T0 + 7 * MIN + 3 * H, 0)).isEqualTo(ON_TIME);
        assertThat(c.observe("c", T0 - 3 * H, 0)).isEqualTo(ON_TIME);
    }

    @Test
    void aQuietMajorityDoesNotFreezeTheSourcesThatGoOnSending() {
        SourceClocks c = clocks();
        for (String s : List.of("q1", "q2", "q3", "q4", "q5")) {
            c.observe(s, T0, 0);
        }
        for (long m = 1; m <= 40; m++) {
            assertThat(c.observe("a", T0 + m * MIN, 0)).isEqualTo(ON_TIME);
            assertThat(c.observe("b", T0 + m * MIN + 10 * S, 0)).isEqualTo(ON_TIME);
        }
        // the quiet ones stopped holding once 15 min had passed
        assertThat(c.frontier()).isEqualTo(T0 + 40 * MIN + 10 * S);
        assertThat(c.watermark()).isEqualTo(T0 + 40 * MIN - OOO - 1);
    }

    @Test
    void aClockTwoHoursAheadNeitherMovesTheFrontierNorMakesTheOthersLate() {
        SourceClocks c = clocks();
        List<SourceClocks.Verdict> fast = new ArrayList<>();
        List<SourceClocks.Ahead> found = new ArrayList<>();
        for (long m = 0; m < 60; m++) {
            for (String s : List.of("a", "b", "c", "d")) {
                assertThat(c.observe(s, T0 + m * MIN, 0)).isEqualTo(ON_TIME);
                found.addAll(c.confirmedAhead());
            }
            fast.add(c.observe("fast", T0 + m * MIN + 2 * H, 0));
            found.addAll(c.confirmedAhead());
            // the watermark trails the right clocks only
            assertThat(c.watermark()).isEqualTo(T0 + m * MIN - OOO - 1);
        }
        // Its records from minute 0 on are suspects until the others have moved on by the lag
        // (15 min): then, at minute 15, the fifteen held (0-14) are found ahead at once, at the
        // frontier of that moment, and every later one is flagged as it comes.
        assertThat(fast.subList(0, 15)).containsOnly(ON_TIME);
        assertThat(fast.subList(15, 60)).containsOnly(AHEAD);
        assertThat(found)
                .extracting(SourceClocks.Ahead::eventTime)
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.range(0, 15)
                                .mapToObj(m -> T0 + m * MIN + 2 * H)
                                .toList());
        assertThat(found)
                .allSatisfy(
                        a -> {
                            assertThat(a.site()).isEqualTo("fast");
                            assertThat(a.frontier()).isEqualTo(T0 + 15 * MIN);
                        });
    }

    @Test
    void aClockAheadThatFillsTheHeardRecordsIsFlaggedOnceTheOthersAreBack() {
        SourceClocks c = clocks();
        for (String s : List.of("a", "b", "c", "d")) {
            c.observe(s, T0, 0);
        }
        List<SourceClocks.Ahead> found = new ArrayList<>();
        // 70 records 2 h ahead: the last 64 records heard are all its own, so the quorum is lost
        // and its frontier would be its own stamps; its spell must wait, not be cleared
        for (int i = 0; i < 70; i++) {
            c.observe("fast", T0 + 2 * H + i * S, 0);
            found.addAll(c.confirmedAhead());
        }
        assertThat(found).isEmpty();
        // the others are back 20 min on: a quorum again, a frontier 20 min past the spell's start
        for (String s : List.of("a", "b", "c", "d")) {
            c.observe(s, T0 + 20 * MIN, 0);
            found.addAll(c.confirmedAhead());
        }
        assertThat(found).isNotEmpty().allSatisfy(a -> assertThat(a.site()).isEqualTo("fast"));
        assertThat(c.frontier()).isEqualTo(T0 + 20 * MIN);
    }

    @Test
    void theFirstSourceHeardAfterAQuietSpellIsNotFlagged() {
        SourceClocks c = clocks();
        for (String s : List.of("q1", "q2", "q3", "q4", "q5")) {
            c.observe(s, T0, 0);
        }
        // an hour of quiet; then one checkpoint sees three trucks before any other sees one
        for (long m : List.of(60L, 70L, 80L)) {
            assertThat(c.observe("first", T0 + m * MIN, 0)).isEqualTo(ON_TIME);
            assertThat(c.confirmedAhead()).isEmpty();
        }
        // the others wake up at the same time of day: they corroborate it, nothing is flagged
        for (String s : List.of("q1", "q2", "q3")) {
            assertThat(c.observe(s, T0 + 82 * MIN, 0)).isEqualTo(ON_TIME);
            assertThat(c.confirmedAhead()).isEmpty();
        }
        assertThat(c.frontier()).isEqualTo(T0 + 82 * MIN);
        assertThat(c.observe("first", T0 + 90 * MIN, 0)).isEqualTo(ON_TIME);
        assertThat(c.confirmedAhead()).isEmpty();
    }

    @Test
    void aClockTwoHoursBehindIsRefusedAndHoldsNothingBack() {
        SourceClocks c = clocks();
        for (long m = 0; m < 60; m++) {
            for (String s : List.of("a", "b", "c", "d")) {
                c.observe(s, T0 + 3 * H + m * MIN, 0);
            }
            assertThat(c.observe("slow", T0 + H + m * MIN, 0)).isEqualTo(BEHIND);
        }
        assertThat(c.watermark()).isEqualTo(T0 + 3 * H + 59 * MIN - OOO - 1);
    }

    @Test
    void aSourceWithinItsLagHoldsTheWatermarkAndIsOnTime() {
        SourceClocks c = clocks();
        warm(c, T0);
        c.observe("late", T0, 0);
        for (long m = 1; m <= 14; m++) {
            warm(c, T0 + m * MIN);
        }
        // "late" has sent nothing since T0; 14 min is within its 15-min lag, so it holds
        assertThat(c.watermark()).isEqualTo(T0 - OOO - 1);
        assertThat(c.observe("late", T0 + 10 * MIN, 0)).isEqualTo(ON_TIME);
        assertThat(c.watermark()).isEqualTo(T0 + 10 * MIN - OOO - 1);
    }

    @Test
    void aQuietSourceStopsHoldingOnceItsLagHasPassedInEventTime() {
        SourceClocks c = clocks();
        warm(c, T0);
        c.observe("quiet", T0, 0);
        warm(c, T0 + 15 * MIN);
        assertThat(c.watermark()).isEqualTo(T0 - OOO - 1);
        warm(c, T0 + 15 * MIN + 1);
        assertThat(c.watermark()).isEqualTo(T0 + 15 * MIN + 1 - OOO - 1);
        // back at the frontier, it is on time again
        assertThat(c.observe("quiet", T0 + 15 * MIN + 1, 0)).isEqualTo(ON_TIME);
    }

    @Test
    void anHourlyFeedThatArrivesAnHourLateIsOnTimeAndHoldsTheWatermarkForIt() {
        SourceClocks c = clocks();
        long hourEnd = T0 + H - 1; // an hourly mean's event time: its period's last instant
        warm(c, T0);
        c.observe("hourly", hourEnd - H, H);
        for (long m = 1; m <= 120; m++) {
            warm(c, T0 + m * MIN);
        }
        // two hours on, its next mean (due at hourEnd) is an hour late: within 15 min + 1 h
        assertThat(c.watermark()).isEqualTo(hourEnd - OOO - 1);
        assertThat(c.observe("hourly", hourEnd, H)).isEqualTo(ON_TIME);
        // a five-minute feed as far behind is refused
        assertThat(c.observe("five", T0 + 120 * MIN - H - 20 * MIN, 5 * MIN)).isEqualTo(BEHIND);
    }

    @Test
    void theSameRecordsGiveTheSameVerdictsAndWatermarks() {
        List<String> first = run(), second = run();
        assertThat(first).isEqualTo(second).hasSizeGreaterThan(100);
    }

    static List<String> run() {
        SourceClocks c = clocks();
        List<String> out = new ArrayList<>();
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < 500; i++) {
            String s = "cp-" + r.nextInt(8);
            long ts = T0 + i * 10 * S + (s.equals("cp-7") ? -H : 0) + r.nextInt(20_000);
            out.add(c.observe(s, ts, 0) + "@" + c.watermark());
        }
        return out;
    }

    @Test
    void aStationsTwoFeedsAheadDoNotCorroborateEachOther() {
        SourceClocks c = clocks();
        for (long m = 0; m < 30; m += 5) {
            for (String st : List.of("s1", "s2", "s3", "s4")) {
                c.observe(st + "/5m", st, T0 + m * MIN, 5 * MIN);
            }
            // one station, two feeds, both 2 h ahead and within a minute of each other
            c.observe("fast/5m", "fast", T0 + 2 * H + m * MIN, 5 * MIN);
            SourceClocks.Verdict v = c.observe("fast/1h", "fast", T0 + 2 * H + m * MIN + 1, H);
            // held as suspects until the others have moved on by the lag, then flagged
            assertThat(v).isEqualTo(m < 15 ? ON_TIME : AHEAD);
            assertThat(c.frontier()).isEqualTo(T0 + m * MIN);
        }
    }

    @Test
    void atTheProductionCadenceASparsePartitionsWatermarkMovesWithEachRecord() {
        SourceClocks c =
                new SourceClocks(
                        SourceClocks.Settings.of(
                                Duration.ofSeconds(30), Duration.ofMinutes(15), false));
        List<String> sites = List.of("a", "b", "c", "d");
        for (int i = 0; i < 40; i++) {
            // one record every 3 minutes, round the four sites: never 16 records a second
            c.observe(sites.get(i % 4), T0 + i * 3 * MIN, 0);
            if (i >= 3) {
                // the slowest active site is the one that sent three records ago
                assertThat(c.watermark()).isEqualTo(T0 + (i - 3) * 3 * MIN - OOO - 1);
            }
        }
    }

    /** Three right clocks at {@code t}. */
    static void warm(SourceClocks c, long t) {
        for (String s : List.of("a", "b", "c")) {
            c.observe(s, t, 0);
        }
    }
}
