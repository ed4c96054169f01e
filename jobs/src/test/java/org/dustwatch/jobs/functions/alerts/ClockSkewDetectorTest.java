package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.ClockSkew;
import org.junit.jupiter.api.Test;

class ClockSkewDetectorTest {

    static final long MIN = 60_000, H = 60 * MIN;
    static final long T0 = 1_795_190_400_000L; // a whole minute

    static KeyedOneInputStreamOperatorTestHarness<String, ClockSkew, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new ClockSkewDetector(Duration.ofHours(1)),
                s -> s.level() + ":" + s.source(),
                Types.STRING);
    }

    /** A record of CP-07 stamped 2 h ahead of the frontier {@code frontier}. */
    static ClockSkew ahead(long frontier) {
        return new ClockSkew(
                "dustwatch.inspections",
                "checkpoint",
                "CP-07",
                1,
                frontier + 2 * H,
                frontier,
                false);
    }

    static List<String> states(KeyedOneInputStreamOperatorTestHarness<String, ClockSkew, Alert> h) {
        return h.extractOutputValues().stream().map(a -> a.id() + " " + a.state()).toList();
    }

    @Test
    void opensAtTheThirdSkewedRecordAndResolvesAnHourAfterTheLast() throws Exception {
        var h = harness();
        h.open();
        h.processElement(ahead(T0 + 10_000), T0 + 2 * H);
        h.processElement(ahead(T0 + 5 * MIN), T0 + 2 * H);
        assertThat(h.extractOutputValues()).as("two records open nothing").isEmpty();
        h.processElement(ahead(T0 + 9 * MIN), T0 + 2 * H);
        assertThat(states(h)).containsExactly("clock_skew:checkpoint:CP-07:" + T0 + " open");
        Alert open = h.extractOutputValues().get(0);
        assertThat(open.observed()).isEqualTo(120.0);
        assertThat(open.windowStart()).isEqualTo(T0);
        assertThat(open.message()).contains("CP-07").contains("120 min ahead");

        h.processWatermark(T0 + 9 * MIN + H - 1);
        assertThat(states(h)).hasSize(1);
        h.processWatermark(T0 + 9 * MIN + H);
        assertThat(states(h))
                .containsExactly(
                        "clock_skew:checkpoint:CP-07:" + T0 + " open",
                        "clock_skew:checkpoint:CP-07:" + T0 + " resolved");
        assertThat(h.extractOutputValues().get(1).windowStart()).isEqualTo(T0 + 69 * MIN);
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void twoRecordsAloneAheadAfterAQuietSpellOpenNothingAndAreForgotten() throws Exception {
        var h = harness();
        h.open();
        h.processElement(ahead(T0), T0 + 2 * H);
        h.processElement(ahead(T0 + MIN), T0 + 2 * H);
        h.processWatermark(T0 + 2 * H);
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void theEndOfABoundedInputResolvesNothing() throws Exception {
        var h = harness();
        h.open();
        for (int i = 0; i < 3; i++) {
            h.processElement(ahead(T0 + i * MIN), T0 + 2 * H);
        }
        h.processWatermark(Long.MAX_VALUE);
        assertThat(states(h)).containsExactly("clock_skew:checkpoint:CP-07:" + T0 + " open");
        h.close();
    }
}
