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
import java.util.function.Predicate;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idleness, deterministically: the readings topic has two partitions; AQ-01's goes quiet (it is
 * marked idle, or the job's own idleness period finds it so) while AQ-03's advances. Windows must
 * fire while the quiet partition waits, which the test sees in the collecting sink before it lets
 * the partition resume; and what the partition then sends within the allowed lateness must be
 * counted, not dropped. Each step waits for what it should cause, with a generous time limit,
 * instead of sleeping.
 */
class IdlenessTest {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    static final Duration WAIT = Duration.ofSeconds(60);

    /** AQ-01's minute 0: two readings before its partition goes quiet, a third after it resumes. */
    static final String AQ01_MINUTE_0 =
            "station=AQ-01,township=Dongcheng,window=1m@" + BASE.toEpochMilli();

    static final String DONGCHENG_MINUTE_0 = "township=Dongcheng,window=1m@" + BASE.toEpochMilli();

    static Step reading(String station, long offset) {
        Rd r = new Rd(station, offset, values("pm25", 30 + offset % 7), true);
        return ScriptedSource.record(r.json().getBytes(StandardCharsets.UTF_8), r.eventTime());
    }

    /** A run of the readings below, with signals {@code resume} and {@code finish}. */
    record Quiet(JobUnderTest.FastRun run, String resume, String finish) {

        /**
         * Partition 0: AQ-01 at 0 s and 20 s; then quiet: marked idle if {@code markIdle}, and
         * paused until {@code resume}; then AQ-01 at 40 s (behind the watermark by then). Partition
         * 1: AQ-03 every 30 s up to {@code untilSeconds}, then paused until {@code finish}: a
         * partition that ended would end its reader, and that reader's end-of-input watermark would
         * be the only one downstream while partition 0 is idle, as in no unbounded job.
         */
        static Quiet of(String name, boolean markIdle, long untilSeconds) {
            String resume = "idle." + name + ".resume";
            String finish = "idle." + name + ".finish";
            Signals.reset(resume);
            Signals.reset(finish);
            List<Step> p0 = new ArrayList<>(List.of(reading("AQ-01", 0), reading("AQ-01", 20)));
            if (markIdle) {
                p0.add(ScriptedSource.markIdle());
            }
            p0.add(ScriptedSource.pauseUntil(resume, 120_000));
            p0.add(reading("AQ-01", 40));
            List<Step> p1 = new ArrayList<>();
            for (long s = 0; s <= untilSeconds; s += 30) {
                p1.add(reading("AQ-03", s));
            }
            p1.add(ScriptedSource.pauseUntil(finish, 120_000));
            return new Quiet(
                    new JobUnderTest.FastRun(
                                    "idle." + name + ".",
                                    "idle_" + name,
                                    null,
                                    List.of(),
                                    List.of(p0, p1))
                            .clear(),
                    resume,
                    finish);
        }

        JobClient start(org.dustwatch.jobs.settings.Timing timing, MiniCluster cluster)
                throws Exception {
            StreamExecutionEnvironment env =
                    JobUnderTest.environment(DustwatchConfig.load(Map.of(), Map.of()));
            env.setParallelism(2);
            JobUnderTest.build(env, run, timing, MinutePoints.ALL);
            return run.start(env, cluster);
        }

