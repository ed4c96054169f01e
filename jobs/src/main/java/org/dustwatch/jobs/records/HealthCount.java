package org.dustwatch.jobs.records;

/**
 * One count of the {@code pipeline} or {@code refusals} measurement: how many records of a kind one
 * source had in one minute.
 *
 * @param source the Kafka topic
 * @param kind {@code valid}, {@code dead_letters}, {@code late}, {@code clock_skew}, {@code
 *     clock_ahead}, {@code duplicates} or {@code corrections}: a field of {@code pipeline}; or
 *     {@link #REFUSALS}, a point of {@code refusals} for one reason
 * @param reason for {@link #REFUSALS}, the dead letters' reason ({@code RejectReason} name); else
 *     {@code null}
 * @param minute the minute's start, epoch ms
 */
public record HealthCount(String source, String kind, String reason, long minute, long count) {

    /** The kind of a count of dead letters of one reason (the {@code refusals} measurement). */
    public static final String REFUSALS = "refusals";

    /** A field of {@code pipeline}. */
    public HealthCount(String source, String kind, long minute, long count) {
        this(source, kind, null, minute, count);
    }

    public boolean isRefusals() {
        return REFUSALS.equals(kind);
    }
}
