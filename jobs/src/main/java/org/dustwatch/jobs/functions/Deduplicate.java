package org.dustwatch.jobs.functions;

import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Lets the first event of each key through and drops repeats (counted in {@code duplicates}). The
 * key is the event id (inspections) or station and timestamp (readings). Each key's state is one
 * long and one event-time timer, cleared when the watermark passes the first event's time plus the
 * horizon, so the state holds one horizon of keys and no more. The horizon must exceed the allowed
 * lateness, so that a repeat which arrives after the state is cleared is late anyway.
 */
public final class Deduplicate<T> extends KeyedProcessFunction<String, T, T> {

    /** One element (the number 1) per dropped repeat, for the {@code pipeline} measurement. */
    public static final org.apache.flink.util.OutputTag<Long> DUPLICATES =
            new org.apache.flink.util.OutputTag<>(
                    "duplicates", org.apache.flink.api.common.typeinfo.Types.LONG);

    private final long horizonMs;
    private final LatenessGate.EventTime<T> eventTime;
    private transient ValueState<Long> firstSeen;
    private transient Counter duplicates;

    public Deduplicate(Duration horizon, LatenessGate.EventTime<T> eventTime) {
        this.horizonMs = horizon.toMillis();
        this.eventTime = eventTime;
    }

    @Override
    public void open(OpenContext openContext) {
        firstSeen =
                getRuntimeContext().getState(new ValueStateDescriptor<>("first-seen", Long.class));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        if (firstSeen.value() != null) {
            duplicates.inc();
            ctx.output(DUPLICATES, 1L);
            return;
        }
        long ts = eventTime.applyAsLong(value);
        firstSeen.update(ts);
        ctx.timerService().registerEventTimeTimer(ts + horizonMs);
        out.collect(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) {
        firstSeen.clear();
    }
}
