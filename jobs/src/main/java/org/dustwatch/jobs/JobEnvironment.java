package org.dustwatch.jobs;

import static org.dustwatch.jobs.config.DustwatchOptions.CHECKPOINT_DIR;
import static org.dustwatch.jobs.config.DustwatchOptions.CHECKPOINT_INTERVAL;
import static org.dustwatch.jobs.config.DustwatchOptions.STATE_BACKEND;

import java.util.Locale;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.dustwatch.jobs.config.CheckpointLimits;
import org.dustwatch.jobs.config.DustwatchConfig;

/**
 * The execution environment with checkpointing and the state backend from dustwatch's settings.
 * They must be given when the environment is created: in Flink 2, {@code env.configure(...)} does
 * not carry the state backend to the tasks.
 */
public final class JobEnvironment {
    private JobEnvironment() {}

    public static StreamExecutionEnvironment create(DustwatchConfig c) {
        return create(c, new Configuration());
    }

    /** As {@link #create(DustwatchConfig)}, on top of Flink settings of the caller's. */
    public static StreamExecutionEnvironment create(DustwatchConfig c, Configuration flink) {
        flink.set(
                StateBackendOptions.STATE_BACKEND,
                c.get(STATE_BACKEND).name().toLowerCase(Locale.ROOT));
        flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, c.get(CHECKPOINT_INTERVAL));
        // The checkpoint timeout and tolerated failures, checked against the sinks' retry limits.
        CheckpointLimits.apply(c, flink);
        // Records pass between chained operators without a copy. Safe here: every record type is
        // immutable, no function keeps or changes an input after it returns, and what windows keep
        // on the heap arrives over the network (a fresh object) or is an accumulator of their own.
        flink.set(PipelineOptions.OBJECT_REUSE, true);
        if (c.get(CHECKPOINT_DIR) != null) {
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, c.get(CHECKPOINT_DIR));
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }
}
