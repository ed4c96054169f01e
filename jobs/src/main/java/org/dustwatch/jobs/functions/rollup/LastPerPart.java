package org.dustwatch.jobs.functions.rollup;

import java.io.Serializable;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The one roll-up of the topology: a coarser result from finer ones that arrive already aggregated
 * (a road's hour from its checkpoints' hours, a checkpoint's day from its hours, a township's air
 * from its stations').
 *
 * <p>The window holds at most a few dozen small records per key, never raw events. They are
 * combined by <em>part</em> (the finer subject or window) with the last arrival winning: a late
 * firing upstream re-sends a part with its corrected figures, and it replaces the earlier ones
 * instead of adding to them. That keeps late firings exact all the way up. Parts keep the order of
 * their first arrival, so floating-point sums add up in the same order however often a part is
 * replaced.
 *
 * <p>What is rolled up, and how, is a pure {@link Combiner}: tested without Flink.
 */
public final class LastPerPart<IN, OUT> extends ProcessWindowFunction<IN, OUT, String, TimeWindow> {

    /** How parts are told apart, and how the latest of each combine into the coarser result. */
    public interface Combiner<IN, OUT> extends Serializable {
        /** What identifies a part among the window's inputs. */
        Object partOf(IN in);

        /**
         * The result of key {@code key} for the window starting at {@code windowStart}, from the
         * latest arrival of each part, in the order the parts first arrived.
         */
        OUT combine(String key, long windowStart, Collection<IN> latest);
    }

    private final Combiner<IN, OUT> combiner;

    public LastPerPart(Combiner<IN, OUT> combiner) {
        this.combiner = combiner;
    }

    /** The latest arrival of each part, in the order the parts first arrived. */
    public static <IN> Collection<IN> latest(Combiner<IN, ?> combiner, Iterable<IN> inputs) {
        Map<Object, IN> latest = new LinkedHashMap<>();
        for (IN in : inputs) {
            latest.put(combiner.partOf(in), in);
        }
        return latest.values();
    }

    @Override
    public void process(String key, Context ctx, Iterable<IN> inputs, Collector<OUT> out) {
        out.collect(combiner.combine(key, ctx.window().getStart(), latest(combiner, inputs)));
    }
}
