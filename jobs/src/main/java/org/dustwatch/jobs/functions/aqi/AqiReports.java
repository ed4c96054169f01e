package org.dustwatch.jobs.functions.aqi;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.jobs.records.WindowSize;

/**
 * The averages behind a station's real-time (hourly) and daily reports, from its valid hourly means
 * (see {@link AqiAverages} for the averages and their validity rules). {@code IndexReports} indexes
 * them; {@code AreaAverages} averages them over townships and the district.
 *
 * <p><b>When.</b> An hour's averages are emitted when the watermark passes the hour's end, a day's
 * when it passes the local day's end (in EPA mode seven hours later: the day's last 8-h ozone
 * period runs to 07:00). Each is emitted by a timer at that time, so it carries that time as its
 * timestamp, however late it is emitted. An hour that changes afterwards (upstream emits it again)
 * sets again the timers of its own hour, of every later hour already emitted whose moving averages
 * it enters (up to 23 hours on), and of its day: they fire at the next watermark and emit again.
 * Each emission is a function of the hours alone, so the last one is that of an in-order run.
 *
 * <p><b>State.</b> The hours of the last two days plus the allowed lateness, and the time of the
 * last timer that fired. A key with no hours left holds nothing.
 */
public final class AqiReports extends KeyedProcessFunction<String, PollutantHour, AqiInput> {

    static final long HOUR = AqiAverages.HOUR;

    private final boolean epa;
    private final ZoneId zone;
    private final long retentionMs;
    private transient MapState<Long, PollutantHour> hours;
    private transient ValueState<Long> firedThrough;

    /**
     * @param epa whether the reports follow the US EPA (its day ends at 07:00 for ozone)
     * @param allowedLateness how late an hour may still change
     */
    public AqiReports(boolean epa, ZoneId zone, Duration allowedLateness) {
        this.epa = epa;
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
    public void processElement(PollutantHour h, Context ctx, Collector<AqiInput> out)
            throws Exception {
        long k = h.hourStart();
        hours.put(k, h);
        ctx.timerService().registerEventTimeTimer(k + HOUR - 1);
        Long fired = firedThrough.value();
        if (fired != null && k + HOUR - 1 <= fired) {
            for (long later = k + HOUR; later <= k + 23 * HOUR; later += HOUR) {
                if (later + HOUR - 1 <= fired && hours.contains(later)) {
                    ctx.timerService().registerEventTimeTimer(later + HOUR - 1);
                }
            }
        }
        long dayStart = dayStart(k);
        ctx.timerService().registerEventTimeTimer(dayDue(dayStart) - 1);
        if (epa && k < dayStart + 7 * HOUR) {
            // the previous day's last 8-h ozone periods run into this day's first seven hours
            ctx.timerService().registerEventTimeTimer(dayDue(previousDayStart(dayStart)) - 1);
        }
        ctx.timerService().registerEventTimeTimer(k + HOUR - 1 + retentionMs);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<AqiInput> out) throws Exception {
        Long f = firedThrough.value();
        long fired = f == null ? Long.MIN_VALUE : f;
        TreeMap<Long, PollutantHour> all = new TreeMap<>();
        for (Map.Entry<Long, PollutantHour> e : hours.entries()) {
            all.put(e.getKey(), e.getValue());
        }
        long hourStart = t + 1 - HOUR;
        PollutantHour own = all.get(hourStart);
        if (own != null) {
            out.collect(
                    input(
                            own,
                            WindowSize.HOUR.tag(),
                            hourStart,
                            AqiAverages.hourly(all, hourStart, epa)));
        }
        long dayStart = epa ? dayStart(t - 7 * HOUR) : dayStart(t);
        if (dayDue(dayStart) == t + 1) {
            long dayEnd = dayEnd(dayStart);
            Map.Entry<Long, PollutantHour> first = all.ceilingEntry(dayStart);
            if (first != null && first.getKey() < dayEnd) {
                BigDecimal[] averages = AqiAverages.daily(all, dayStart, dayEnd, epa);
                out.collect(input(first.getValue(), WindowSize.DAY.tag(), dayStart, averages));
            }
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

    private static AqiInput input(
            PollutantHour meta, String window, long start, BigDecimal[] averages) {
        return new AqiInput(
                Level.STATION.tag(),
                meta.station(),
                meta.township(),
                window,
                start,
                averages,
                meta.plan(),
                1);
    }

    /** When a day's report is due: the local day's end; in EPA mode seven hours later. */
    private long dayDue(long dayStart) {
        long end = dayEnd(dayStart);
        return epa ? end + 7 * HOUR : end;
    }

    private LocalDate localDate(long t) {
        return Instant.ofEpochMilli(t).atZone(zone).toLocalDate();
    }

    private long dayStart(long t) {
        return localDate(t).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long previousDayStart(long dayStart) {
        return localDate(dayStart).minusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    private long dayEnd(long dayStart) {
        return localDate(dayStart).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }
}
