package org.dustwatch.bench;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.config.DustwatchConfig;

/**
 * {@code bench --set}: job settings for dustwatch's runs, so that a setting can be measured against
 * its default without a rebuild. The SQL peer's runs take them too: they are built from the job's
 * settings, so that both pay the same sink. They are checked as the job checks its flags before
 * anything starts, since a typo found after minutes of set-up would waste the run.
 */
final class JobSettings {

    /**
     * What the benchmark gives the job itself (its stack, its workload and its time zone, which the
     * workload and the SQL peer share), what its plain v1 influxd cannot honour, and the job's
     * command flags, which are not settings.
     */
    static final Set<String> OWN =
            Set.of(
                    "kafka.bootstrap",
                    "kafka.topic.inspections",
                    "kafka.topic.readings",
                    "kafka.topic.dead-letters",
                    "kafka.topic.alerts",
                    "kafka.starting-offsets",
                    "kafka.group-id",
                    "kafka.properties.bootstrap.servers",
                    "kafka.properties.group.id",
                    "pipeline.checkpoint-dir",
                    "pipeline.minute-points",
                    "pipeline.time-zone",
                    "influx.url",
                    "influx.api",
                    "influx.database",
                    "influx.retention-policy",
                    "influx.username",
                    "influx.password-env",
                    "influx.password-file",
                    "influx.org",
                    "influx.token-env",
                    "influx.token-file",
                    "influx.ca-file",
                    "reference.checkpoints",
                    "reference.stations",
                    "config",
                    "bounded",
                    "help");

    private JobSettings() {}

    /** Known keys with values the job accepts, none of the benchmark's own; else a usage error. */
    static Map<String, String> of(Map<String, String> set) {
        for (String key : set.keySet()) {
            if (OWN.contains(key)) {
                throw new UsageException(
                        "--set "
                                + key
                                + ": the benchmark sets it, or its stack cannot take it"
                                + (key.equals("pipeline.minute-points")
                                        ? "; use --minute-points"
                                        : ""));
            }
        }
        try {
            DustwatchConfig.load(set, Map.of());
        } catch (IllegalArgumentException | IOException e) {
            // DustwatchConfig names the source of a bad value as a flag of the job's own
            throw new UsageException(
                    "--set: "
                            + e.getMessage().replaceAll("\\(from flag --([^)]*)\\)", "(--set $1)"));
        }
        return Map.copyOf(set);
    }
}
