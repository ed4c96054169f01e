package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntToDoubleFunction;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.aqi.AirQualityIndex;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.Report;
import org.dustwatch.aqi.Standard;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.PollutantHour;
import org.junit.jupiter.api.Test;

/**
 * {@link AqiReports} in Flink's operator harness: which reports it emits and when, the moving
 * averages and their validity rules, late changes, and that its state empties.
 */
class AqiReportsHarnessTest {

    static final long H = 3_600_000L;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Local midnight of 2026-11-20 in Shanghai. */
    static final long DAY = Instant.parse("2026-11-19T16:00:00Z").toEpochMilli();

    static final int PM25 = 0, PM10 = 1, SO2 = 2, NO2 = 3, CO = 4, O3 = 5;

    /** Hour i after local midnight, with O3 = o3(i), PM2.5 = pm25(i) and fixed others. */
    static PollutantHour hour(int i, double pm25, double o3) {
        double[] mean = {pm25, 80, 10, 30, 0.8, o3};
        int[] stations = new int[6];
        for (int k = 0; k < 6; k++) {
            stations[k] = Double.isNaN(mean[k]) ? 0 : 1;
        }
        return new PollutantHour("station", "AQ-01", "Dongcheng", DAY + i * H, mean, stations);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PollutantHour, AqiReport> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AqiReports(null, ZONE, Duration.ofMinutes(10)),
                PollutantHour::key,
                Types.STRING);
    }

    /** Feeds hours 0..n-1 in order, each followed by the watermark of its end. */
    static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, PollutantHour, AqiReport> h,
            int n,
            IntToDoubleFunction pm25,
            IntToDoubleFunction o3)
            throws Exception {
        for (int i = 0; i < n; i++) {
            h.processElement(
                    hour(i, pm25.applyAsDouble(i), o3.applyAsDouble(i)), DAY + (i + 1) * H - 1);
            h.processWatermark(DAY + (i + 1) * H - 1);
        }
    }

    static double avg(AqiReport r, Average a) {
        return r.averages()[a.ordinal()];
    }

    /** The last report per window and start: what InfluxDB ends up holding. */
    static Map<String, AqiReport> last(List<AqiReport> reports) {
        Map<String, AqiReport> m = new TreeMap<>();
        reports.forEach(r -> m.put(r.window() + "@" + r.start(), r));
        return m;
    }

    @Test
    void hourlyReportsCarryMovingAveragesOnlyWhenEnoughHoursAreValid() throws Exception {
        var h = harness();
        // O3 = 10 × (i + 1); hour 2 has no valid O3
        feed(h, 10, i -> 40, i -> i == 2 ? Double.NaN : 10 * (i + 1));
        List<AqiReport> out = h.extractOutputValues();
        assertThat(out).hasSize(10).allMatch(r -> r.window().equals("1h"));
        // hour 6: hours 0..6 hold 6 valid O3 values (hour 2 is missing): mean of 10,20,40,50,60,70
        assertThat(avg(out.get(6), Average.O3_8H)).isCloseTo(250 / 6.0, within(1e-9));
        // hour 5: hours 0..5 hold 5 valid values, fewer than 6: no 8-h average
        assertThat(avg(out.get(5), Average.O3_8H)).isNaN();
        assertThat(out.get(5).iaqi()[SubIndex.O3_8H.ordinal()]).isEqualTo(-1);
        // hour 9: hours 2..9, 7 valid (30 missing): mean of 40..100
        assertThat(avg(out.get(9), Average.O3_8H)).isCloseTo(490 / 7.0, within(1e-9));
        // the real-time report indexes the hour's own PM2.5 (1-h), O3 1-h and 8-h
        assertThat(avg(out.get(9), Average.PM25_1H)).isEqualTo(40);
        assertThat(out.get(9).standard()).isEqualTo("HJ633-2026");
        assertThat(out.get(9).aqi())
                .isEqualTo(
                        AirQualityIndex.compute(
                                        Standard.HJ633_2026,
                                        Report.HOURLY,
                                        AqiAverages.concentrations(out.get(9).averages()))
                                .orElseThrow()
                                .aqi());
        // fewer than 20 hours: no 24-h average yet
        assertThat(avg(out.get(9), Average.PM25_24H)).isNaN();
        h.close();
    }

    @Test
    void theDailyReportComesAtLocalMidnightWithGb3095Validity() throws Exception {
        var h = harness();
        // 24 hours; O3 peaks in the afternoon; PM2.5 missing in 4 hours (20 valid remain)
        feed(
                h,
                24,
                i -> i >= 1 && i <= 4 ? Double.NaN : 50 + i,
                i -> i >= 12 && i <= 16 ? 200 : 60);
        List<AqiReport> days =
                h.extractOutputValues().stream().filter(r -> r.window().equals("1d")).toList();
        assertThat(days).hasSize(1);
        AqiReport d = days.get(0);
        assertThat(d.start()).isEqualTo(DAY);
        // 24-h PM2.5 over its 20 valid hours: 50 + mean of {0, 5..23}
        double sum = 50 * 20 + 0;
        for (int i = 5; i < 24; i++) {
            sum += i;
        }
        assertThat(avg(d, Average.PM25_24H)).isCloseTo(sum / 20, within(1e-9));
        // daily max 1-h O3 and max 8-h O3 (periods starting 0..16 h; best covers 12..16 + 3 more)
        assertThat(avg(d, Average.O3_1H)).isEqualTo(200);
        assertThat(avg(d, Average.O3_8H)).isCloseTo((5 * 200 + 3 * 60) / 8.0, within(1e-9));
        assertThat(d.aqi())
                .isEqualTo(
                        AirQualityIndex.compute(
                                        Standard.HJ633_2026,
                                        Report.DAILY,
                                        AqiAverages.concentrations(d.averages()))
                                .orElseThrow()
                                .aqi());
        h.close();

        // 19 valid PM2.5 hours: no 24-h mean and so no PM2.5 sub-index in the daily report
        var h2 = harness();
        feed(h2, 24, i -> i <= 4 ? Double.NaN : 50, i -> 60);
        AqiReport d2 =
                h2.extractOutputValues().stream()
                        .filter(r -> r.window().equals("1d"))
                        .findFirst()
                        .orElseThrow();
        assertThat(avg(d2, Average.PM25_24H)).isNaN();
        assertThat(d2.iaqi()[SubIndex.PM25.ordinal()]).isEqualTo(-1);
        h2.close();
    }

    @Test
    void dailyOzoneNeeds14ValidPeriodsUnlessItExceedsTheLimit() {
        TreeMap<Long, PollutantHour> hours = new TreeMap<>();
        // O3 valid only in hours 0..19: periods starting 0..14 have >= 6 valid hours (start 14:
        // hours 14..19 = 6), periods 15 and 16 do not: 15 valid periods
        for (int i = 0; i < 24; i++) {
            hours.put(DAY + i * H, hour(i, 30, i < 20 ? 100 : Double.NaN));
        }
        assertThat(AqiAverages.daily(hours, DAY, DAY + 24 * H)[Average.O3_8H.ordinal()])
                .isEqualTo(100);
        // valid only in hours 0..18: 14 valid periods (0..13), still enough
        for (int i = 19; i < 24; i++) {
            hours.put(DAY + i * H, hour(i, 30, Double.NaN));
        }
        assertThat(AqiAverages.daily(hours, DAY, DAY + 24 * H)[Average.O3_8H.ordinal()])
                .isEqualTo(100);
        // valid only in hours 0..17: 13 periods, too few at 100 µg/m³ ...
        hours.put(DAY + 18 * H, hour(18, 30, Double.NaN));
        assertThat(AqiAverages.daily(hours, DAY, DAY + 24 * H)[Average.O3_8H.ordinal()]).isNaN();
        // ... but valid when the maximum exceeds the 8-h limit of 160
        for (int i = 0; i < 18; i++) {
            hours.put(DAY + i * H, hour(i, 30, 170));
        }
        assertThat(AqiAverages.daily(hours, DAY, DAY + 24 * H)[Average.O3_8H.ordinal()])
                .isEqualTo(170);
    }

    @Test
    void aLateChangeReEmitsEveryReportItEntersAndEndsAsAnInOrderRunWould() throws Exception {
        // in order, with hour 3's final O3 of 300
        var inOrder = harness();
        feed(inOrder, 24, i -> 40, i -> i == 3 ? 300 : 60);
        Map<String, AqiReport> expected = last(inOrder.extractOutputValues());
        inOrder.close();

        // first with hour 3 at 60, then hour 3 changes to 300 after the day has been reported
        var late = harness();
        feed(late, 24, i -> 40, i -> 60);
        int before = late.extractOutputValues().size();
        late.processElement(hour(3, 40, 300), DAY + 24 * H - 1);
        late.processWatermark(DAY + 24 * H);
        List<AqiReport> all = late.extractOutputValues();
        List<AqiReport> reEmitted = all.subList(before, all.size());
        // hour 3 itself, hours 4..23 whose 8-h or 24-h averages include it, and the day
        assertThat(reEmitted)
                .extracting(r -> r.window() + "@" + (r.start() - DAY) / H)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.Stream.concat(
                                        java.util.stream.IntStream.range(3, 24)
                                                .mapToObj(i -> "1h@" + i),
                                        java.util.stream.Stream.of("1d@0"))
                                .toList());
        assertThat(last(all)).isEqualTo(expected);
        late.close();
    }

    @Test
    void stateAndTimersAreGoneTwoDaysAfterTheLastHour() throws Exception {
        var h = harness();
        feed(h, 30, i -> 40, i -> 60);
        assertThat(h.numKeyedStateEntries()).isGreaterThan(0);
        // the key's hours are kept for 2 days and the allowed lateness after each hour's end
        h.processWatermark(
                DAY + 30 * H + Duration.ofDays(2).toMillis() + Duration.ofMinutes(10).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void stateStaysBoundedOverAWeekOfHours() throws Exception {
        var h = harness();
        int[] entries = new int[7 * 24];
        for (int i = 0; i < entries.length; i++) {
            h.processElement(hour(i, 40, 60), DAY + (i + 1) * H - 1);
            h.processWatermark(DAY + (i + 1) * H - 1);
            entries[i] = h.numKeyedStateEntries();
        }
        // at most the last 2 days and 10 minutes of hours (49 of them), plus the fired-through time
        assertThat(Arrays.stream(entries).max().getAsInt()).isLessThanOrEqualTo(49 + 1);
        assertThat(entries[entries.length - 1]).isEqualTo(entries[entries.length - 25]);
        h.close();
    }
}
