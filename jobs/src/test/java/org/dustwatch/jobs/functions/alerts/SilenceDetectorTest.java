package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.junit.jupiter.api.Test;

/** {@link SilenceDetector} in Flink's operator harness, with a 30-minute silence. */
class SilenceDetectorTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

    static AirStats minute(String station, long minuteStart) {
        return new AirStats(
                "station",
                station,
                "Xihe",
                "1m",
                minuteStart,
                new double[9],
                new long[9],
                new double[9],
                0,
                0,
                1);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, AirStats, Alert> silence()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SilenceDetector(Duration.ofMinutes(30), LATENESS),
                AirStats::subject,
                Types.STRING);
    }

    static void read(KeyedOneInputStreamOperatorTestHarness<String, AirStats, Alert> h, long m)
            throws Exception {
        h.processElement(minute("AQ-01", m * MIN), (m + 1) * MIN - 1);
    }

    static List<String> states(KeyedOneInputStreamOperatorTestHarness<String, AirStats, Alert> h) {
        return h.extractOutputValues().stream()
                .map(a -> a.state() + "@" + a.windowStart() / MIN + "-" + a.windowEnd() / MIN)
                .toList();
    }

    @Test
    void aStationSilentFor30MinutesOpensOnceTheLatenessHasPassedAndItsNextReadingResolves()
            throws Exception {
        var h = silence();
        read(h, 0); // its minute ends at 1
        h.processWatermark(41 * MIN - 1); // 1 + 30 min of silence + 10 min of lateness: not yet
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(41 * MIN);
        read(h, 40);
        assertThat(states(h)).containsExactly("open@1-31", "resolved@40-41");
        assertThat(h.extractOutputValues().get(1).observed()).isEqualTo(39.0); // minutes 1 to 40
        // a gap that the watermark has not reached yet (another station lags) counts the same,
        // once it is final: 41 + 30 + 10
        read(h, 90);
        h.processWatermark(81 * MIN - 1);
        assertThat(h.extractOutputValues()).hasSize(2);
        h.processWatermark(81 * MIN);
        assertThat(states(h).subList(2, 4)).containsExactly("open@41-71", "resolved@90-91");
        // the end of a bounded input is not silence, and leaves nothing behind
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues()).hasSize(4);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    /**
     * Issue 21: a reading that arrives after the watermark passed its gap's end plus the silence,
     * but within the allowed lateness, is accepted by the gate. It must fill the gap as it does in
     * order, not open and resolve an alert that the in-order run never shows.
     */
    @Test
    void aLateButAcceptedReadingGivesTheAlertsOfTheInOrderRun() throws Exception {
        var inOrder = silence();
        read(inOrder, 0);
        for (long w : new long[] {10, 20, 25}) {
            inOrder.processWatermark(w * MIN);
        }
        read(inOrder, 25);
        for (long w : new long[] {32, 40, 41, 50, 65}) {
            inOrder.processWatermark(w * MIN);
        }

        var late = silence();
        read(late, 0);
        for (long w : new long[] {10, 20, 25, 32}) {
            late.processWatermark(w * MIN);
        }
        // minute 25 (event time 26 min - 1 ms) arrives at a watermark of 32 min: the gate passes
        // anything from 32 - 10 = 22 min on
        read(late, 25);
        for (long w : new long[] {40, 41, 50, 65}) {
            late.processWatermark(w * MIN);
        }

        // minutes 1 to 25 is a gap shorter than 30 minutes, and the one after 26 is not final
        assertThat(late.extractOutputValues()).isEqualTo(inOrder.extractOutputValues());
        assertThat(late.extractOutputValues()).isEmpty();
        // the silence after minute 25 (its end 26) is final at 26 + 30 + 10 = 66
        inOrder.processWatermark(66 * MIN);
        late.processWatermark(66 * MIN);
        assertThat(states(inOrder)).containsExactly("open@26-56");
        assertThat(states(late)).containsExactly("open@26-56");
        assertThat(late.extractOutputValues()).isEqualTo(inOrder.extractOutputValues());
        inOrder.close();
        late.close();
    }

    /**
     * A watermark that jumps far past the first timer (the end of a bounded input, or the first
     * watermark after a restart) decides every gap it makes final, not only the first.
     */
    @Test
    void aWatermarkThatJumpsDecidesEveryGapItPasses() throws Exception {
        var h = silence();
        read(h, 0);
        read(h, 50);
        read(h, 100);
        h.processWatermark(Long.MAX_VALUE);
        // gaps of 49 minutes after the ends 1 and 51; the end of input is not silence after 101
        assertThat(states(h))
                .containsExactly("open@1-31", "resolved@50-51", "open@51-81", "resolved@100-101");
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aStationReportingEveryFiveMinutesHoldsOneTimerAndStillOpensOnTime() throws Exception {
        var h = silence();
        for (long m = 0; m <= 60; m += 5) {
            read(h, m);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
        h.processWatermark(60 * MIN); // the first timer (due 41) finds newer minutes: set again
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(101 * MIN - 1); // the last minute ended at 61: 61 + 30 + 10
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(101 * MIN);
        assertThat(states(h)).containsExactly("open@61-91");
        // a silent station keeps its open alert (its next reading resolves it) and no timer
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.numKeyedStateEntries()).isEqualTo(1);
        h.close();
    }

    @Test
    void aStationThatDeclaresAnHourlyPeriodIsSilentAfterTwoMissedHours() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(Duration.ofMinutes(30), LATENESS, Map.of("AQ-H", H)),
                        AirStats::subject,
                        Types.STRING);
        // hourly means fall into the last minute of their hour
        for (long hour = 0; hour < 3; hour++) {
            h.processElement(minute("AQ-H", (hour + 1) * H - MIN), (hour + 1) * H - 1);
            h.processElement(minute("AQ-1", (hour + 1) * H - MIN), (hour + 1) * H - 1);
            h.processWatermark((hour + 1) * H + 45 * MIN);
        }
        // AQ-1 declares nothing: 40 minutes after each of its minutes it is silent; AQ-H is not
        assertThat(h.extractOutputValues()).isNotEmpty();
        assertThat(h.extractOutputValues()).allMatch(a -> a.subject().equals("AQ-1"));
        int before = h.extractOutputValues().size();
        // two hours and the lateness after AQ-H's last hour (its end at 180 min): not yet
        h.processWatermark(3 * H + 2 * H + 10 * MIN - 1);
        assertThat(h.extractOutputValues().subList(before, h.extractOutputValues().size()))
                .noneMatch(a -> a.subject().equals("AQ-H"));
        h.processWatermark(3 * H + 2 * H + 10 * MIN);
        assertThat(h.extractOutputValues())
                .filteredOn(a -> a.subject().equals("AQ-H"))
                .extracting(
                        a -> a.state() + "@" + a.windowStart() / MIN + "-" + a.windowEnd() / MIN)
                .containsExactly("open@180-300");
        h.close();
    }
}
