package org.dustwatch.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * What the Kafka source emits: one of a decoded value or a dead letter, with the watermark of its
 * partition's {@link org.dustwatch.jobs.functions.ingest.SourceClocks source clocks} after it, and
 * a {@link ClockSkew} when its source's clock disagrees with the others; or neither, with the
 * {@link ClockSkew} of an earlier record that the clocks found ahead only later. Decoding happens
 * in the source, where records are still per Kafka partition, so that the watermark of each
 * partition comes from its own sources' event times.
 *
 * @param watermark the partition's watermark after this record; {@link Long#MIN_VALUE} for none
 * @param skew set when this record's source is skewed (or, with neither value nor dead letter, an
 *     earlier record's), else {@code null}
 */
public record Envelope<T>(T value, DeadLetter deadLetter, long watermark, ClockSkew skew) {

    public static final TypeInformation<Envelope<Inspection>> OF_INSPECTIONS =
            TypeInformation.of(new TypeHint<Envelope<Inspection>>() {});
    public static final TypeInformation<Envelope<Reading>> OF_READINGS =
            TypeInformation.of(new TypeHint<Envelope<Reading>>() {});

    public static <T> Envelope<T> of(T value) {
        return new Envelope<>(value, null, Long.MIN_VALUE, null);
    }

    public static <T> Envelope<T> dead(DeadLetter deadLetter) {
        return new Envelope<>(null, deadLetter, Long.MIN_VALUE, null);
    }

    /** Event time for the watermark strategy; dead letters never move a watermark. */
    public long eventTime(java.util.function.ToLongFunction<T> ts) {
        return value == null ? Long.MIN_VALUE : ts.applyAsLong(value);
    }
}
