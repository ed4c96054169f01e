package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.ClockSkew;

/**
 * A {@code clock_skew} alert per checkpoint or station whose records are stamped further from the
 * other sources of its Kafka partition than the source lag allows (see SourceClocks). It opens with
 * the {@value #RECORDS_TO_OPEN}rd such record less than {@code quiet} after the one before (a
 * single record alone ahead can be the first after a quiet spell, before the others are heard
 * again) and resolves once {@code quiet} of the watermark's event time has passed without one.
 * Times are the partition's frontier, not the skewed stamps, so the alert is placed when the
 * records arrived, whichever way the clock is wrong; and they are in event time, so a replay from
 * the same offsets raises the same alerts. The end of a bounded input resolves nothing. Keyed by
 * {@code level:source}; state: the alert (or the records counted towards it) and its one pending
 * timer.
 */
public final class ClockSkewDetector extends KeyedProcessFunction<String, ClockSkew, Alert> {

    public static final String KIND = "clock_skew";

    /** Skewed records that open an alert. */
    public static final int RECORDS_TO_OPEN = 3;

    // the slots of the state
    private static final int OPENED_AT = 0, LAST_FRONTIER = 1, TIMER = 2, OFFSET = 3, SEEN = 4;

    private final long quietMs;

    /** {first record's minute, last frontier, timer, offset (ms), records seen (-1: open)} */
    private transient ValueState<long[]> open;

    public ClockSkewDetector(Duration quiet) {
        this.quietMs = quiet.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        open = getRuntimeContext().getState(new ValueStateDescriptor<>("open", long[].class));
    }

    @Override
    public void processElement(ClockSkew s, Context ctx, Collector<Alert> out) throws Exception {
        long[] o = open.value();
        if (o == null) {
            long firstMinute = Math.floorDiv(s.frontier(), 60_000L) * 60_000L;
            o = new long[] {firstMinute, s.frontier(), Long.MIN_VALUE, s.offsetMs(), 0};
        }
        o[LAST_FRONTIER] = Math.max(o[LAST_FRONTIER], s.frontier());
        o[OFFSET] = s.offsetMs();
        if (o[SEEN] >= 0 && ++o[SEEN] == RECORDS_TO_OPEN) {
            o[SEEN] = -1;
            out.collect(alert(s.level(), s.source(), o, Alert.OPEN, s.partition()));
        }
        long due = o[LAST_FRONTIER] + quietMs;
        if (o[TIMER] != due) {
            if (o[TIMER] != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(o[TIMER]);
            }
            ctx.timerService().registerEventTimeTimer(due);
            o[TIMER] = due;
        }
        open.update(o);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long[] o = open.value();
        if (o == null || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        if (o[SEEN] < 0) {
            String[] key = ctx.getCurrentKey().split(":", 2);
            out.collect(alert(key[0], key[1], o, Alert.RESOLVED, -1));
        }
        open.clear();
    }

    private Alert alert(String level, String source, long[] o, String state, int partition) {
        double minutes = o[OFFSET] / 60_000.0;
        String way = minutes >= 0 ? "ahead of" : "behind";
        String message =
                Alert.OPEN.equals(state)
                        ? String.format(
                                Locale.ROOT,
                                "%s %s's clock runs %.0f min %s the other sources of Kafka"
                                        + " partition %d%s",
                                level,
                                source,
                                Math.abs(minutes),
                                way,
                                partition,
                                minutes >= 0
                                        ? ": its records count at their stamped times"
                                        : ": its records go to the dead-letter topic as"
                                                + " CLOCK_SKEW")
                        : String.format(
                                Locale.ROOT,
                                "%s %s: no skewed record for %d min",
                                level,
                                source,
                                quietMs / 60_000);
        long resolvedAt = Math.floorDiv(o[LAST_FRONTIER] + quietMs, 60_000L) * 60_000L;
        long start = Alert.OPEN.equals(state) ? o[OPENED_AT] : resolvedAt;
        return new Alert(
                Alert.id(KIND, level, source, o[OPENED_AT]),
                KIND,
                level,
                source,
                start,
                start + 60_000L,
                minutes,
                0.0,
                "warning",
                state,
                message);
    }
}
