package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dustwatch.stack.junit.FlinkClusterExtension;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shaded job jar on a real standalone Flink cluster: a JobManager process and two TaskManager
 * processes, the jar submitted with Flink's own CLI exactly as {@code flink run} would, against the
 * real broker and influxd.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final FlinkClusterExtension FLINK = new FlinkClusterExtension(2, 2);

    static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");
    static final String[] CHECKPOINTS = {"CP-01", "CP-02", "CP-12", "CP-20"};

    @Test
    @Order(1)
    void theShadedJarRunsOnAStandaloneClusterAndFillsInfluxDb() throws Exception {
        KAFKA.createTopics(List.of("cl.inspections", "cl.readings", "cl.dlq", "cl.alerts"), 2);
        INFLUX.client().createDatabase("cluster");
        int good = 2_000;
        List<Map.Entry<String, String>> inspections = new ArrayList<>();
        long violating = 0;
        for (int i = 0; i < good; i++) {
            String cp = CHECKPOINTS[i % CHECKPOINTS.length];
            boolean bad = i % 7 == 0;
            violating += bad ? 1 : 0;
            inspections.add(
                    Map.entry(
                            cp,
                            "{\"eventId\":\"c"
                                    + i
                                    + "\",\"checkpointId\":\""
                                    + cp
                                    + "\",\"ts\":"
                                    + (BASE.toEpochMilli() + i * 3_000L)
                                    + ",\"plate\":\"P\",\"vehicleType\":\"HEAVY_TRUCK\",\"cargo\":\"COAL\",\"violations\":["
                                    + (bad ? "\"OVERLOAD\"" : "")
                                    + "],\"fineYuan\":"
                                    + (bad ? 1000 : 0)
                                    + "}"));
        }
        for (int i = 0; i < 5; i++) {
            inspections.add(Map.entry("CP-01", "{\"broken\": " + i));
        }
        TestKafka.produce(KAFKA.bootstrap(), "cl.inspections", inspections);
        TestKafka.produce(
                KAFKA.bootstrap(),
                "cl.readings",
                List.of(
                        Map.entry(
                                "AQ-01",
                                "{\"stationId\":\"AQ-01\",\"ts\":"
                                        + BASE.toEpochMilli()
                                        + ",\"pm25\":42}"),
                        Map.entry(
                                "AQ-03",
                                "{\"stationId\":\"AQ-03\",\"ts\":"
                                        + BASE.toEpochMilli()
                                        + ",\"pm25\":18}")));

        // Exactly the documented command: flink run -d JAR --config FILE (docs/operations.md).
        Path settings = Files.createTempFile("dustwatch-cluster-", ".yaml");
        Files.writeString(
                settings,
                String.join(
                        "\n",
                        "kafka.bootstrap: " + KAFKA.bootstrap(),
                        "kafka.starting-offsets: EARLIEST",
                        "kafka.topic.inspections: cl.inspections",
                        "kafka.topic.readings: cl.readings",
                        "kafka.topic.dead-letters: cl.dlq",
                        "kafka.topic.alerts: cl.alerts",
                        "influx.url: " + INFLUX.url(),
                        "influx.database: cluster",
                        ""));
        int exit =
                FLINK.cluster()
                        .run(
                                List.of("-d"),
                                jobJar(),
                                List.of("--config", settings.toString(), "--bounded"),
                                Duration.ofMinutes(2));

        assertThat(exit).as("flink run exit code").isZero();
        JsonNode job = awaitFinished(Duration.ofMinutes(5));
        assertThat(job.path("state").asText()).isEqualTo("FINISHED");
        assertThat(job.path("tasks").path("total").asInt()).isGreaterThan(10);

        assertThat(sum("inspected", "checkpoint_inspections", "1m")).isEqualTo(good);
        assertThat(sum("violating", "road_inspections", "1h")).isEqualTo(violating);
        assertThat(sum("fines_yuan", "township_inspections", "1d")).isEqualTo(violating * 1000);
        assertThat(sum("readings", "township_air_quality", "1h")).isEqualTo(2);
        assertThat(TestKafka.readAll(KAFKA.bootstrap(), "cl.dlq", 5)).hasSize(5);
    }

    /** Polls the JobManager's REST API until the one job has ended. */
    static JsonNode awaitFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode jobs = FLINK.cluster().jobs();
            if (jobs.size() == 1
                    && List.of("FINISHED", "FAILED", "CANCELED")
                            .contains(jobs.get(0).path("state").asText())) {
                return jobs.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "the job did not finish within " + timeout + ": " + FLINK.cluster().jobs());
    }

    static long sum(String field, String measurement, String window) throws Exception {
        String json =
                INFLUX.client()
                        .query(
                                "cluster",
                                "SELECT sum(\""
                                        + field
                                        + "\") FROM "
                                        + measurement
                                        + " WHERE \"window\" = '"
                                        + window
                                        + "'");
        JsonNode v =
                new ObjectMapper()
                        .readTree(json)
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0)
                        .path("values")
                        .path(0);
        return v.path(1).asLong(-1);
    }

    static Path jobJar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("dustwatch-jobs-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().startsWith("original-"))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new IllegalStateException(
                                            "no shaded job jar in target/: run mvn package first"))
                    .toAbsolutePath();
        }
    }
}
