package org.dustwatch.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink cluster of the pipeline tests: a MiniCluster of two TaskManagers, two slots each. */
public final class MiniClusters {
    private MiniClusters() {}

    /** Register it as a static field with {@code @RegisterExtension}. */
    public static MiniClusterExtension twoTaskManagers() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(2)
                        .setNumberSlotsPerTaskManager(2)
                        .build());
    }
}
