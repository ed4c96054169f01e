package org.dustwatch.jobs.functions;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.HealthCount;

/**
 * The records a source contributed to one minute, summed from its per-subject 1-minute results
 * (checkpoints' inspections, stations' readings) with the last arrival per subject winning, so a
 * late firing corrects the count instead of adding to it.
 */
public final class ValidPerMinute<T>
        extends ProcessWindowFunction<T, HealthCount, String, TimeWindow> {

    /** A subject and its count from one 1-minute result. */
    public interface Part<T> extends java.io.Serializable {
        String subject(T t);

        long count(T t);
    }

    private final Part<T> part;

    public ValidPerMinute(Part<T> part) {
        this.part = part;
    }

    @Override
    public void process(String source, Context ctx, Iterable<T> in, Collector<HealthCount> out) {
        Map<String, Long> latest = new HashMap<>();
        for (T t : in) {
            latest.put(part.subject(t), part.count(t));
        }
        long n = latest.values().stream().mapToLong(Long::longValue).sum();
        out.collect(new HealthCount(source, "valid", ctx.window().getStart(), n));
    }
}
