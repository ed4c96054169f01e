package org.dustwatch.model;

import java.util.Objects;

/**
 * Outcome of decoding one record: either a value or a rejection with its reason. Decoding never
 * throws for bad input, so a single record can never stop a job.
 */
public sealed interface Decoded<T> {

    /** A record that passed validation. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** A record that failed, with the reason and a human-readable detail. */
    record Rejected<T>(RejectReason reason, String detail) implements Decoded<T> {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    static <T> Decoded<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Decoded<T> rejected(RejectReason reason, String detail) {
        return new Rejected<>(reason, detail);
    }
}
