package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.functions.alerts.EpisodeDetector;
import org.dustwatch.jobs.functions.alerts.RepeatOffenderDetector;
import org.dustwatch.jobs.functions.alerts.SilenceDetector;
import org.dustwatch.jobs.functions.health.PerMinuteCounts;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.VehicleType;
import org.dustwatch.model.Violation;
import org.junit.jupiter.api.Test;

/** The alert detectors and the refused-record counter in Flink's operator harness. */
class AlertFunctionsHarnessTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final Duration LATENESS = Duration.ofMinutes(10);

    // ---- pollution episodes ------------------------------------------------------------------

    static AqiReport townshipHour(long hour, int aqi, int level, double pm25) {
        double[] avg = new double[Average.values().length];
        Arrays.fill(avg, Double.NaN);
        avg[Average.PM25_1H.ordinal()] = pm25;
        return new AqiReport(
                "township",
                "Xihe",
                "Xihe",
                "1h",
                hour * H,
                "HJ633-2026",
                true,
                aqi,
                level,
                "-",
                "-",
                "",
                "",
                "",
                new int[7],
                avg,
                "",
                "",
                "",
                "",
                2);
    }

    @Test
    void anEpisodeOpensAtLevel4OrAFastPm25RiseAndResolvesWhenBothEnd() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EpisodeDetector(
                                new EpisodeDetector.Settings(4, 50, Duration.ofHours(3)), LATENESS),
                        AqiReport::subject,
                        Types.STRING);
        int[][] hours = {
            // aqi, level, pm25
            {80, 2, 40},
            {90, 2, 45},
            {160, 4, 90},
            {220, 5, 160},
            {90, 2, 50}, // open 2, resolve 4
            {160, 4, 90}, // within the cooldown (until hour 7): nothing
            {80, 2, 40},
            {80, 2, 40},
            {95, 2, 100}, // PM2.5 up 60 in an hour: opens
            {95, 2, 100}, // no longer rising, level 2: resolves
        };
        for (int i = 0; i < hours.length; i++) {
            h.processElement(townshipHour(i, hours[i][0], hours[i][1], hours[i][2]), i * H + H - 1);
            h.processWatermark(i * H + H - 1 + LATENESS.toMillis());
        }
        assertThat(h.extractOutputValues())
                .extracting(a -> a.state() + "@" + a.windowStart() / H + ":" + a.severity())
                .containsExactly(
                        "open@2:warning",
                        "resolved@4:warning",
                        "open@8:warning",
                        "resolved@9:warning");
        assertThat(h.extractOutputValues().get(2).message()).contains("PM2.5 up 60");
        // the state holds the last two hours and the alert's state
        assertThat(h.numKeyedStateEntries()).isLessThanOrEqualTo(3);
        h.close();
    }

    // ---- silent stations ---------------------------------------------------------------------

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
                new SilenceDetector(Duration.ofMinutes(30)), AirStats::subject, Types.STRING);
    }

    @Test
    void aStationSilentFor30MinutesOpensAndItsNextReadingResolves() throws Exception {
        var h = silence();
        h.processElement(minute("AQ-01", 0), MIN - 1);
        h.processWatermark(30 * MIN); // 29 minutes after the last minute's end: not yet
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(31 * MIN);
        h.processElement(minute("AQ-01", 40 * MIN), 41 * MIN - 1);
        assertThat(h.extractOutputValues())
                .extracting(
                        a -> a.state() + "@" + a.windowStart() / MIN + "-" + a.windowEnd() / MIN)
                .containsExactly("open@1-31", "resolved@40-41");
        // a gap that the watermark has not reached yet (another station lags) counts the same
        h.processElement(minute("AQ-01", 90 * MIN), 91 * MIN - 1);
        assertThat(h.extractOutputValues()).hasSize(4);
        // the end of a bounded input is not silence
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues()).hasSize(4);
        h.close();
    }

    @Test
    void aStationReportingEveryFiveMinutesHoldsOneTimerAndStillOpensOnTime() throws Exception {
        var h = silence();
        for (long m = 0; m <= 60; m += 5) {
            h.processElement(minute("AQ-01", m * MIN), (m + 1) * MIN - 1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);
        }
        h.processWatermark(60 * MIN); // the first timer (due 31) finds newer minutes: set again
        assertThat(h.numEventTimeTimers()).isEqualTo(1);
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(91 * MIN - 1); // the last minute ended at 61: not yet
        assertThat(h.extractOutputValues()).isEmpty();
        h.processWatermark(91 * MIN);
        assertThat(h.extractOutputValues())
                .extracting(
                        a -> a.state() + "@" + a.windowStart() / MIN + "-" + a.windowEnd() / MIN)
                .containsExactly("open@61-91");
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aStationThatDeclaresAnHourlyPeriodIsSilentAfterTwoMissedHours() throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(Duration.ofMinutes(30), Map.of("AQ-H", H)),
                        AirStats::subject,
                        Types.STRING);
        // hourly means fall into the last minute of their hour
        for (long hour = 0; hour < 3; hour++) {
            h.processElement(minute("AQ-H", (hour + 1) * H - MIN), (hour + 1) * H - 1);
            h.processElement(minute("AQ-1", (hour + 1) * H - MIN), (hour + 1) * H - 1);
            h.processWatermark((hour + 1) * H + 45 * MIN);
        }
        // AQ-1 declares nothing: 30 minutes after each of its minutes it is silent; AQ-H is not
        assertThat(h.extractOutputValues()).allMatch(a -> a.subject().equals("AQ-1"));
        int before = h.extractOutputValues().size();
        h.processWatermark(3 * H + 2 * H - 1); // two hours after AQ-H's last hour: not yet
        assertThat(h.extractOutputValues().subList(before, h.extractOutputValues().size()))
                .noneMatch(a -> a.subject().equals("AQ-H"));
        h.processWatermark(3 * H + 2 * H);
        assertThat(h.extractOutputValues())
                .filteredOn(a -> a.subject().equals("AQ-H"))
                .extracting(
                        a -> a.state() + "@" + a.windowStart() / MIN + "-" + a.windowEnd() / MIN)
                .containsExactly("open@180-300");
        h.close();
    }

    // ---- repeat offenders ---------------------------------------------------------------------

    static final long DAY = 24 * H;

    static final RepeatOffenderDetector.Settings REPEAT =
            new RepeatOffenderDetector.Settings(3, Duration.ofDays(1));

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

    static KeyedOneInputStreamOperatorTestHarness<String, Inspection, Alert> repeats()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RepeatOffenderDetector(REPEAT, LATENESS), Inspection::plateHash, Types.STRING);
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
    void theThirdViolationInThePeriodOpensAndTheOldestLeavingItResolves() throws Exception {
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
                        "vehicle v1 was caught violating 3 times in 1 day, the last at CP-12"
                                + " (checkpoints: CP-01, CP-02, CP-12)");

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

    @Test
    void aViolationArrivingLateButWithinTheAllowedLatenessChangesNothing() throws Exception {
        // in order: one violation in minute 5, two in minute 6
        var inOrder = repeats();
        inOrder.processElement(violation("v", 5 * MIN + 1_000, "CP-01"), 5 * MIN + 1_000);
        inOrder.processElement(violation("v", 6 * MIN + 1_000, "CP-01"), 6 * MIN + 1_000);
        inOrder.processElement(violation("v", 6 * MIN + 2_000, "CP-02"), 6 * MIN + 2_000);
        inOrder.processWatermark(Long.MAX_VALUE);

        // minute 6 first; minute 5's violation only after the watermark passed its end
        var late = repeats();
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
            h.processElement(violation("v", i * H, "CP-01"), i * H);
        }
        h.processWatermark(Long.MAX_VALUE);
        assertThat(h.extractOutputValues())
                .extracting(a -> stateAndMinutes(a))
                .containsExactly("v open@120 3/3");
        h.close();
    }

    @Test
    void settingsThatCannotMeanARepeatAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new RepeatOffenderDetector.Settings(1, Duration.ofDays(30)))
                .hasMessageContaining("at least 2 violations");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new RepeatOffenderDetector.Settings(3, Duration.ofSeconds(5)))
                .hasMessageContaining("at least 1 minute");
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
