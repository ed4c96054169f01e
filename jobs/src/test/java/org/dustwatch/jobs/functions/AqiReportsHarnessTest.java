package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
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
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.functions.aqi.AqiAverages;
import org.dustwatch.jobs.functions.aqi.AqiReports;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.PollutantHour;
import org.junit.jupiter.api.Test;

/**
 * {@link AqiReports} in Flink's operator harness: which averages it emits and when, the moving
 * averages and their validity rules, late changes, and that its state empties. Expected averages
 * are worked out by hand here.
 */
class AqiReportsHarnessTest {

    static final long H = 3_600_000L;
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Local midnight of 2026-11-20 in Shanghai. */
    static final long DAY = Instant.parse("2026-11-19T16:00:00Z").toEpochMilli();

    /**
     * Hour i after local midnight, with PM2.5 = pm25 and O3 = o3 (NaN: not valid), fixed others.
     */
    static PollutantHour hour(int i, double pm25, double o3) {
        double[] v = {pm25, 80, 10, 30, 0.8, o3};
        BigDecimal[] mean = new BigDecimal[6];
        long[] covered = new long[6];
        for (int k = 0; k < 6; k++) {
            mean[k] = Double.isNaN(v[k]) ? null : BigDecimal.valueOf(v[k]);
            covered[k] = mean[k] == null ? 0 : H;
        }
        return new PollutantHour("AQ-01", "Dongcheng", DAY + i * H, mean, covered, 0b111111);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, PollutantHour, AqiInput> harness(
            boolean epa) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AqiReports(epa, ZONE, Duration.ofMinutes(10)),
                PollutantHour::station,
                Types.STRING);
    }

    /** Feeds hours 0..n-1 in order, each followed by the watermark of its end. */
    static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, PollutantHour, AqiInput> h,
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

    static BigDecimal avg(AqiInput r, Average a) {
        return r.averages()[a.ordinal()];
    }

    static BigDecimal ratio(long num, long den) {
        return BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MathContext.DECIMAL128);
    }

    /** The last emission per window and start: what the reports end up as. */
    static Map<String, AqiInput> last(List<AqiInput> inputs) {
        Map<String, AqiInput> m = new TreeMap<>();
        inputs.forEach(r -> m.put(r.window() + "@" + r.start(), r));
        return m;
    }

    @Test
    void hourlyAveragesCarryMovingMeansOnlyWhenEnoughHoursAreValid() throws Exception {
        var h = harness(false);
        // O3 = 10 × (i + 1); hour 2 has no valid O3
        feed(h, 10, i -> 40, i -> i == 2 ? Double.NaN : 10 * (i + 1));
        List<AqiInput> out = h.extractOutputValues();
        assertThat(out).hasSize(10).allMatch(r -> r.window().equals("1h"));
        assertThat(out).allMatch(r -> r.scope().equals("station") && r.stations() == 1);
        // hour 6: hours 0..6 hold 6 valid O3 values (hour 2 is missing): mean of 10,20,40,50,60,70
        assertThat(avg(out.get(6), Average.O3_8H)).isEqualByComparingTo(ratio(250, 6));
        // hour 5: hours 0..5 hold 5 valid values, fewer than 6: no 8-h average
        assertThat(avg(out.get(5), Average.O3_8H)).isNull();
        // hour 9: hours 2..9, 7 valid (30 missing): mean of 40..100
        assertThat(avg(out.get(9), Average.O3_8H)).isEqualByComparingTo(ratio(490, 7));
        assertThat(avg(out.get(9), Average.PM25_1H)).isEqualByComparingTo("40");
        // fewer than 20 hours: no 24-h average yet
        assertThat(avg(out.get(9), Average.PM25_24H)).isNull();
        h.close();
    }

    @Test
    void theDailyAveragesComeAtLocalMidnightWithGb3095Validity() throws Exception {
        var h = harness(false);
        // 24 hours; O3 peaks in the afternoon; PM2.5 missing in 4 hours (20 valid remain)
        feed(
                h,
                24,
                i -> i >= 1 && i <= 4 ? Double.NaN : 50 + i,
                i -> i >= 12 && i <= 16 ? 200 : 60);
        List<AqiInput> days =
                h.extractOutputValues().stream().filter(r -> r.window().equals("1d")).toList();
        assertThat(days).hasSize(1);
        AqiInput d = days.get(0);
        assertThat(d.start()).isEqualTo(DAY);
        // 24-h PM2.5 over its 20 valid hours: 50 + mean of {0, 5..23}
        long sum = 50 * 20;
        for (int i = 5; i < 24; i++) {
            sum += i;
        }
        assertThat(avg(d, Average.PM25_24H)).isEqualByComparingTo(ratio(sum, 20));
        // daily max 1-h O3 and max 8-h O3 (periods starting 0..16 h; best covers 12..16 + 3 more)
        assertThat(avg(d, Average.O3_1H)).isEqualByComparingTo("200");
        assertThat(avg(d, Average.O3_8H)).isEqualByComparingTo(ratio(5 * 200 + 3 * 60, 8));
        h.close();

        // 19 valid PM2.5 hours: no 24-h mean
        var h2 = harness(false);
        feed(h2, 24, i -> i <= 4 ? Double.NaN : 50, i -> 60);
        AqiInput d2 =
                h2.extractOutputValues().stream()
                        .filter(r -> r.window().equals("1d"))
                        .findFirst()
                        .orElseThrow();
        assertThat(avg(d2, Average.PM25_24H)).isNull();
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
        assertThat(o3of8h(hours, false)).isEqualByComparingTo("100");
        // valid only in hours 0..18: 14 valid periods (0..13), still enough
        for (int i = 19; i < 24; i++) {
            hours.put(DAY + i * H, hour(i, 30, Double.NaN));
        }
        assertThat(o3of8h(hours, false)).isEqualByComparingTo("100");
        // valid only in hours 0..17: 13 periods, too few at 100 µg/m³ ...
        hours.put(DAY + 18 * H, hour(18, 30, Double.NaN));
        assertThat(o3of8h(hours, false)).isNull();
        // ... but valid when the maximum exceeds the 8-h limit of 160
        for (int i = 0; i < 18; i++) {
            hours.put(DAY + i * H, hour(i, 30, 170));
        }
        assertThat(o3of8h(hours, false)).isEqualByComparingTo("170");
    }

    @Test
    void epaOzoneTakesThe17PeriodsFrom07To23And13OfThem() {
        TreeMap<Long, PollutantHour> hours = new TreeMap<>();
        // O3 of 100 in hours 7..30 (07:00 to 06:00 the next day), and 300 in hours 0..6 of the day,
        // which no EPA period of the day reaches (they start at 07:00)
        for (int i = 0; i < 31; i++) {
            hours.put(DAY + i * H, hour(i, 30, i < 7 ? 300 : 100));
        }
        assertThat(o3of8h(hours, true)).isEqualByComparingTo("100");
        // HJ 663: the periods start from midnight; the first holds seven hours of 300 and one of
        // 100
        assertThat(o3of8h(hours, false)).isEqualByComparingTo(ratio(7 * 300 + 100, 8));
        // valid only in hours 7..24: periods starting 07..19 have >= 6 hours: 13, enough for EPA
        for (int i = 25; i < 31; i++) {
            hours.put(DAY + i * H, hour(i, 30, Double.NaN));
        }
        assertThat(o3of8h(hours, true)).isEqualByComparingTo("100");
        hours.put(DAY + 24 * H, hour(24, 30, Double.NaN)); // 12 periods: too few
        assertThat(o3of8h(hours, true)).isNull();
    }

    @Test
    void epaParticulateDaysNeed18HoursAndChinasNeed20() {
        TreeMap<Long, PollutantHour> hours = new TreeMap<>();
        for (int i = 0; i < 24; i++) {
            hours.put(DAY + i * H, hour(i, i < 18 ? 30 : Double.NaN, 60));
        }
        BigDecimal[] epa = AqiAverages.daily(hours, DAY, DAY + 24 * H, true);
        BigDecimal[] hj = AqiAverages.daily(hours, DAY, DAY + 24 * H, false);
        assertThat(epa[Average.PM25_24H.ordinal()]).isEqualByComparingTo("30");
        assertThat(hj[Average.PM25_24H.ordinal()]).isNull();
    }

    static BigDecimal o3of8h(TreeMap<Long, PollutantHour> hours, boolean epa) {
        return AqiAverages.daily(hours, DAY, DAY + 24 * H, epa)[Average.O3_8H.ordinal()];
    }

    @Test
    void theEpaDayIsEmittedAt07TheNextDay() throws Exception {
        var h = harness(true);
        feed(h, 31, i -> 40, i -> 60);
        List<AqiInput> days =
                h.extractOutputValues().stream().filter(r -> r.window().equals("1d")).toList();
        assertThat(days).hasSize(1);
        assertThat(days.get(0).start()).isEqualTo(DAY);
        h.close();
    }

    @Test
    void aLateChangeReEmitsEveryReportItEntersAndEndsAsAnInOrderRunWould() throws Exception {
        // in order, with hour 3's final O3 of 300
        var inOrder = harness(false);
        feed(inOrder, 24, i -> 40, i -> i == 3 ? 300 : 60);
        Map<String, AqiInput> expected = last(inOrder.extractOutputValues());
        inOrder.close();

        // first with hour 3 at 60, then hour 3 changes to 300 after the day has been reported
        var late = harness(false);
        feed(late, 24, i -> 40, i -> 60);
        int before = late.extractOutputValues().size();
        late.processElement(hour(3, 40, 300), DAY + 24 * H - 1);
        late.processWatermark(DAY + 24 * H);
        List<AqiInput> all = late.extractOutputValues();
        List<AqiInput> reEmitted = all.subList(before, all.size());
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
        var h = harness(false);
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
        var h = harness(false);
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
