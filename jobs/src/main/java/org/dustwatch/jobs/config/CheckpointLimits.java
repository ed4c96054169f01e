package org.dustwatch.jobs.config;

import static org.dustwatch.jobs.config.DustwatchOptions.CHECKPOINT_TIMEOUT;
import static org.dustwatch.jobs.config.DustwatchOptions.TOLERABLE_CHECKPOINT_FAILURES;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_BACKOFF_MAX;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_REQUEST_TIMEOUT;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;

/**
 * The checkpoint limits and how they relate to the InfluxDB sinks. At a checkpoint, each sink
 * writer waits for its one request in flight: at most one attempt ({@code influx.request-timeout})
 * plus at most one backoff delay ({@code influx.backoff-max}). That must fit in the checkpoint
 * timeout, or a checkpoint could expire while InfluxDB merely fails; {@code
 * pipeline.tolerable-checkpoint-failures} expired or failed checkpoints in a row then fail the job.
 * See docs/operations.md, "Checkpoints while InfluxDB fails".
 */
public final class CheckpointLimits {
    private CheckpointLimits() {}

    /**
     * Sets the checkpoint timeout and the tolerable checkpoint failures on {@code flink}.
     *
     * @throws IllegalArgumentException when the sink's bound per attempt is not below the
     *     checkpoint timeout, or a limit is out of range
     */
    public static void apply(DustwatchConfig c, Configuration flink) {
        Duration timeout = c.get(CHECKPOINT_TIMEOUT);
        Duration request = c.get(INFLUX_REQUEST_TIMEOUT);
        Duration backoff = c.get(INFLUX_BACKOFF_MAX);
        int tolerable = c.get(TOLERABLE_CHECKPOINT_FAILURES);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(
                    CHECKPOINT_TIMEOUT.key() + " must be positive, was " + timeout);
        }
        if (tolerable < 0) {
            throw new IllegalArgumentException(
                    TOLERABLE_CHECKPOINT_FAILURES.key() + " must be 0 or more, was " + tolerable);
        }
        Duration perAttempt = request.plus(backoff);
        if (perAttempt.compareTo(timeout) >= 0) {
            throw new IllegalArgumentException(
                    INFLUX_REQUEST_TIMEOUT.key()
                            + " ("
                            + request
                            + ") + "
                            + INFLUX_BACKOFF_MAX.key()
                            + " ("
                            + backoff
                            + ") = "
                            + perAttempt
                            + " must be below "
                            + CHECKPOINT_TIMEOUT.key()
                            + " ("
                            + timeout
                            + "): a checkpoint waits that long for an InfluxDB sink while InfluxDB"
                            + " fails, and would expire first");
        }
        flink.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, timeout);
        flink.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerable);
    }
}
