package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.VehicleType;
import org.dustwatch.model.Violation;
import org.junit.jupiter.api.Test;

/** {@link RepeatOffenderDetector} in Flink's operator harness. */
class RepeatOffenderDetectorTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final long DAY = 24 * H;
    static final Duration LATENESS = Duration.ofMinutes(10);

    /** 3 incidents in a day, one incident per trip of 2 hours. */
    static final RepeatOffenderDetector.Settings REPEAT =
            new RepeatOffenderDetector.Settings(3, Duration.ofDays(1), Duration.ofHours(2));

    static Inspection violation(String vehicle, long ts, String checkpoint) {
        return new Inspection(
                vehicle + "@" + ts,
                checkpoint,
                ts,
                VehicleType.DUMP_TRUCK,
                Cargo.MUCK,
                Violation.SPILLAGE.bit(),
                500,
                "G107",
                "Dongcheng",
                vehicle);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Inspection, Alert> repeats(
            RepeatOffenderDetector.Settings s, ZoneId zone) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RepeatOffenderDetector(s, LATENESS, zone), Inspection::plateHash, Types.STRING);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Inspection, Alert> repeats()
            throws Exception {
        return repeats(REPEAT, ZoneOffset.UTC);
    }

    static String stateAndMinutes(Alert a) {
        return a.subject()
                + " "
                + a.state()
                + "@"
                + a.windowStart() / MIN
                + " "
                + (long) a.observed()
                + "/"
                + (long) a.baseline();
    }

    @Test
    void theThirdIncidentInThePeriodOpensAndTheOldestLeavingItResolves() throws Exception {
        var h = repeats();
        h.processElement(violation("v1", 10_000, "CP-01"), 10_000);
        h.processElement(violation("v2", 20_000, "CP-01"), 20_000);
        h.processElement(violation("v1", 5 * H, "CP-02"), 5 * H);
        h.processElement(violation("v2", 5 * H, "CP-02"), 5 * H);
        h.processWatermark(9 * H);
        assertThat(h.extractOutputValues()).isEmpty();

        h.processElement(violation("v1", 9 * H + 30_000, "CP-12"), 9 * H + 30_000);
        h.processWatermark(9 * H + MIN - 1 + LATENESS.toMillis() - 1); // minute not final yet
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(9 * H + MIN - 1 + LATENESS.toMillis());
        assertThat(h.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v1 open@540 3/3");
        Alert opened = h.extractOutputValues().get(0);
        assertThat(opened.id()).isEqualTo("repeat_offender:vehicle:v1:" + 9 * H);
        assertThat(opened.message())
                .isEqualTo(
                        "vehicle v1 was caught violating in 3 incidents in 1 day, the last at"
                                + " CP-12: 01-01 00:00 at CP-01; 01-01 05:00 at CP-02; 01-01 09:00"
                                + " at CP-12");

        // One day after the first violation's minute it leaves the period: two remain.
        h.processWatermark(DAY + 2 * H);
        assertThat(h.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v1 open@540 3/3", "v1 resolved@1440 2/3");
        assertThat(h.extractOutputValues().get(1).id()).isEqualTo(opened.id());

        // Once the period holds no violation, the vehicles are forgotten.
        h.processWatermark(2 * DAY);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        assertThat(h.extractOutputValues()).hasSize(2);
        h.close();
    }

    /**
     * Issue 21: one truck with one uncovered load that passes three checkpoints in 90 minutes is
     * one offence, not three. With 30 days and a trip window of 2 hours, the alert opens at the
     * third incident, six days later, and says which checkpoints made each one. Times in the
     * message are local (UTC+8): 02:00Z is 10:00.
     */
    @Test
    void theViolationsOfOneTripAreOneIncident() throws Exception {
        var s = new RepeatOffenderDetector.Settings(3, Duration.ofDays(30), Duration.ofHours(2));
        var h = repeats(s, ZoneId.of("Asia/Shanghai"));
        long local = -8 * H; // local midnight of 1970-01-01 in UTC+8
        long[] ts = {
            local + 10 * H, // 01-01 10:00 CP-03: the trip begins
            local + 10 * H + 40 * MIN, // 10:40 CP-07
            local + 11 * H + 30 * MIN, // 11:30 CP-09: 90 min after the first, the same trip
            local + 3 * DAY + 8 * H + 14 * MIN, // 01-04 08:14 CP-12: the second incident
            local + 9 * DAY + 21 * H + 5 * MIN // 01-10 21:05 CP-01: the third
        };
        String[] cps = {"CP-03", "CP-07", "CP-09", "CP-12", "CP-01"};
        for (int i = 0; i < 4; i++) {
            h.processElement(violation("v", ts[i], cps[i]), ts[i]);
        }
        h.processWatermark(ts[3] + H);
        assertThat(h.extractOutputValues()).isEmpty(); // 4 violations, 2 incidents
        h.processElement(violation("v", ts[4], cps[4]), ts[4]);
        h.processWatermark(ts[4] + H);
        long minute = (ts[4] / MIN) * MIN;
        assertThat(h.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v open@" + minute / MIN + " 3/3");
        assertThat(h.extractOutputValues().get(0).message())
                .isEqualTo(
                        "vehicle v was caught violating in 3 incidents in 30 days, the last at"
                                + " CP-01: 01-01 10:00 at CP-03, CP-07, CP-09 within 90 min; 01-04"
                                + " 08:14 at CP-12; 01-10 21:05 at CP-01");
        h.close();
    }

    @Test
    void aViolationExactlyOneTripWindowAfterTheFirstBeginsTheNextIncident() {
        long[] t = {0, 30 * MIN, 2 * H, 2 * H + 1, 4 * H + 1, 9 * H};
        assertThat(RepeatOffenderDetector.incidents(t, t.length, 2 * H))
                .containsExactly(
                        new int[] {0, 1}, new int[] {2, 3}, new int[] {4, 4}, new int[] {5, 5});
        // a trip window of 0 makes every violation an incident
        assertThat(RepeatOffenderDetector.incidents(t, 3, 0)).hasSize(3);
    }

    @Test
    void aViolationArrivingLateButWithinTheAllowedLatenessChangesNothing() throws Exception {
        // every violation its own incident, so that three in two minutes open an alert
        var s = new RepeatOffenderDetector.Settings(3, Duration.ofDays(1), Duration.ZERO);
        // in order: one violation in minute 5, two in minute 6
        var inOrder = repeats(s, ZoneOffset.UTC);
        inOrder.processElement(violation("v", 5 * MIN + 1_000, "CP-01"), 5 * MIN + 1_000);
        inOrder.processElement(violation("v", 6 * MIN + 1_000, "CP-01"), 6 * MIN + 1_000);
        inOrder.processElement(violation("v", 6 * MIN + 2_000, "CP-02"), 6 * MIN + 2_000);
        inOrder.processWatermark(Long.MAX_VALUE);

        // minute 6 first; minute 5's violation only after the watermark passed its end
        var late = repeats(s, ZoneOffset.UTC);
        late.processElement(violation("v", 6 * MIN + 2_000, "CP-02"), 6 * MIN + 2_000);
        late.processElement(violation("v", 6 * MIN + 1_000, "CP-01"), 6 * MIN + 1_000);
        late.processWatermark(8 * MIN);
        late.processElement(violation("v", 5 * MIN + 1_000, "CP-01"), 5 * MIN + 1_000);
        late.processWatermark(Long.MAX_VALUE);

        assertThat(inOrder.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v open@6 3/3");
        assertThat(late.extractOutputValues()).isEqualTo(inOrder.extractOutputValues());
        inOrder.close();
        late.close();
    }

    @Test
    void theEndOfABoundedInputResolvesNothing() throws Exception {
        var h = repeats();
        for (int i = 0; i < 4; i++) {
            h.processElement(violation("v", i * 3 * H, "CP-01"), i * 3 * H);
        }
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v open@360 3/3");
        h.close();
    }

    @Test
    void settingsThatCannotMeanARepeatAreRefused() {
        assertThatThrownBy(
                        () ->
                                new RepeatOffenderDetector.Settings(
                                        1, Duration.ofDays(30), Duration.ofHours(2)))
                .hasMessageContaining("at least 2 incidents");
        assertThatThrownBy(
                        () ->
                                new RepeatOffenderDetector.Settings(
                                        3, Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageContaining("at least 1 minute");
        assertThatThrownBy(
                        () ->
                                new RepeatOffenderDetector.Settings(
                                        3, Duration.ofDays(1), Duration.ofDays(1)))
                .hasMessageContaining("trip window");
    }
}
