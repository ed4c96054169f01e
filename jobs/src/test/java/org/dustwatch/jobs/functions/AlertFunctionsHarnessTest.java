package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.functions.alerts.SpikeDetector;
import org.dustwatch.jobs.functions.health.PerMinuteCounts;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.InspectionStats;
import org.junit.jupiter.api.Test;

/** The alert detectors and the refused-record counter in Flink's operator harness. */
class AlertFunctionsHarnessTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

    // ---- violation spikes --------------------------------------------------------------------

    static final SpikeDetector.Settings SPIKE =
            new SpikeDetector.Settings(4.0, 1.0, 20, 7, 3, 3, Duration.ofHours(3));

    static InspectionStats roadHour(long hour, long inspected, long violating) {
        return new InspectionStats(
                "road", "G107", null, null, "1h", hour * H, inspected, violating, 0, 0, 0, 0, 0);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, InspectionStats, Alert> spikes()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SpikeDetector(SPIKE, LATENESS), InspectionStats::levelKey, Types.STRING);
    }

    /** Feeds hours with the given violating counts (out of 100) and judges each when final. */
    static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, InspectionStats, Alert> h,
            long from,
            long[] violatingPer100)
            throws Exception {
        for (int i = 0; i < violatingPer100.length; i++) {
            long hour = from + i;
            h.processElement(roadHour(hour, 100, violatingPer100[i]), hour * H + H - 1);
            h.processWatermark(hour * H + H - 1 + LATENESS.toMillis());
        }
    }

    static long[] repeat(long v, int n) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void aSpikeOpensOnceIsNotRepeatedAndResolvesWhenTheRateIsNormalAgain() throws Exception {
        var h = spikes();
        feed(h, 0, repeat(20, 72)); // three days at 20%
        assertThat(h.extractOutputValues()).isEmpty();
        // day 4: 60% at 10:00 and 11:00, 20% at 12:00, 60% at 13:00 (cooldown), 60% at 16:00
        feed(h, 72, repeat(20, 10));
        feed(h, 82, new long[] {60, 55, 20, 60, 20, 20, 60});
        List<Alert> out = h.extractOutputValues();
        assertThat(out)
                .extracting(a -> a.state() + "@" + (a.windowStart() / H - 72))
                .containsExactly("open@10", "resolved@12", "open@16");
        Alert open = out.get(0);
        assertThat(open.id())
                .isEqualTo("violation_spike:road:G107:" + 82 * H)
                .isEqualTo(out.get(1).id());
        assertThat(open.observed()).isEqualTo(0.6);
        assertThat(open.baseline()).isEqualTo(0.2);
        // z = 0.4 / sqrt(0.16/100 + 0.16/100) = 7.1: above 4, below the 8 of critical
        assertThat(open.severity()).isEqualTo("warning");
        assertThat(open.message()).contains("60%").contains("G107").contains("usual 20%");
        h.close();
    }

    @Test
    void lowVolumeAndTooLittleHistoryAreNotJudged() throws Exception {
        var h = spikes();
        // the first hours have fewer than 3 baseline samples: a 90% hour is not judged
        feed(h, 0, new long[] {20, 20, 90});
        // 10 inspections, all violating: below the minimum volume
        h.processElement(roadHour(3, 10, 10), 3 * H + H - 1);
        h.processWatermark(4 * H - 1 + LATENESS.toMillis());
        assertThat(h.extractOutputValues()).isEmpty();
        h.close();
    }

    @Test
    void theSpikeStateKeepsOnlyTheBaselineDays() throws Exception {
        var h = spikes();
        feed(h, 0, repeat(20, 24 * 20));
        // hourly counts of 8 days (7 baseline days and a day's margin) plus the alert state
        assertThat(h.numKeyedStateEntries()).isLessThanOrEqualTo(8 * 24 + 2);
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    // ---- refused records per minute ----------------------------------------------------------

    @Test
    void refusedRecordsAreCountedPerWatermarkMinuteAndForgotten() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new PerMinuteCounts(), (String k) -> k, Types.STRING);
        String k = "dustwatch.readings|dead_letters";
        h.processElement(k, Long.MIN_VALUE); // before any watermark
        h.processWatermark(5 * MIN + 10);
        h.processElement(k, Long.MIN_VALUE);
        h.processElement(k, Long.MIN_VALUE);
        h.processWatermark(5 * MIN + 20);
        h.processWatermark(6 * MIN + 5);
        h.processElement(k, Long.MIN_VALUE);
        h.processWatermark(6 * MIN + 6);
        List<HealthCount> out = h.extractOutputValues();
        // minute 5: 1, then 3 (the later write replaces the earlier); minute 6: 1
        assertThat(out)
                .extracting(c -> c.minute() / MIN + "=" + c.count())
                .containsExactly("5=1", "5=3", "6=1");
        assertThat(out.get(0).source()).isEqualTo("dustwatch.readings");
        assertThat(out.get(0).kind()).isEqualTo("dead_letters");
        h.processWatermark(30 * MIN);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void refusedRecordsOfAnInputThatEndsBeforeAnyWatermarkAreStillCounted() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new PerMinuteCounts(), (String k) -> k, Types.STRING);
        String k = "dustwatch.inspections|dead_letters";
        h.processElement(k, Long.MIN_VALUE);
        h.processElement(k, Long.MIN_VALUE);
        long before = System.currentTimeMillis() / MIN * MIN;
        h.processWatermark(Long.MAX_VALUE);
        List<HealthCount> out = h.extractOutputValues();
        assertThat(out).extracting(HealthCount::count).containsExactly(2L);
        assertThat(out.get(0).minute()).isBetween(before, System.currentTimeMillis());
        h.close();
    }
}
