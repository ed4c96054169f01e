package org.dustwatch.jobs.io;

import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * What the Kafka source emits: exactly one of a decoded value or a dead letter. Decoding happens in
 * the source so that watermarks are generated per Kafka partition from real event times.
 */
public record Envelope<T>(T value, DeadLetter deadLetter) {

    public static final TypeInformation<Envelope<Inspection>> OF_INSPECTIONS =
            TypeInformation.of(new TypeHint<Envelope<Inspection>>() {});
    public static final TypeInformation<Envelope<Reading>> OF_READINGS =
            TypeInformation.of(new TypeHint<Envelope<Reading>>() {});

    public static <T> Envelope<T> of(T value) {
        return new Envelope<>(value, null);
    }

    public static <T> Envelope<T> dead(DeadLetter deadLetter) {
        return new Envelope<>(null, deadLetter);
    }

    /** Event time for the watermark strategy; dead letters never move a watermark. */
    public long eventTime(java.util.function.ToLongFunction<T> ts) {
        return value == null ? Long.MIN_VALUE : ts.applyAsLong(value);
    }
}
