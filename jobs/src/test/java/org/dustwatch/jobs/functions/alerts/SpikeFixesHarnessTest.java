package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.InspectionStats;
import org.junit.jupiter.api.Test;

/** The spike fixes of issue 21, each in Flink's operator harness. */
class SpikeFixesHarnessTest {

    static final long H = 3_600_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

    /**
     * min volume 20 and a baseline of 100 inspections: the hours 10 to 16 of the first days below
     * are too thin to be judged on, as they were under the settings before issue 21 (min volume 20,
     * three baseline hours of it).
     */
    static final SpikeCore.Settings SETTINGS =
            new SpikeCore.Settings(4.0, 1.0, 20, 7, 1, 1, 100, Duration.ofHours(3));

    static KeyedOneInputStreamOperatorTestHarness<String, InspectionStats, Alert> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new SpikeDetector(SETTINGS, LATENESS), InspectionStats::levelKey, Types.STRING);
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
     * Hours 10 to 16 of the first three days are thin (4 inspections, 1 violating); the other hours
     * carry 100 at 20%. On day 3 the rate is 60% from 10:00 to 16:00 at 100 an hour: the alert
     * opens at 10:00. The hours after it, whether or not they are judged, are part of the alert and
     * must never become its own baseline: the alert stays open while the rate stays at 60%, and
     * resolves only once the rate is back at 20%.
     */
    @Test
    void anHourDuringAnOpenAlertNeverEntersTheBaselineEvenWhenItIsNotJudged() throws Exception {
        var h = harness();
        for (long t = 0; t < 3 * 24; t++) {
            long hod = t % 24;
            boolean thin = hod >= 10 && hod <= 16;
            hour(h, t, thin ? 4 : 100, thin ? 1 : 20);
        }
        for (long t = 72; t < 72 + 24; t++) {
            long hod = t % 24;
            boolean spike = hod >= 10 && hod <= 16;
            hour(h, t, 100, spike ? 60 : 20);
        }
        assertThat(h.extractOutputValues())
                .extracting(a -> a.state() + "@" + (a.windowStart() / H - 72))
                .first()
                .isEqualTo("open@10");
        assertThat(h.extractOutputValues())
                .filteredOn(a -> a.state().equals(Alert.RESOLVED))
                .extracting(a -> a.windowStart() / H - 72)
                .as("resolved only after the rate is back at 20%, from 17:00")
                .allMatch(hod -> hod >= 17);
        h.close();
    }

    /**
     * The same fix as the detector now judges: an alert opens at 10:00 on day 3 (60 of 100 against
     * 20%); 11:00 and 12:00 see 10 inspections each, all violating, under the minimum volume of 20,
     * so they are not judged; 13:00 is back at 20% and resolves it. On day 4 at 11:00, 60 of 100
     * opens again, and its baseline (hours 10 to 12 of the days before) leaves out every hour of
     * day 3's alert, judged or not: 180 of 900 from days 0 to 2, exactly 20%. With the thin hours
     * in it would be 200 of 920.
     */
    @Test
    void anUnjudgedHourOfAnAlertStaysOutOfLaterBaselines() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SpikeDetector(
                                new SpikeCore.Settings(
                                        4.0, 1.0, 20, 7, 1, 1, 30, Duration.ofHours(3)),
                                LATENESS),
                        InspectionStats::levelKey,
                        Types.STRING);
        for (long t = 0; t < 72 + 10; t++) {
            hour(h, t, 100, 20);
        }
        hour(h, 82, 100, 60);
        hour(h, 83, 10, 10);
        hour(h, 84, 10, 10);
        for (long t = 85; t < 96 + 11; t++) {
            hour(h, t, 100, 20);
        }
        hour(h, 107, 100, 60);
        assertThat(h.extractOutputValues())
                .extracting(a -> a.state() + "@" + a.windowStart() / H)
                .containsExactly("open@82", "resolved@85", "open@107");
        assertThat(h.extractOutputValues().get(2).baseline()).isEqualTo(180.0 / 900);
        h.close();
    }

    /**
     * A road quiet for a night (12 hours without inspections) keeps its baseline: the spike after
     * it is judged against the days before. A road quiet for longer than the baseline's horizon
     * (the baseline days, a day's margin and the lateness) is forgotten: no state, no timer.
     */
    @Test
    void anIdleKeyKeepsItsBaselineOverANightAndIsFreedAfterTheHorizon() throws Exception {
        var h = harness();
        for (long t = 0; t < 4 * 24; t++) {
            hour(h, t, 100, 20);
        }
        // quiet from hour 96 to 107: the watermark moves on (other keys), this key sees nothing
        h.processWatermark(108 * H - 1 + LATENESS.toMillis());
        hour(h, 108, 100, 60);
        assertThat(h.extractOutputValues())
                .extracting(a -> a.state() + "@" + a.windowStart() / H)
                .containsExactly("open@108");
        for (long t = 109; t < 112; t++) {
            hour(h, t, 100, 20);
        }
        assertThat(h.numKeyedStateEntries()).isPositive();
        // then silence for longer than 7 + 1 days plus the lateness: the key is forgotten
        h.processWatermark((112 + 9 * 24) * H);
        assertThat(h.numKeyedStateEntries()).as("state of a forgotten key").isZero();
        assertThat(h.numEventTimeTimers()).as("timers of a forgotten key").isZero();
        h.close();
    }
}
