package org.dustwatch.jobs.functions.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.RejectReason;

/**
 * Sends events that every window would drop to the dead-letter topic as {@code LATE}, before any
 * window sees them. An event is late when its 1-minute window (the finest) ended more than the
 * allowed lateness before the current watermark, which is exactly when Flink's window operator
 * would drop it. Because every coarser window ends no earlier, an event is thus either counted in
 * all its windows or in none: never in the hour but missing from the minute.
 *
 * <p>The gate runs keyed, after the shuffle by checkpoint or station, so it judges by the watermark
 * of the whole input: the lowest over every source task, which is what every window downstream
 * sees. The windows' watermark can only be lower than the gate's was when an event passed (each
 * channel carries the event before any later watermark), so an event the gate passes is never
 * dropped by a window: the two agree by construction. (Before issue #20 the gate ran in the source
 * task, by that task's own partitions; a partition back from idleness could pass events the windows
 * then dropped.)
 */
public final class LatenessGate<T> extends KeyedProcessFunction<String, T, T> {

    /** Event time of an element; serializable for shipping to the task. */
    public interface EventTime<T> extends ToLongFunction<T>, Serializable {}

    /** The dead-letter payload of a late element (its validated content as JSON). */
    public interface Payload<T> extends Serializable {
        byte[] render(T element);
    }

    static final long WINDOW_MS = 60_000;

    private final long allowedLatenessMs;
    private final String sourceTopic;
    private final EventTime<T> eventTime;
    private final Payload<T> payload;
    private transient Counter late;

    public LatenessGate(
            Duration allowedLateness,
            String sourceTopic,
            EventTime<T> eventTime,
            Payload<T> payload) {
        this.allowedLatenessMs = allowedLateness.toMillis();
        this.sourceTopic = sourceTopic;
        this.eventTime = eventTime;
        this.payload = payload;
    }

    @Override
    public void open(OpenContext openContext) {
        late = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    /** Whether an event at {@code ts} is beyond the allowed lateness at {@code watermark}. */
    public static boolean isLate(long ts, long watermark, long allowedLatenessMs) {
        long windowMaxTimestamp = Math.floorDiv(ts, WINDOW_MS) * WINDOW_MS + WINDOW_MS - 1;
        return windowMaxTimestamp + allowedLatenessMs <= watermark;
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) {
        long ts = eventTime.applyAsLong(value);
        long watermark = ctx.timerService().currentWatermark();
        if (!isLate(ts, watermark, allowedLatenessMs)) {
            out.collect(value);
            return;
        }
        late.inc();
        long windowStart = Math.floorDiv(ts, WINDOW_MS) * WINDOW_MS;
        ctx.output(
                SplitDeadLetters.DEAD_LETTERS,
                DeadLetter.of(
                        RejectReason.LATE,
                        "event time "
                                + Instant.ofEpochMilli(ts)
                                + ": its 1-minute window ["
                                + Instant.ofEpochMilli(windowStart)
                                + ", "
                                + Instant.ofEpochMilli(windowStart + WINDOW_MS)
                                + ") and every window that holds it closed "
                                + allowedLatenessMs / 1000
                                + " s after their ends; the watermark is "
                                + Instant.ofEpochMilli(watermark),
                        sourceTopic,
                        -1,
                        -1,
                        payload.render(value)));
    }
}
