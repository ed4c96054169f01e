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
 * other sources of its Kafka partition than the source lag allows (see SourceClocks): it opens with
 * the first such record and resolves once {@code quiet} of the partition's event time has passed
 * without one. Times are the partition's frontier, not the skewed stamps, so the alert is placed
 * when the records arrived, whichever way the clock is wrong; and they are in event time, so a
 * replay raises the same alerts. The end of a bounded input resolves nothing. Keyed by {@code
 * level:source}; state: the open alert and its one pending timer.
 */
public final class ClockSkewDetector extends KeyedProcessFunction<String, ClockSkew, Alert> {

    public static final String KIND = "clock_skew";

    private final long quietMs;

    /** {openedAt, lastFrontier, timer, observed offset (ms)} while open */
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
            long openedAt = Math.floorDiv(s.frontier(), 60_000L) * 60_000L;
            o = new long[] {openedAt, s.frontier(), Long.MIN_VALUE, s.offsetMs()};
            out.collect(alert(s.level(), s.source(), o, Alert.OPEN, s.partition()));
        }
        o[1] = Math.max(o[1], s.frontier());
        o[3] = s.offsetMs();
        long due = o[1] + quietMs;
        if (o[2] != due) {
            if (o[2] != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(o[2]);
            }
            ctx.timerService().registerEventTimeTimer(due);
            o[2] = due;
        }
        open.update(o);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long[] o = open.value();
        if (o == null || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        String[] key = ctx.getCurrentKey().split(":", 2);
        out.collect(alert(key[0], key[1], o, Alert.RESOLVED, -1));
        open.clear();
    }

    private Alert alert(String level, String source, long[] o, String state, int partition) {
        double minutes = o[3] / 60_000.0;
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
        long end = Alert.OPEN.equals(state) ? o[0] + 60_000L : o[1] + quietMs;
        return new Alert(
                Alert.id(KIND, level, source, o[0]),
                KIND,
                level,
                source,
                Alert.OPEN.equals(state) ? o[0] : end - 60_000L,
                end,
                minutes,
                0.0,
                "warning",
                state,
                message);
    }
}
