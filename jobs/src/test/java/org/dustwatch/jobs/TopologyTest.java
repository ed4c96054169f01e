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
import org.dustwatch.jobs.testing.CollectingKafkaSink;
import org.dustwatch.jobs.testing.InfluxAnswers;
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

    /**
     * A violation spike, the one alert the scenario above has none of: CP-12 (road S312, the only
     * checkpoint of the input in Dongcheng) inspects 24 trucks an hour for 29 hours, 2 of them
     * violating, but 20 in hour 25. Hour 25's baseline (hours 0 to 2, the same hour a day before
     * and one either side) is 6 of 72, 1/12; 20 of 24 against it scores z = 6.8 (a warning: the
     * threshold is 4, critical 8). The alert resolves when the three hours to the hour judged are
     * back to 1/12: at hour 28.
     */
    @Test
    void aViolationSpikeOpensAndResolvesOneAlertForItsRoadAndItsTownship(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<PipelineScenario.Sent> inspections = new java.util.ArrayList<>();
        for (int h = 0; h < 29; h++) {
            for (int i = 0; i < 24; i++) {
                boolean violating = i < (h == 25 ? 20 : 2);
                PipelineScenario.In in =
                        new PipelineScenario.In(
                                "s" + h + "-" + i,
                                "CP-12",
                                h * 3600L + i * 150L,
                                violating ? "UNCOVERED" : "",
                                violating ? 200 : 0,
                                true);
                inspections.add(new PipelineScenario.Sent(in.cp(), in.json(), in.ts()));
            }
        }
        JobUnderTest.FastRun run =
                new JobUnderTest.FastRun(
                                "fast.spike.",
                                "topology_spike",
                                null,
                                List.of(script(inspections)),
                                List.of())
                        .clear();
        StreamExecutionEnvironment env = environment("HASHMAP");
        JobUnderTest.build(env, run, JobUnderTest.TIMING, MinutePoints.NONE);
        run.execute(env, cluster);

        long h25 = PipelineScenario.BASE.toEpochMilli() + 25 * 3_600_000L;
        long h28 = h25 + 3 * 3_600_000L;
        java.util.Set<String> alerts = new java.util.TreeSet<>();
        InfluxAnswers.points(run.influx().selectAll(List.of("alerts")))
                .forEach(
                        (key, f) ->
                                alerts.add(
                                        key
                                                + " id="
                                                + f.get("id").asText()
                                                + " active="
                                                + f.get("active").asLong()
                                                + " observed="
                                                + f.get("observed").asDouble()
                                                + " baseline="
                                                + f.get("baseline").asDouble()));
        java.util.Set<String> expected = new java.util.TreeSet<>();
        for (String subject :
                List.of(
                        "level=road,severity=warning,state=%s,subject=S312",
                        "level=township,severity=warning,state=%s,subject=Dongcheng")) {
            String id =
                    "violation_spike:"
                            + subject.replaceAll(".*level=([a-z]+),.*subject=(.*)", "$1:$2")
                            + ":"
                            + h25;
            expected.add(
                    "kind=violation_spike,"
                            + subject.formatted("open")
                            + "@"
                            + h25
                            + " id="
                            + id
                            + " active=1 observed="
                            + 20.0 / 24
                            + " baseline="
                            + 1.0 / 12);
            expected.add(
                    "kind=violation_spike,"
                            + subject.formatted("resolved")
                            + "@"
                            + h28
                            + " id="
                            + id
                            + " active=0 observed="
                            + 1.0 / 12
                            + " baseline="
                            + 1.0 / 12);
        }
        assertThat(alerts).isEqualTo(expected);
        assertThat(
                        CollectingKafkaSink.records(run.topic("alerts")).stream()
                                .map(
                                        r ->
                                                new String(
                                                        r.key(),
                                                        java.nio.charset.StandardCharsets.UTF_8))
                                .sorted()
                                .toList())
                .as("the alert topic's keys: open and resolved of each")
                .hasSize(4)
                .allMatch(k -> k.startsWith("violation_spike:") && k.endsWith(":" + h25));
    }
}
