package org.dustwatch.model;

/** Why a record was refused. Every dead letter carries exactly one. */
public enum RejectReason {
    /**
     * Not parseable as a JSON object: truncated, not UTF-8 (a byte-order mark, UTF-16), NaN
     * literals, wrong nesting, an unpaired surrogate in a string.
     */
    MALFORMED_JSON,
    /**
     * A member name twice in one object, at any level: parsers differ on which value counts, so the
     * record is ambiguous.
     */
    DUPLICATE_FIELD,
    /** Larger than the configured maximum record size. */
    OVERSIZED,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field that the contract does not define. */
    UNKNOWN_FIELD,
    /** A value of the wrong JSON type, e.g. a string where a number belongs. */
    WRONG_TYPE,
    /** An enum value that the contract does not define. */
    UNKNOWN_ENUM,
    /** A value outside its physically possible range. */
    IMPOSSIBLE_VALUE,
    /** A timestamp that cannot be parsed. */
    BAD_TIMESTAMP,
    /** A timestamp further in the future than the allowed clock skew. */
    FUTURE_TIMESTAMP,
    /** A checkpoint or station id that the reference data does not know. */
    UNKNOWN_ID,
    /** Arrived after its window's allowed lateness had passed. */
    LATE,
    /**
     * Stamped further behind the other sources of its Kafka partition than its lag allows: a device
     * clock that runs behind, or a backlog older than the lag (see docs/architecture.md).
     */
    CLOCK_SKEW
}
