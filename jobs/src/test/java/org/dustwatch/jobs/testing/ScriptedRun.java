package org.dustwatch.jobs.testing;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a job on {@link ScriptedSource}s in a MiniCluster: submits it, gives the sources' start
 * signal once every task of the job runs (or has already finished, as a reader without a split
 * does), and waits for the end.
 *
 * <p>Why wait: scripted records play in milliseconds. A downstream task that is still starting
 * (opening RocksDB, say) finds all of one input's records, watermarks and end of input queued, and
 * may read them before another input's end of input; its watermark then jumps from the start to the
 * end of input, and timers that treat the end of input as no event (a silent station) never fire.
 * From a Kafka broker, records arrive while the job runs, so the ITs do not see this.
 */
public final class ScriptedRun {
    private ScriptedRun() {}

    private static final Set<ExecutionState> STARTED =
            EnumSet.of(ExecutionState.RUNNING, ExecutionState.FINISHED);

    /** Runs the job to its end; fails after {@code timeout}. */
    public static JobExecutionResult execute(
            StreamExecutionEnvironment env,
            String jobName,
            MiniCluster cluster,
            String startSignal,
            Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobClient job = start(env, jobName, cluster, startSignal, timeout);
        return job.getJobExecutionResult()
                .get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * Submits the job and returns once its sources have been started: for a test that acts while
     * the job runs. Fails after {@code timeout}.
     */
    public static JobClient start(
            StreamExecutionEnvironment env,
            String jobName,
            MiniCluster cluster,
            String startSignal,
            Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JobClient job = env.executeAsync(jobName);
        try {
            while (!started(cluster, job)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("job " + jobName + " did not start in " + timeout);
                }
                Thread.sleep(10);
            }
        } finally {
            Signals.release(startSignal);
        }
        return job;
    }

    private static boolean started(MiniCluster cluster, JobClient job) throws Exception {
        ArchivedExecutionGraph g = cluster.getArchivedExecutionGraph(job.getJobID()).get();
        if (g.getState().isGloballyTerminalState()) {
            return true;
        }
        int vertices = 0;
        for (AccessExecutionVertex v : g.getAllExecutionVertices()) {
            vertices++;
            if (!STARTED.contains(v.getExecutionState())) {
                return false;
            }
        }
        return vertices > 0;
    }
}
