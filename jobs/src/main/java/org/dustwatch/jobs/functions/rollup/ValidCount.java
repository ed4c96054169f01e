package org.dustwatch.jobs.functions.rollup;

import java.io.Serializable;
import java.util.Collection;
import org.dustwatch.jobs.records.HealthCount;

/**
 * The valid records a source contributed to one minute, summed from its per-subject 1-minute
 * results (townships' inspections or readings), so a late firing corrects the count instead of
 * adding to it. Parts are the subjects.
 */
public final class ValidCount<T> implements LastPerPart.Combiner<T, HealthCount> {

    /** A subject and its count from one 1-minute result. */
    public interface Count<T> extends Serializable {
        String subject(T t);

        long count(T t);
    }

    private final Count<T> count;

    public ValidCount(Count<T> count) {
        this.count = count;
    }

    @Override
    public Object partOf(T t) {
        return count.subject(t);
    }

    @Override
    public HealthCount combine(String source, long windowStart, Collection<T> latest) {
        long n = 0;
        for (T t : latest) {
            n += count.count(t);
        }
        return new HealthCount(source, "valid", windowStart, n);
    }
}
