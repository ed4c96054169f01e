package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dustwatch.jobs.PipelineScenario.PLATE_KEY;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.jobs.testing.InfluxAnswers;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole job against a real Kafka broker, a real influxd and a MiniCluster with two
 * TaskManagers, on {@link PipelineScenario}'s input: every point in InfluxDB and every record of
 * the dead-letter and alert topics is compared with the scenario's own computation. {@link
 * TopologyTest} runs the same scenario and checks without the servers; what only exists with them
 * is checked here only: the Kafka sources and sinks and the InfluxDB sink themselves, the analysts'
 * queries of docs/schema.md in InfluxQL, and the topic check before a job starts.
 */
class PipelineIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    /** What a run wrote into database {@code db} of the test's influxd and into the topics. */
    static PipelineScenario.Written written(String db) {
        return new PipelineScenario.Written() {
            @Override
            public String selectAll(List<String> measurements) {
                return INFLUX.client()
                        .query(
                                db,
                                "SELECT * FROM "
                                        + InfluxAnswers.from(measurements)
                                        + " GROUP BY *");
            }

            @Override
            public String everything() throws Exception {
                return InfluxDump.raw(INFLUX.client(), db);
            }

            @Override
            public List<PipelineScenario.TopicRecord> topic(String name, int expected) {
                List<PipelineScenario.TopicRecord> out = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r :
                        TestKafka.readAll(KAFKA.bootstrap(), name, expected)) {
                    out.add(new PipelineScenario.TopicRecord(r.key(), r.value()));
                }
                return out;
            }
        };
    }

    @ParameterizedTest(name = "state backend {0}")
    @ValueSource(strings = {"HASHMAP", "ROCKSDB"})
    void everyPointMatchesAnIndependentComputationAndEveryBadRecordIsADeadLetter(
            String backend, @TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("plate.key");
        Files.write(keyFile, PLATE_KEY);
        // One partition per topic, so that the processing order is the production order.
        String p = backend.toLowerCase(java.util.Locale.ROOT) + ".";
        String db = "pipeline_" + backend.toLowerCase(java.util.Locale.ROOT);
        produceTheInput(p, db);

        DustwatchConfig config =
                DustwatchConfig.load(
                        Map.of(
                                "kafka.bootstrap",
                                KAFKA.bootstrap(),
                                "kafka.topic.inspections",
                                p + "inspections",
                                "kafka.topic.readings",
                                p + "readings",
                                "kafka.topic.dead-letters",
                                p + "dlq",
                                "kafka.topic.alerts",
                                p + "alerts",
                                "pipeline.state-backend",
                                backend,
                                "kafka.starting-offsets",
                                "EARLIEST",
                                "influx.url",
                                INFLUX.url(),
                                "influx.database",
                                db,
                                "plates.key-file",
                                keyFile.toString()),
                        Map.of());
        StreamExecutionEnvironment env = JobUnderTest.environment(config);
        // One task per operator: the lateness gate judges by the watermark of every source task,
        // and a second one, without a partition to read, would hold it at its start until it
        // finished, so which event is late would depend on which task started first. TopologyTest
        // runs the same scenario at parallelism 2 with that order made explicit.
        env.setParallelism(1);
        assertThat(env.getConfiguration().get(StateBackendOptions.STATE_BACKEND))
                .isEqualTo(backend.toLowerCase(java.util.Locale.ROOT));
        JobUnderTest.build(env, config, DustwatchOptions.MinutePoints.ALL);
        env.execute("pipeline-it");

        PipelineScenario.assertEverything(written(db), p);
        assertPipelineSumsInInfluxQl(db, p);
        everyQueryInTheSchemaDocReturnsData(db);
    }

    /** InfluxDB's own sums of the {@code pipeline} measurement match what the input holds. */
    static void assertPipelineSumsInInfluxQl(String db, String p) throws Exception {
        JsonNode series =
                new ObjectMapper()
                        .readTree(
                                INFLUX.client()
                                        .query(
                                                db,
                                                "SELECT sum(valid), sum(dead_letters), sum(late),"
                                                        + " sum(duplicates) FROM pipeline GROUP BY"
                                                        + " source"))
                        .path("results")
                        .path(0)
                        .path("series");
        Map<String, List<Long>> actual = new TreeMap<>();
        for (JsonNode s : series) {
            List<Long> v = new ArrayList<>();
            for (int c = 1; c <= 4; c++) {
                v.add(s.path("values").path(0).path(c).asLong(0));
            }
            actual.put(s.path("tags").path("source").asText(), v);
        }
        assertThat(actual).isEqualTo(PipelineScenario.expectedPipelineTotals(p));
    }

    /**
     * The analysts' queries in docs/schema.md run against what the pipeline wrote. The input lies
     * in November 2026, so "the last 31 days" becomes a fixed start, or the test would expire.
     */
    static void everyQueryInTheSchemaDocReturnsData(String db) throws Exception {
        String doc =
                java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "schema.md"));
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("```sql\n(.*?)```", java.util.regex.Pattern.DOTALL)
                        .matcher(doc);
        int queries = 0;
        while (m.find()) {
            String q =
                    m.group(1).replace("now() - 31d", "'2026-11-01T00:00:00Z'").replace('\n', ' ');
            JsonNode series =
                    new ObjectMapper()
                            .readTree(INFLUX.client().query(db, q))
                            .path("results")
                            .path(0)
                            .path("series");
            assertThat(series.size()).as("series from: %s", q).isPositive();
            queries++;
        }
        assertThat(queries).isEqualTo(9);
    }

    /**
     * The scenario's input into topics {@code p + inspections/readings} (one partition each, so
     * that the processing order is the production order); empty dead-letter and alert topics; and
     * database {@code db}.
     */
    static void produceTheInput(String p, String db) throws Exception {
        KAFKA.createTopics(List.of(p + "inspections", p + "readings"), 1);
        KAFKA.createTopics(List.of(p + "dlq", p + "alerts"), 2);
        INFLUX.client().createDatabase(db);
        TestKafka.produce(
                KAFKA.bootstrap(),
                p + "inspections",
                entries(PipelineScenario.inspectionRecords()));
        TestKafka.produce(
                KAFKA.bootstrap(), p + "readings", entries(PipelineScenario.readingRecords()));
    }

    private static List<Map.Entry<String, String>> entries(List<PipelineScenario.Sent> records) {
        return records.stream().map(r -> Map.entry(r.key(), r.value())).toList();
    }

    @Test
    void minutePointsAreasWritesTheMinutesOfRoadsAndTownshipsOnly() throws Exception {
        produceTheInput("areas.", "pipeline_areas");
        DustwatchConfig config =
                DustwatchConfig.load(
                        Map.of(
                                "kafka.bootstrap", KAFKA.bootstrap(),
                                "kafka.topic.inspections", "areas.inspections",
                                "kafka.topic.readings", "areas.readings",
                                "kafka.topic.dead-letters", "areas.dlq",
                                "kafka.topic.alerts", "areas.alerts",
                                "kafka.starting-offsets", "EARLIEST",
                                "influx.url", INFLUX.url(),
                                "influx.database", "pipeline_areas"),
                        Map.of());
        StreamExecutionEnvironment env = JobUnderTest.environment(config);
        env.setParallelism(2);
        JobUnderTest.build(env, config, DustwatchOptions.MinutePoints.AREAS);
        env.execute("pipeline-areas");

        Map<String, List<String>> windows = new TreeMap<>();
        for (String m : PipelineScenario.AREAS_WINDOWS.keySet()) {
            List<String> w = new ArrayList<>();
            new ObjectMapper()
                    .readTree(
                            INFLUX.client()
                                    .query(
                                            "pipeline_areas",
                                            "SHOW TAG VALUES FROM " + m + " WITH KEY = \"window\""))
                    .path("results")
                    .path(0)
                    .path("series")
                    .path(0)
                    .path("values")
                    .forEach(v -> w.add(v.get(1).asText()));
            windows.put(m, w);
            assertThat(PipelineScenario.windows(written("pipeline_areas"), m))
                    .as("the windows of " + m + " in its series")
                    .isEqualTo(w);
        }
        assertThat(windows).isEqualTo(PipelineScenario.AREAS_WINDOWS);
    }

    @Test
    void aMissingTopicStopsTheJobBeforeItStartsWithAClearMessage() throws Exception {
        KAFKA.createTopics(List.of("present.inspections", "present.readings", "present.alerts"), 1);
        DustwatchConfig config =
                DustwatchConfig.load(
                        Map.of(
                                "kafka.bootstrap", KAFKA.bootstrap(),
                                "kafka.topic.inspections", "present.inspections",
                                "kafka.topic.readings", "present.readings",
                                "kafka.topic.dead-letters", "absent.dlq",
                                "kafka.topic.alerts", "present.alerts"),
                        Map.of());

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> org.dustwatch.jobs.io.KafkaPreflight.checkTopics(config))
                .hasMessage(
                        "Kafka at "
                                + KAFKA.bootstrap()
                                + " has no topic absent.dlq: create it"
                                + " (bin/dustwatch stack start creates dustwatch's topics) or point"
                                + " kafka.topic.* at existing ones");
    }
}