        /** The point, once the collecting sink has one that {@code test} accepts; or null. */
        Map<String, JsonNode> await(
                String measurement, String key, Predicate<Map<String, JsonNode>> test)
                throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            Map<String, JsonNode> p = null;
            while (System.nanoTime() < deadline) {
                p = InfluxAnswers.points(run.influx().selectAll(List.of(measurement))).get(key);
                if (p != null && test.test(p)) {
                    return p;
                }
                Thread.sleep(20);
            }
            return p;
        }
    }

    static Predicate<Map<String, JsonNode>> readings(long n) {
        return p -> p.get("readings").asLong() == n;
    }

    @Test
    void aPartitionMarkedIdleHoldsNoWindowBackAndWhatItSendsOnResumingWithinTheLatenessCounts(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        pausedThenResumedWithinTheLateness(
                Quiet.of("marked", true, 300), JobUnderTest.TIMING, cluster);
    }

    /**
     * The same without an explicit mark: the job's idleness period (here 200 ms instead of a
     * minute) finds the paused partition idle.
     */
    @Test
    void aPausedPartitionIsFoundIdleByTheJobsIdlenessPeriod(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        pausedThenResumedWithinTheLateness(
                Quiet.of("timed", false, 300),
                JobUnderTest.timing(Duration.ofMillis(200)),
                cluster);
    }

    /**
     * Both partitions idle when the input ends: partition 0 (two readings of AQ-01, too few for its
     * clocks to give a watermark) and partition 1 (AQ-03 every 30 s for five minutes) are each
     * marked idle after their last reading. Flink drops a source's end-of-input watermark while the
     * source is idle, so without {@link org.dustwatch.jobs.functions.ingest.EndOfInputWatermark} no
     * hour or day fired (this is what made the timed test above fail now and then: its partitions
     * went idle by the clock before they ended).
     */
    @Test
    void everyHourAndDayFiresWhenEveryPartitionIsIdleAtTheEndOfInput(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<Step> p0 =
                List.of(reading("AQ-01", 0), reading("AQ-01", 20), ScriptedSource.markIdle());
        List<Step> p1 = new ArrayList<>();
        for (long s = 0; s <= 300; s += 30) {
            p1.add(reading("AQ-03", s));
        }
        p1.add(ScriptedSource.markIdle());
        JobUnderTest.FastRun run =
                new JobUnderTest.FastRun(
                                "idle.ended.", "idle_ended", null, List.of(), List.of(p0, p1))
                        .clear();
        StreamExecutionEnvironment env =
                JobUnderTest.environment(DustwatchConfig.load(Map.of(), Map.of()));
        env.setParallelism(2);
        JobUnderTest.build(env, run, JobUnderTest.TIMING, MinutePoints.ALL);
        run.execute(env, cluster);

        Map<String, Map<String, JsonNode>> air =
                InfluxAnswers.points(run.influx().selectAll(List.of("air_quality")));
        long day =
                BASE.atZone(PipelineScenario.ZONE)
                        .toLocalDate()
                        .atStartOfDay(PipelineScenario.ZONE)
                        .toInstant()
                        .toEpochMilli();
        // AQ-01: 2 readings; AQ-03: at 0, 30, ..., 300 s, 11 readings
        for (var expected :
                Map.of(
                                "station=AQ-01,township=Dongcheng", 2L,
                                "station=AQ-03,township=Xihe", 11L)
                        .entrySet()) {
            String hour = expected.getKey() + ",window=1h@" + BASE.toEpochMilli();
            String oneDay = expected.getKey() + ",window=1d@" + day;
            assertThat(air).as("the points").containsKeys(hour, oneDay);
            assertThat(air.get(hour).get("readings").asLong())
                    .as(hour)
                    .isEqualTo(expected.getValue());
            assertThat(air.get(oneDay).get("readings").asLong())
                    .as(oneDay)
                    .isEqualTo(expected.getValue());
        }
    }

    private static void pausedThenResumedWithinTheLateness(
            Quiet q, org.dustwatch.jobs.settings.Timing timing, MiniCluster cluster)
            throws Exception {
        JobClient job = q.start(timing, cluster);
        Map<String, JsonNode> whileQuiet;
        Map<String, JsonNode> townshipWhileQuiet;
        Map<String, JsonNode> afterResuming;
        try {
            whileQuiet = q.await("air_quality", AQ01_MINUTE_0, p -> true);
            townshipWhileQuiet = q.await("township_air_quality", DONGCHENG_MINUTE_0, p -> true);
        } finally {
            Signals.release(q.resume());
        }
        try {
            afterResuming = q.await("air_quality", AQ01_MINUTE_0, readings(3));
        } finally {
            Signals.release(q.finish());
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(whileQuiet)
                .as("AQ-01's minute 0, fired while its partition was quiet")
                .isNotNull();
        assertThat(whileQuiet.get("readings").asLong()).isEqualTo(2);
        assertThat(townshipWhileQuiet).as("Dongcheng's minute 0, while quiet").isNotNull();
        assertThat(afterResuming.get("readings").asLong())
                .as("the reading sent on resuming, in a late firing of minute 0")
                .isEqualTo(3);
        Map<String, Map<String, JsonNode>> end =
                InfluxAnswers.points(q.run().influx().selectAll(List.of("air_quality")));
        assertThat(end.get(AQ01_MINUTE_0).get("readings").asLong()).isEqualTo(3);
        assertThat(
                        end.get(AQ01_MINUTE_0.replace("window=1m", "window=1h"))
                                .get("readings")
                                .asLong())
                .isEqualTo(3);
        assertThat(CollectingKafkaSink.records(q.run().topic("dlq"))).as("dead letters").isEmpty();
        assertThat(q.run().influx().rejections()).isEmpty();
    }

    /**
     * What the quiet partition sends on resuming beyond the allowed lateness (the other partition
     * has moved the watermark 20 minutes on) is, as LatenessGate promises, either counted or a LATE
     * dead letter, never dropped by a window.
     *
     * <p>Until issue #20 the gate ran in the source's task and judged by that task's watermark,
     * which is the quiet partition's own (low) one when the task reads that partition alone, while
     * the windows downstream took the other partition's; so the gate passed the reading and the
     * station's minute window dropped it without a trace. The gate now runs keyed, after the
     * shuffle, by the windows' own watermark, and refuses it as LATE.
     */
    @Test
    void aReadingBeyondTheLatenessAfterAnIdleSpellIsALateDeadLetterNotLostInAWindow(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        Quiet q = Quiet.of("beyond", true, 1200);
        JobClient job = q.start(JobUnderTest.TIMING, cluster);
        String aq03Minute18 =
                "station=AQ-03,township=Xihe,window=1m@" + (BASE.toEpochMilli() + 18 * 60_000);
        Map<String, JsonNode> whileQuiet;
        try {
            whileQuiet = q.await("air_quality", aq03Minute18, p -> true);
        } finally {
            Signals.release(q.resume());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (CollectingKafkaSink.records(q.run().topic("dlq")).isEmpty()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            Signals.release(q.finish());
        }
        job.getJobExecutionResult().get(3, TimeUnit.MINUTES);

        assertThat(whileQuiet)
                .as("AQ-03's minute 18, while AQ-01's partition was quiet")
                .isNotNull();
        assertThat(CollectingKafkaSink.records(q.run().topic("dlq")))
                .as("the reading at 40 s, refused as LATE")
                .hasSize(1);
        assertThat(
                        InfluxAnswers.points(q.run().influx().selectAll(List.of("air_quality")))
                                .get(AQ01_MINUTE_0)
                                .get("readings")
                                .asLong())
                .isEqualTo(2);
    }
}
