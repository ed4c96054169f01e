package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dustwatch.jobs.PipelineScenario.BASE;
import static org.dustwatch.jobs.PipelineScenario.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.dustwatch.jobs.PipelineScenario.Rd;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;
import org.dustwatch.jobs.testing.CollectingKafkaSink;
import org.dustwatch.jobs.testing.InfluxAnswers;
import org.dustwatch.jobs.testing.ScriptedSource;
import org.dustwatch.jobs.testing.ScriptedSplit.Step;
import org.dustwatch.jobs.testing.Signals;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idleness, deterministically: the readings topic has two partitions; AQ-01's goes quiet (it is
 * marked idle, or the job's own idleness period finds it so) while AQ-03's advances. Windows must
 * fire while the quiet partition waits, which the test sees in the collecting sink before it lets
 * the partition resume; and what the partition then sends within the allowed lateness must be
 * counted, not dropped.
 */
class IdlenessTest {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    /** AQ-01's minute 0: two readings before its partition goes quiet, a third after it resumes. */
    static final String AQ01_MINUTE_0 =
            "station=AQ-01,township=Dongcheng,window=1m@" + BASE.toEpochMilli();

    static final String DONGCHENG_MINUTE_0 = "township=Dongcheng,window=1m@" + BASE.toEpochMilli();

    static Step reading(String station, long offset) {
        Rd r = new Rd(station, offset, values("pm25", 30 + offset % 7), true);
        return ScriptedSource.record(r.json().getBytes(StandardCharsets.UTF_8), r.eventTime());
    }

    /**
     * Partition 0: AQ-01 at 0 s and 20 s, then {@code quiet} (steps that make it quiet until {@code
     * resume} is released), then AQ-01 at 40 s, late by then but within the 10 minutes allowed.
     * Partition 1: AQ-03 every 30 s up to {@code untilSeconds}, and then it waits for {@code
     * resume} too: a partition that ended would end its reader, whose end-of-input watermark would
     * then be the only one downstream (partition 0 being idle), as in no unbounded job.
     */
    static List<List<Step>> readings(List<Step> quiet, String resume, long untilSeconds) {
        List<Step> p0 = new ArrayList<>(List.of(reading("AQ-01", 0), reading("AQ-01", 20)));
        p0.addAll(quiet);
        p0.add(reading("AQ-01", 40));
        List<Step> p1 = new ArrayList<>();
        for (long s = 0; s <= untilSeconds; s += 30) {
            p1.add(reading("AQ-03", s));
        }
        p1.add(ScriptedSource.pauseUntil(resume, 120_000));
        return List.of(p0, p1);
    }

    static JobUnderTest.FastRun run(String name, List<Step> quiet, String resume, long until) {
        Signals.reset(resume);
        return new JobUnderTest.FastRun(
                        "idle." + name + ".",
                        "idle_" + name,
                        null,
                        List.of(),
                        readings(quiet, resume, until))
                .clear();
    }

    @Test
    void aPartitionMarkedIdleHoldsNoWindowBackAndWhatItSendsOnResumingWithinTheLatenessCounts(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        String resume = "idle.marked.resume";
        JobUnderTest.FastRun run =
                run(
                        "marked",
                        List.of(
                                ScriptedSource.markIdle(),
                                ScriptedSource.pauseUntil(resume, 120_000)),
                        resume,
                        300);
        runPausedThenResumed(run, resume, JobUnderTest.TIMING, cluster);
    }

    /**
     * The same without an explicit mark: the job's idleness period (here 200 ms instead of a
     * minute) finds the paused partition idle.
     */
    @Test
    void aPausedPartitionIsFoundIdleByTheJobsIdlenessPeriod(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        String resume = "idle.timed.resume";
        JobUnderTest.FastRun run =
                run("timed", List.of(ScriptedSource.pauseUntil(resume, 120_000)), resume, 300);
        runPausedThenResumed(run, resume, JobUnderTest.timing(Duration.ofMillis(200)), cluster);
    }

