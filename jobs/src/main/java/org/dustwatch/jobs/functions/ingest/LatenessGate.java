package org.dustwatch.jobs.functions.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
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
 * <p>The gate's watermark is never behind a downstream window's (that one is the minimum over all
 * gates), so an event the gate passes is never dropped downstream, with one known exception (issue
 * #20): a source task that reads only a partition coming back from idleness judges by that
 * partition's low watermark, while the windows have moved on with the other partitions, so an event
 * beyond the lateness can pass the gate. The raw minute windows' late side outputs then make it a
 * {@code LATE} dead letter ({@link DroppedByWindow}), so it is refused, not lost.
 */
public final class LatenessGate<T> extends ProcessFunction<T, T> {

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
        ctx.output(
                SplitDeadLetters.DEAD_LETTERS,
                DeadLetter.of(
                        RejectReason.LATE,
                        "event time "
                                + Instant.ofEpochMilli(ts)
                                + " is more than "
                                + allowedLatenessMs / 1000
                                + " s behind the watermark "
                                + Instant.ofEpochMilli(watermark),
                        sourceTopic,
                        -1,
                        -1,
                        payload.render(value)));
    }
}
