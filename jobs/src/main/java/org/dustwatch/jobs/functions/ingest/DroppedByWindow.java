package org.dustwatch.jobs.functions.ingest;

import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.RejectReason;

/**
 * An event that a window dropped as late, as a {@code LATE} dead letter: the window's late side
 * output, so that no drop leaves no trace. The {@link LatenessGate} before the windows refuses late
 * events first; an event reaches this only when the gate's watermark was behind the window's, as
 * after an idle spell of the gate's only partition (issue #20).
 */
public final class DroppedByWindow<T> extends RichMapFunction<T, DeadLetter> {

    private final String sourceTopic;
    private final String window;
    private final LatenessGate.EventTime<T> eventTime;
    private final LatenessGate.Payload<T> payload;
    private transient Counter dropped;

    public DroppedByWindow(
            String sourceTopic,
            String window,
            LatenessGate.EventTime<T> eventTime,
            LatenessGate.Payload<T> payload) {
        this.sourceTopic = sourceTopic;
        this.window = window;
        this.eventTime = eventTime;
        this.payload = payload;
    }

    @Override
    public void open(OpenContext openContext) {
        dropped = getRuntimeContext().getMetricGroup().counter("droppedByWindow");
    }

    @Override
    public DeadLetter map(T value) {
        dropped.inc();
        return DeadLetter.of(
                RejectReason.LATE,
                "event time "
                        + Instant.ofEpochMilli(eventTime.applyAsLong(value))
                        + " was past the allowed lateness of the "
                        + window
                        + " window, whose watermark was ahead of the lateness gate's",
                sourceTopic,
                -1,
                -1,
                payload.render(value));
    }
}