    /**
     * What the quiet partition sends on resuming beyond the allowed lateness (the other partition
     * has moved the watermark 20 minutes on) is, as LatenessGate promises, either counted or a LATE
     * dead letter, never dropped by a window.
     *
     * <p>It is neither today: the gate runs in the source's task and judges by that task's
     * watermark, which is the quiet partition's own (low) one when the task reads that partition
     * alone, while the windows downstream took the other partition's; so the gate passes the
     * reading and the station's minute window drops it without a trace. LatenessGate's "the gate's
     * watermark is never behind a downstream window's" does not hold for an idle input.
     */
    @Test
    @Disabled(
            "a known gap of the job (src/main): after an idle spell the lateness gate passes what"
                    + " the windows then drop; enable once the gate judges by the windows' watermark")
    void aReadingBeyondTheLatenessAfterAnIdleSpellIsALateDeadLetterNotLostInAWindow(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        String resume = "idle.beyond.resume";
        JobUnderTest.FastRun run =
                run(
                        "beyond",
                        List.of(
                                ScriptedSource.markIdle(),
                                ScriptedSource.pauseUntil(resume, 120_000)),
                        resume,
                        1200);
        StreamExecutionEnvironment env =
                JobUnderTest.environment(DustwatchConfig.load(Map.of(), Map.of()));
        env.setParallelism(2);
        JobUnderTest.build(env, run, JobUnderTest.TIMING, MinutePoints.ALL);
        JobClient job = run.start(env, cluster);
        String aq03Minute18 =
                "station=AQ-03,township=Xihe,window=1m@" + (BASE.toEpochMilli() + 18 * 60_000);
        try {
            assertThat(await(run, "air_quality", aq03Minute18, Duration.ofSeconds(60)))
                    .as("AQ-03's minute 18, fired while AQ-01's partition was quiet")
                    .isNotNull();
        } finally {
            Signals.release(resume);
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(
                        InfluxAnswers.points(run.influx().selectAll(List.of("air_quality")))
                                .get(AQ01_MINUTE_0)
                                .get("readings")
                                .asLong())
                .isEqualTo(2);
        assertThat(CollectingKafkaSink.records(run.topic("dlq")))
                .as("the reading at 40 s, refused as LATE")
                .hasSize(1);
    }

    private static void runPausedThenResumed(
            JobUnderTest.FastRun run,
            String resume,
            DustwatchJob.Timing timing,
            MiniCluster cluster)
            throws Exception {
        StreamExecutionEnvironment env =
                JobUnderTest.environment(DustwatchConfig.load(Map.of(), Map.of()));
        env.setParallelism(2);
        JobUnderTest.build(env, run, timing, MinutePoints.ALL);
        JobClient job = run.start(env, cluster);
        Map<String, JsonNode> firedWhileQuiet;
        Map<String, JsonNode> townshipWhileQuiet;
        try {
            firedWhileQuiet = await(run, "air_quality", AQ01_MINUTE_0, Duration.ofSeconds(60));
            townshipWhileQuiet =
                    await(run, "township_air_quality", DONGCHENG_MINUTE_0, Duration.ofSeconds(60));
        } finally {
            Signals.release(resume);
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(firedWhileQuiet)
                .as("AQ-01's minute 0, fired while its partition was quiet")
                .isNotNull();
        assertThat(firedWhileQuiet.get("readings").asLong()).isEqualTo(2);
        assertThat(townshipWhileQuiet).as("Dongcheng's minute 0, while quiet").isNotNull();
        Map<String, Map<String, JsonNode>> after =
                InfluxAnswers.points(run.influx().selectAll(List.of("air_quality")));
        assertThat(after.get(AQ01_MINUTE_0).get("readings").asLong())
                .as("the reading sent on resuming, in a late firing of minute 0")
                .isEqualTo(3);
        assertThat(
                        after.get(AQ01_MINUTE_0.replace("window=1m", "window=1h"))
                                .get("readings")
                                .asLong())
                .isEqualTo(3);
        assertThat(CollectingKafkaSink.records(run.topic("dlq"))).as("dead letters").isEmpty();
        assertThat(run.influx().rejections()).isEmpty();
    }

    /** The point, once the collecting sink has it; {@code null} after {@code timeout}. */
    private static Map<String, JsonNode> await(
            JobUnderTest.FastRun run, String measurement, String key, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, JsonNode> p =
                    InfluxAnswers.points(run.influx().selectAll(List.of(measurement))).get(key);
            if (p != null) {
                return p;
            }
            Thread.sleep(20);
        }
        return null;
    }
}
