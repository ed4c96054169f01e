package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.functions.health.PerMinuteCounts;
import org.dustwatch.jobs.records.HealthCount;
import org.junit.jupiter.api.Test;

/**
 * The refused-record counter in Flink's operator harness; each alert detector has its own test
 * class (SpikeDetectorHarnessTest, SilenceDetectorTest, EpisodeDetectorTest,
 * RepeatOffenderDetectorTest).
 */
class AlertFunctionsHarnessTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

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
