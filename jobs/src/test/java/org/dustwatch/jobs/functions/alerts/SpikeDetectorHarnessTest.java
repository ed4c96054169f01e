package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.InspectionStats;
import org.junit.jupiter.api.Test;

/**
 * The violation-spike detector in Flink's operator harness: its life cycle, what is not judged, and
 * its state. Expected scores come from {@link BetaBinomialOracle}, which shares no code with the
 * detector.
 */
class SpikeDetectorHarnessTest {

    static final long H = 3_600_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

    /** threshold 4, resolve 1, min volume 1, 7 days, spread 1, windows up to 3 h, 30 baseline. */
    static final SpikeCore.Settings SPIKE =
            new SpikeCore.Settings(4.0, 1.0, 1, 7, 1, 3, 30, Duration.ofHours(3));

    static KeyedOneInputStreamOperatorTestHarness<String, InspectionStats, Alert> spikes(
            SpikeCore.Settings s) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SpikeDetector(s, LATENESS), InspectionStats::levelKey, Types.STRING);
    }

    static void hour(
            KeyedOneInputStreamOperatorTestHarness<String, InspectionStats, Alert> h,
            long hour,
            long inspected,
            long violating)
            throws Exception {
        h.processElement(
                new InspectionStats(
                        "road", "G107", null, null, "1h", hour * H, inspected, violating, 0, 0, 0,
                        0, 0),
                hour * H + H - 1);
        h.processWatermark(hour * H + H - 1 + LATENESS.toMillis());
    }

    /**
     * Three days at 20 of 100 an hour, then on day 3: 60 at 10:00, 55 at 11:00, 20 after; 60 again
     * at 15:00 (in the cooldown) and at 18:00 (after it). Hour 10's baseline is hours 9–11 of the
     * three days before: 180 of 900. Its one-hour window, 60 of 100, scores z = 8.09 (the two- and
     * three-hour windows less), so it opens, critical (twice the threshold). The alert resolves
     * when the three hours to the hour judged score below 1: 11–13 hold 95 of 300 (z = 4.25), 12–14
     * hold 60 of 300 (z < 1): resolved at 14:00. The cooldown lasts until 17:00; 18:00 opens again.
     */
    @Test
    void aSpikeOpensOnceIsNotRepeatedAndResolvesWhenItsWindowIsNormalAgain() throws Exception {
        var h = spikes(SPIKE);
        for (long t = 0; t < 72 + 10; t++) {
            hour(h, t, 100, 20);
        }
        long[] day3 = {60, 55, 20, 20, 20, 60, 20, 20, 60};
        for (int i = 0; i < day3.length; i++) {
            hour(h, 82 + i, 100, day3[i]);
        }
        List<Alert> out = h.extractOutputValues();
        assertThat(out)
                .extracting(a -> a.state() + "@" + (a.windowStart() / H - 72))
                .containsExactly("open@10", "resolved@14", "open@18");
        Alert open = out.get(0);
        assertThat(open.id())
                .isEqualTo("violation_spike:road:G107:" + 82 * H)
                .isEqualTo(out.get(1).id());
        assertThat(open.windowEnd()).isEqualTo(83 * H);
        assertThat(open.observed()).isEqualTo(0.6);
        assertThat(open.baseline()).isEqualTo(0.2);
        double z = BetaBinomialOracle.z(60, 100, 180, 900);
        assertThat(z).isCloseTo(8.09, within(0.01));
        assertThat(open.severity()).as("z = %.2f: above 8", z).isEqualTo("critical");
        assertThat(open.message())
                .contains("60%")
                .contains("60 of 100")
                .contains("G107")
                .contains("usual 20%")
                .contains(String.format(java.util.Locale.ROOT, "z = %.1f", z));
        assertThat(BetaBinomialOracle.z(95, 300, 300, 1500)).isGreaterThan(1);
        assertThat(BetaBinomialOracle.z(60, 300, 300, 1500)).isLessThan(1);
        // 60 violating of 100 against a usual 180 of 900: 20 expected
        assertThat(open.counted()).isEqualTo("violations");
        assertThat(open.observedCount()).isEqualTo(60);
        assertThat(open.expectedCount()).isCloseTo(20, within(1e-9));
        Alert resolved = out.get(1);
        assertThat(resolved.observed()).isEqualTo(0.2);
        assertThat(resolved.message()).contains("60 of 300 inspected in the last 3 hours");
        assertThat(resolved.observedCount()).isEqualTo(60);
        assertThat(resolved.expectedCount()).isCloseTo(60, within(1e-9));
        h.close();
    }

    /**
     * A thin hour is judged over the hours before it: at 5 inspections an hour, 4 of 5 violating
     * against 20% scores z = 2.3 alone, but three such hours (12 of 15) open an alert, with the
     * three-hour window as its window.
     */
    @Test
    void thinHoursAddUpOverTheWindow() throws Exception {
        var h = spikes(SPIKE);
        for (long t = 0; t < 72; t++) {
            hour(h, t, 5, 1);
        }
        // hour 74 alone: its baseline is hours 73..75 of days 1..3 back, 9 hours of 5 (45, 9)
        double z1 = BetaBinomialOracle.z(4, 5, 9, 45);
        // the window 72..74: hours 71..75 of the days back, but for the hour before hour 0: 14
        // hours
        double z3 = BetaBinomialOracle.z(12, 15, 14, 70);
        assertThat(z1).isLessThan(4);
        assertThat(z3).isGreaterThanOrEqualTo(4);
        hour(h, 72, 5, 4);
        hour(h, 73, 5, 4);
        assertThat(h.extractOutputValues()).isEmpty();
        hour(h, 74, 5, 4);
        assertThat(h.extractOutputValues())
                .singleElement()
                .satisfies(a -> assertThat(a.windowStart()).isEqualTo(72 * H))
                .satisfies(a -> assertThat(a.windowEnd()).isEqualTo(75 * H))
                .satisfies(a -> assertThat(a.message()).contains("12 of 15 inspected"));
        h.close();
    }

    @Test
    void tooLittleHistoryIsNotJudged() throws Exception {
        var h = spikes(SPIKE);
        // day 0 only: nothing has a baseline day yet, whatever its rate
        for (long t = 0; t < 24; t++) {
            hour(h, t, 100, t == 20 ? 90 : 20);
        }
        // day 1 at 10:00 on a road seen only from 09:00 to 11:00 on day 0, 8 an hour: every
        // window's baseline holds 24 inspections, under the 30 needed
        var thin = spikes(SPIKE);
        for (long t = 9; t <= 11; t++) {
            hour(thin, t, 8, 2);
        }
        hour(thin, 34, 8, 8);
        assertThat(h.extractOutputValues()).isEmpty();
        assertThat(thin.extractOutputValues()).isEmpty();
        h.close();
        thin.close();
    }

    @Test
    void theSpikeStateKeepsOnlyTheBaselineHorizonAndOneCleanupTimer() throws Exception {
        var h = spikes(SPIKE);
        for (long t = 0; t < 24 * 20; t++) {
            hour(h, t, 100, 20);
        }
        // hourly counts of 7 days and the widest window with its spread (4 h), plus the alert
        assertThat(h.numKeyedStateEntries()).isLessThanOrEqualTo(7 * 24 + 4 + 1 + 1);
        assertThat(h.numEventTimeTimers()).as("the key's cleanup timer").isEqualTo(1);
        h.close();
    }
}
