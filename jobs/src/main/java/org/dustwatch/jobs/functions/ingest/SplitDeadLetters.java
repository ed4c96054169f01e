package org.dustwatch.jobs.functions.ingest;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.model.DeadLetter;

/**
 * Passes decoded values on and routes dead letters to {@link #DEAD_LETTERS}, counting them in the
 * metric {@code deadLetters}, and the records of skewed sources to {@link #SKEWS}.
 */
public final class SplitDeadLetters<T> extends ProcessFunction<Envelope<T>, T> {

    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    /** The records of sources whose clocks disagree with their partition's (refused or not). */
    public static final OutputTag<ClockSkew> SKEWS = new OutputTag<>("clock-skews") {};

    private transient Counter deadLetters;

    @Override
    public void open(OpenContext openContext) {
        deadLetters = getRuntimeContext().getMetricGroup().counter("deadLetters");
    }

    @Override
    public void processElement(Envelope<T> e, Context ctx, Collector<T> out) {
        if (e.skew() != null) {
            ctx.output(SKEWS, e.skew());
        }
        if (e.value() != null) {
            out.collect(e.value());
        } else if (e.deadLetter() != null) {
            deadLetters.inc();
            ctx.output(DEAD_LETTERS, e.deadLetter());
        }
    }
}
