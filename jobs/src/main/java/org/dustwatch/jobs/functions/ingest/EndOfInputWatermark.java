package org.dustwatch.jobs.functions.ingest;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * A process operator, chained to a source, that delivers the end of event time when the input ends
 * while the source is idle.
 *
 * <p>When a bounded source ends, or a job is stopped with {@code --drain}, the source task emits
 * the watermark {@link Watermark#MAX_WATERMARK}, so that every window and event-time timer
 * downstream fires. In Flink 2.2 the task's outputs drop watermarks while the last status they
 * announced is idle (FLINK-40499), and a source announces idle after the idleness period without
 * records, until it emits a watermark again. A partition that was quiet when the input ended, or
 * one whose clocks never gave a watermark ({@link SourceClocks}' warm-up), thus never delivered the
 * end of event time, and once every reader was so, no hour or day fired at all: a bounded run, a
 * recomputation or a drain ended without them.
 *
 * <p>Flink calls {@link #endInput()} on the operators chained after the source once the source has
 * ended and drains, never on a stop without draining. There this operator announces the stream
 * active again and emits the end of event time itself. Nothing is emitted after it, so the active
 * status holds nothing back.
 */
public final class EndOfInputWatermark<IN, OUT> extends ProcessOperator<IN, OUT>
        implements BoundedOneInput {

    public EndOfInputWatermark(ProcessFunction<IN, OUT> function) {
        super(function);
    }

    @Override
    public void endInput() {
        output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        output.emitWatermark(Watermark.MAX_WATERMARK);
    }
}
