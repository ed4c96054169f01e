package org.dustwatch.jobs;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.runtime.client.JobStatusMessage;
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

    /**
     * Cancels every job a test left running and waits until they end. The cluster is shared by the
     * tests of a class, and a job left behind by a failed test holds its slots: the next test's job
     * would wait for them forever instead of failing. Call it from an {@code @AfterEach} with an
     * {@code @InjectClusterClient} parameter.
     */
    public static void cancelLeftoverJobs(ClusterClient<?> client) throws Exception {
        List<JobID> running =
                client.listJobs().get(30, TimeUnit.SECONDS).stream()
                        .filter(j -> !j.getJobState().isGloballyTerminalState())
                        .map(JobStatusMessage::getJobId)
                        .toList();
        for (JobID id : running) {
            System.err.println("cancelling job " + id + ", left running by the test");
            client.cancel(id).get(30, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        for (JobID id : running) {
            while (!client.getJobStatus(id).get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("job " + id + " did not end after cancel");
                }
                Thread.sleep(100);
            }
        }
    }
}
