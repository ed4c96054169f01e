package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;
import org.dustwatch.jobs.testing.ScriptedSource;
import org.dustwatch.jobs.testing.ScriptedSplit.Step;
import org.dustwatch.model.PlateKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast tier of {@link PipelineIT}: the whole topology on a MiniCluster with two TaskManagers,
 * fed by {@link ScriptedSource}s that play the same records PipelineIT produces into Kafka (one
 * partition per topic, through the production decoders), writing into collecting sinks that model
 * InfluxDB's merge of points and keep what the dead-letter and alert topics would get; every check
 * of {@link PipelineScenario} runs on what they hold, as PipelineIT runs it on a real influxd and
 * Kafka. No broker, no influxd: seconds instead of a minute.
 *
 * <p>What it does not cover, and PipelineIT does: the Kafka source and sinks (offsets, bounded
 * mode, serialization to a broker), the InfluxDB sink (batches, retries, the HTTP API), the queries
 * of docs/schema.md, and the topic check before a job starts.
 */
class TopologyTest {

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    /** The scenario's records, each topic as one partition, as PipelineIT produces them. */
    static List<Step> script(List<PipelineScenario.Sent> records) {
        return records.stream().map(r -> ScriptedSource.record(r.bytes(), r.eventTime())).toList();
    }

    static JobUnderTest.FastRun run(String name) {
        return new JobUnderTest.FastRun(
                        "fast." + name + ".",
                        "topology_" + name,
                        PlateKey.of(PipelineScenario.PLATE_KEY, "test"),
                        List.of(script(PipelineScenario.inspectionRecords())),
                        List.of(script(PipelineScenario.readingRecords())))
                .clear();
    }

    static StreamExecutionEnvironment environment(String backend) throws Exception {
        StreamExecutionEnvironment env =
                JobUnderTest.environment(
                        DustwatchConfig.load(Map.of("pipeline.state-backend", backend), Map.of()));
        env.setParallelism(2);
        return env;
    }

    @ParameterizedTest(name = "state backend {0}")
    @ValueSource(strings = {"ROCKSDB", "HASHMAP"})
    void everyPointMatchesAnIndependentComputationAndEveryBadRecordIsADeadLetter(
            String backend, @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest.FastRun run = run(backend.toLowerCase(Locale.ROOT));
        StreamExecutionEnvironment env = environment(backend);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo(backend.toLowerCase(Locale.ROOT));
        JobUnderTest.build(env, run, JobUnderTest.TIMING, MinutePoints.ALL);
        run.execute(env, cluster);

        PipelineScenario.assertEverything(run.written(), run.prefix());
        assertThat(run.influx().rejections()).as("points InfluxDB would refuse").isEmpty();
    }

    @Test
    void minutePointsAreasWritesTheMinutesOfRoadsAndTownshipsOnly(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        JobUnderTest.FastRun run = run("areas");
        StreamExecutionEnvironment env = environment("HASHMAP");
        JobUnderTest.build(env, run, JobUnderTest.TIMING, MinutePoints.AREAS);
        run.execute(env, cluster);

        for (Map.Entry<String, List<String>> e : PipelineScenario.AREAS_WINDOWS.entrySet()) {
            assertThat(PipelineScenario.windows(run.written(), e.getKey()))
                    .as("the windows of " + e.getKey())
                    .isEqualTo(e.getValue());
        }
    }
}
