package org.dustwatch.bench;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.config.DustwatchConfig;

/**
 * {@code bench --set}: job settings for dustwatch's runs, so that a setting can be measured against
 * its default without a rebuild. They are checked as the job checks its flags before anything
 * starts, since a typo found after minutes of set-up would waste the run.
 */
final class JobSettings {

    /** What the benchmark gives the job itself: its stack and its workload. */
    static final Set<String> OWN =
            Set.of(
                    "kafka.bootstrap",
                    "kafka.topic.inspections",
                    "kafka.topic.readings",
                    "kafka.topic.dead-letters",
                    "kafka.topic.alerts",
                    "kafka.starting-offsets",
                    "kafka.group-id",
                    "pipeline.checkpoint-dir",
                    "pipeline.minute-points",
                    "influx.url",
                    "influx.database",
                    "reference.checkpoints",
                    "reference.stations");

    private JobSettings() {}

    /** Known keys with values the job accepts, none of the benchmark's own; else a usage error. */
    static Map<String, String> of(Map<String, String> set) {
        for (String key : set.keySet()) {
            if (OWN.contains(key)) {
                throw new UsageException(
                        "--set "
                                + key
                                + ": the benchmark sets it"
                                + (key.equals("pipeline.minute-points")
                                        ? "; use --minute-points"
                                        : ""));
            }
        }
        try {
            DustwatchConfig.load(set, Map.of());
        } catch (IllegalArgumentException | IOException e) {
            throw new UsageException("--set: " + e.getMessage());
        }
        return Map.copyOf(set);
    }
}
