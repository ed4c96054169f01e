package org.dustwatch.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.aqi.AirQualityIndex;
import org.dustwatch.aqi.AqiResult;
import org.dustwatch.aqi.Report;
import org.dustwatch.aqi.Standard;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.PollutantHour;

/**
 * The real-time (hourly) and daily AQI reports of one station or township, from its valid hourly
 * means (see {@link AqiAverages} for the averages and their validity rules).
 *
 * <p><b>When.</b> An hour's report is emitted when the watermark passes the hour's end, a day's
 * when it passes the local day's end. An hour that changes after that (a late firing upstream)
 * re-emits its own report, every later report whose 8-h or 24-h average it enters, and its day's:
 * each report is a function of its hours alone, so the re-emitted points overwrite the earlier ones
 * and the final contents are those of an in-order run.
 *
 * <p><b>State.</b> The hours of the last two days plus the allowed lateness, in a map keyed by hour
 * start, and the time of the last timer that fired. A cleanup timer per hour drops the hour when no
 * late change can need it any more; a key with no hours left holds nothing.
 */
public final class AqiReports extends KeyedProcessFunction<String, PollutantHour, AqiReport> {

    static final long HOUR = AqiAverages.HOUR;

    private final Standard fixed;
    private final ZoneId zone;
    private final long retentionMs;
    private transient MapState<Long, PollutantHour> hours;
    private transient ValueState<Long> firedThrough;

    /**
     * @param fixed the standard for every report; {@code null} picks the one in force on the
     *     report's local date
     * @param allowedLateness how late an hour may still change
     */
    public AqiReports(Standard fixed, ZoneId zone, Duration allowedLateness) {
        this.fixed = fixed;
        this.zone = zone;
        this.retentionMs = Duration.ofDays(2).plus(allowedLateness).toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        hours =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hours", Types.LONG, Types.POJO(PollutantHour.class)));
        firedThrough =
                getRuntimeContext()
                        .getState(new ValueStateDescriptor<>("fired-through", Types.LONG));
    }

    @Override
    public void processElement(PollutantHour h, Context ctx, Collector<AqiReport> out)
            throws Exception {
        hours.put(h.hourStart(), h);
        long end = h.hourStart() + HOUR;
        ctx.timerService().registerEventTimeTimer(end - 1);
        long dayEnd = dayEnd(h.hourStart());
        Long fired = firedThrough.value();
        if (fired == null || dayEnd - 1 > fired) {
            // a day already reported is reported again by the hour's own timer (see onTimer)
            ctx.timerService().registerEventTimeTimer(dayEnd - 1);
        }
        ctx.timerService().registerEventTimeTimer(end - 1 + retentionMs);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<AqiReport> out) throws Exception {
        Long f = firedThrough.value();
        long fired = f == null ? Long.MIN_VALUE : f;
        TreeMap<Long, PollutantHour> all = new TreeMap<>();
        for (Map.Entry<Long, PollutantHour> e : hours.entries()) {
            all.put(e.getKey(), e.getValue());
        }
        boolean refire = t <= fired;
        long hourStart = t + 1 - HOUR;
        boolean hourEnds = all.containsKey(hourStart);
        if (hourEnds) {
            emitHour(all, hourStart, out);
            if (refire) {
                // a change after this hour was reported: the later reports that average it too
                for (long k = hourStart + HOUR;
                        k <= hourStart + 23 * HOUR && k + HOUR - 1 <= fired;
                        k += HOUR) {
                    if (all.containsKey(k)) {
                        emitHour(all, k, out);
                    }
                }
            }
        }
        if (isLocalMidnight(t + 1)) {
            long dayStart = dayStart(t);
            if (!all.subMap(dayStart, true, t + 1, false).isEmpty()) {
                emitDay(all, dayStart, t + 1, out);
            }
        } else if (refire && hourEnds && dayEnd(hourStart) - 1 <= fired) {
            // the hour's day was reported already: report it again
            emitDay(all, dayStart(hourStart), dayEnd(hourStart), out);
        }
        firedThrough.update(Math.max(fired, t));
        for (Long k : all.keySet()) {
            if (k + HOUR - 1 + retentionMs <= t) {
                hours.remove(k);
            }
        }
        if (hours.isEmpty()) {
            firedThrough.clear();
        }
    }

    private void emitHour(TreeMap<Long, PollutantHour> all, long k, Collector<AqiReport> out) {
        double[] averages = AqiAverages.hourly(all, k);
        emit(all.get(k), "1h", k, Report.HOURLY, averages, out);
    }

    private void emitDay(
            TreeMap<Long, PollutantHour> all,
            long dayStart,
            long dayEnd,
            Collector<AqiReport> out) {
        double[] averages = AqiAverages.daily(all, dayStart, dayEnd);
        emit(all.ceilingEntry(dayStart).getValue(), "1d", dayStart, Report.DAILY, averages, out);
    }

    private void emit(
            PollutantHour meta,
            String window,
            long start,
            Report report,
            double[] averages,
            Collector<AqiReport> out) {
        Standard s = fixed != null ? fixed : Standard.forDate(localDate(start));
        Optional<AqiResult> r =
                AirQualityIndex.compute(s, report, AqiAverages.concentrations(averages));
        if (r.isEmpty()) {
            return;
        }
        AqiResult a = r.get();
        int[] iaqi = new int[SubIndex.values().length];
        java.util.Arrays.fill(iaqi, -1);
        a.iaqi().forEach((k, v) -> iaqi[k.ordinal()] = v);
        out.collect(
                new AqiReport(
                        meta.level(),
                        meta.subject(),
                        meta.township(),
                        window,
                        start,
                        s.id(),
                        a.aqi(),
                        a.level(),
                        a.chinese(),
                        a.english(),
                        a.primaryList(),
                        String.join(",", a.exceeding()),
                        iaqi,
                        averages));
    }

    private LocalDate localDate(long t) {
        return Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    }

    private long dayStart(long t) {
        return localDate(t).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long dayEnd(long t) {
        return localDate(t).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private boolean isLocalMidnight(long t) {
        return Instant.ofEpochMilli(t).atZone(zone).toLocalTime().equals(LocalTime.MIDNIGHT);
    }
}
