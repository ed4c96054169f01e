package org.dustwatch.stack.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dustwatch.stack.FlinkCluster;
import org.dustwatch.stack.StackException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real standalone Flink cluster (a JobManager and TaskManager processes) for a test class,
 * on free loopback ports with a temp dir, with its output in the test log.
 */
public final class FlinkClusterExtension implements BeforeAllCallback, AfterAllCallback {

    private final int taskManagers;
    private final int slots;
    private Path dir;
    private FlinkCluster cluster;

    public FlinkClusterExtension(int taskManagers, int slotsPerTaskManager) {
        this.taskManagers = taskManagers;
        this.slots = slotsPerTaskManager;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dir = TempDirs.create("dustwatch-flink-");
        cluster = FlinkCluster.start(new FlinkCluster.Config(libDir(), dir, taskManagers, slots));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    public FlinkCluster cluster() {
        return cluster;
    }

    static Path libDir() {
        String prop = System.getProperty("dustwatch.flink.lib");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        throw new StackException(
                "the Flink class path is missing"
                        + (prop == null ? "" : " at " + prop)
                        + ": run the tests through Maven from the project root (`bin/dustwatch"
                        + " test`), which builds flink-dist first, or set -Ddustwatch.flink.lib");
    }
}
