package org.dustwatch.jobs.records;

/**
 * One record of a source whose clock disagrees with the other sources of its Kafka partition by
 * more than the allowed lag, for the {@code clock_skew} alert and the {@code pipeline} measurement.
 *
 * @param topic the topic it came from
 * @param level {@code checkpoint} or {@code station}
 * @param source the checkpoint or station id
 * @param partition the Kafka partition whose frontier it was judged by
 * @param eventTime its stamped event time (epoch ms)
 * @param frontier the partition's frontier at the time (epoch ms): the highest of its sites' newest
 *     event times that another site corroborates (see SourceClocks)
 * @param refused whether it was refused (behind) or counted at its stamped time (ahead)
 */
public record ClockSkew(
        String topic,
        String level,
        String source,
        int partition,
        long eventTime,
        long frontier,
        boolean refused) {

    /** How far its stamp is ahead of the frontier (negative: behind), in milliseconds. */
    public long offsetMs() {
        return eventTime - frontier;
    }
}
