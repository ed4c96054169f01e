package org.dustwatch.jobs.functions.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.HealthCount;

/**
 * Counts refused records (dead letters, late events, duplicates) per source, kind and minute for
 * the {@code pipeline} measurement. A refused record often has no event time of its own, so it is
 * counted in the minute of the stream's event time when it was refused: the minute of the
 * operator's watermark (records that arrive before the first watermark go to the first watermark's
 * minute, or, if the input ends first, to the wall clock's). A minute's running total is written at
 * the next watermark and again whenever it grows, each write replacing the last; a flood of bad
 * records thus costs a point per watermark, not per record. Keyed by {@code source|kind}, or {@code
 * source|refusals|REASON} for the dead letters of one reason; a minute's count is dropped ten
 * minutes after it ends.
 */
public final class PerMinuteCounts extends KeyedProcessFunction<String, String, HealthCount> {

    static final long MINUTE = 60_000L;
    static final long KEEP = 10 * MINUTE;

    /** minute -> {count, written (1) or not (0)} */
    private transient MapState<Long, long[]> minutes;

    private transient ValueState<Long> unplaced;
    private transient ValueState<Boolean> pending;

    @Override
    public void open(OpenContext openContext) {
        minutes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "minutes",
                                        Types.LONG,
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        unplaced = getRuntimeContext().getState(new ValueStateDescriptor<>("unplaced", Types.LONG));
        pending =
                getRuntimeContext().getState(new ValueStateDescriptor<>("pending", Types.BOOLEAN));
    }

    /** The element is the key again ({@code source|kind[|reason]}); each one counts 1. */
    @Override
    public void processElement(String key, Context ctx, Collector<HealthCount> out)
            throws Exception {
        long wm = ctx.timerService().currentWatermark();
        if (wm == Long.MIN_VALUE) {
            Long u = unplaced.value();
            unplaced.update(u == null ? 1 : u + 1);
        } else {
            add(Math.floorDiv(wm, MINUTE) * MINUTE, 1, ctx);
        }
        if (!Boolean.TRUE.equals(pending.value())) {
            ctx.timerService().registerEventTimeTimer(wm + 1);
            pending.update(true);
        }
    }

    private void add(long minute, long n, Context ctx) throws Exception {
        long[] c = minutes.get(minute);
        if (c == null) {
            c = new long[2];
            ctx.timerService().registerEventTimeTimer(minute + MINUTE + KEEP);
        }
        c[0] += n;
        c[1] = 0;
        minutes.put(minute, c);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<HealthCount> out) throws Exception {
        pending.clear();
        long wm = ctx.timerService().currentWatermark();
        Long u = unplaced.value();
        if (u != null) {
            // A bounded input can end before this operator's first watermark: then the end
            // (Long.MAX_VALUE) is the first one, and no minute of event time exists to count
            // these in, so they go to the wall clock's minute rather than nowhere.
            long at = wm == Long.MAX_VALUE ? System.currentTimeMillis() : Math.max(wm, t);
            add(Math.floorDiv(at, MINUTE) * MINUTE, u, ctx);
            unplaced.clear();
        }
        String[] key = ctx.getCurrentKey().split("\\|", 3);
        String reason = key.length > 2 ? key[2] : null;
        List<Long> old = new ArrayList<>();
        for (Map.Entry<Long, long[]> e : minutes.entries()) {
            long[] c = e.getValue();
            if (c[1] == 0) {
                out.collect(new HealthCount(key[0], key[1], reason, e.getKey(), c[0]));
                c[1] = 1;
                minutes.put(e.getKey(), c);
            }
            if (e.getKey() + MINUTE + KEEP <= t) {
                old.add(e.getKey());
            }
        }
        for (Long k : old) {
            minutes.remove(k);
        }
    }
}
