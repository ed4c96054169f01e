package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.ServiceProcess;
import org.dustwatch.stack.junit.FlinkClusterExtension;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded job jar on a real standalone Flink cluster: a JobManager process and two TaskManager
 * processes, the jar submitted with Flink's own CLI exactly as {@code flink run} would, against the
 * real broker and influxd.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    /** The settings files and savepoints of the class's runs, removed after it. */
    @TempDir static Path scratch;

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
        Path settings = Files.createTempFile(scratch, "cluster-", ".yaml");
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

    /**
     * Scenario 2 of docs/reliability.md: a TaskManager process SIGKILLed while the continuous job
     * reads. The job recovers on the surviving TaskManager from its last checkpoint; once it has
     * read everything it is stopped with {@code --drain}, and InfluxDB holds exactly what a clean
     * bounded run of the same input wrote.
     */
    @Test
    @Order(2)
    void aTaskManagerKilledMidStreamLeavesResultsIdenticalToACleanRun() throws Exception {
        List<String> topics = List.of("kill.inspections", "kill.readings");
        KAFKA.createTopics(topics, 2);
        KAFKA.createTopics(List.of("kill.dlq", "kill.alerts"), 2);
        TestKafka.produceDistrict(
                KAFKA.bootstrap(),
                SimulationOptions.defaults(17, BASE, java.time.Duration.ofHours(6), 6_000),
                "kill.inspections",
                "kill.readings");

        INFLUX.client().createDatabase("kill_clean");
        assertThat(submit(killSettings("kill_clean", false), true)).isZero();
        assertThat(awaitEnded(Duration.ofMinutes(5)).path("state").asText()).isEqualTo("FINISHED");

        INFLUX.client().createDatabase("kill");
        assertThat(submit(killSettings("kill", true), false)).isZero();
        String job = awaitRunning(Duration.ofMinutes(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while ((FLINK.cluster().completedCheckpoints(job) < 1
                        || InfluxDump.all(INFLUX.client(), "kill").isEmpty())
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        long left = TestKafka.lag(KAFKA.bootstrap(), "cl-kill", topics);
        assertThat(left)
                .as("records the job has still to read when the TaskManager dies")
                .isPositive();
        ServiceProcess victim = FLINK.cluster().taskManagerRunningSource(job);
        long killed = System.nanoTime();
        victim.kill();

        while (FLINK.cluster().recoveredFailures(job) < 1 && System.nanoTime() - killed < 120e9) {
            Thread.sleep(200);
        }
        assertThat(FLINK.cluster().recoveredFailures(job)).as("the job failed over").isPositive();
        int checkpoints = FLINK.cluster().completedCheckpoints(job);
        while (FLINK.cluster().completedCheckpoints(job) <= checkpoints
                && System.nanoTime() - killed < 180e9) {
            Thread.sleep(100);
        }
        assertThat(FLINK.cluster().completedCheckpoints(job))
                .as("a checkpoint completed after the failover")
                .isGreaterThan(checkpoints);
        double recovered = (System.nanoTime() - killed) / 1e9;
        TestKafka.awaitConsumed(KAFKA.bootstrap(), "cl-kill", topics, Duration.ofMinutes(5));
        double readAll = (System.nanoTime() - killed) / 1e9;
        FLINK.cluster()
                .stopWithSavepoint(
                        job,
                        true,
                        Files.createTempDirectory(scratch, "kill-savepoint"),
                        Duration.ofMinutes(3));
        assertThat(awaitEnded(Duration.ofMinutes(2)).path("state").asText()).isEqualTo("FINISHED");

        Map<String, String> clean = InfluxDump.all(INFLUX.client(), "kill_clean");
        assertThat(clean.keySet())
                .as("repeat offenders found by plate hash, built by the CLI with the shaded jar")
                .anyMatch(k -> k.contains("\"kind\":\"repeat_offender\""));
        assertThat(clean).hasSizeGreaterThan(5_000);
        assertThat(InfluxDump.all(INFLUX.client(), "kill")).isEqualTo(clean);
        System.out.printf(
                "TaskManager SIGKILL: %s (pid %d), which ran a source, killed with %,d records not yet committed; the job completed a"
                        + " checkpoint again %.1f s after the kill and had read everything %.1f s"
                        + " after it; %,d points compared, 0 differ%n",
                victim.name(), victim.pid(), left, recovered, readAll, clean.size());
    }

    static Path killSettings(String db, boolean slow) throws Exception {
        List<String> lines =
                new ArrayList<>(
                        List.of(
                                "kafka.bootstrap: " + KAFKA.bootstrap(),
                                "kafka.starting-offsets: EARLIEST",
                                "kafka.group-id: cl-" + db.replace('_', '-'),
                                "kafka.topic.inspections: kill.inspections",
                                "kafka.topic.readings: kill.readings",
                                "kafka.topic.dead-letters: kill.dlq",
                                "kafka.topic.alerts: kill.alerts",
                                "influx.url: " + INFLUX.url(),
                                "influx.database: " + db,
                                "pipeline.checkpoint-interval: 500ms",
                                "plates.key-file: " + plateKeyFile()));
        if (slow) {
            // Small fetches keep the job reading long enough to kill a TaskManager under it.
            lines.add("kafka.properties.max.partition.fetch.bytes: 2048");
            lines.add("kafka.properties.fetch.max.bytes: 2048");
            lines.add("kafka.properties.max.poll.records: 5");
        }
        Path file = Files.createTempFile(scratch, db + "-", ".yaml");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }

    /** One plate key for every run, read by the Flink CLI where the job is built. */
    static synchronized Path plateKeyFile() throws Exception {
        if (plateKey == null) {
            plateKey = Files.createTempFile(scratch, "plate-", ".key");
            Files.writeString(plateKey, "standalone-cluster-it " + java.util.UUID.randomUUID());
        }
        return plateKey;
    }

    private static Path plateKey;

    static int submit(Path settings, boolean bounded) throws Exception {
        List<String> args = new ArrayList<>(List.of("--config", settings.toString()));
        if (bounded) {
            args.add("--bounded");
        }
        return FLINK.cluster().run(List.of("-d", "-p", "2"), jobJar(), args, Duration.ofMinutes(2));
    }

    /** The id of the one job that is RUNNING, once there is one. */
    static String awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode j : FLINK.cluster().jobs()) {
                if (j.path("state").asText().equals("RUNNING")) {
                    return j.path("jid").asText();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "no job running within " + timeout + ": " + FLINK.cluster().jobs());
    }

    /** Polls the JobManager's REST API until no job is left running; returns the newest. */
    static JsonNode awaitEnded(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode newest = null;
            boolean running = false;
            for (JsonNode j : FLINK.cluster().jobs()) {
                running |=
                        !List.of("FINISHED", "FAILED", "CANCELED")
                                .contains(j.path("state").asText());
                if (newest == null
                        || j.path("start-time").asLong() > newest.path("start-time").asLong()) {
                    newest = j;
                }
            }
            if (newest != null && !running) {
                return newest;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(
                "a job did not end within " + timeout + ": " + FLINK.cluster().jobs());
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
        JsonNode v =
                InfluxDump.firstRow(
                        INFLUX.client(),
                        "cluster",
                        "SELECT sum(\""
                                + field
                                + "\") FROM "
                                + measurement
                                + " WHERE \"window\" = '"
                                + window
                                + "'");
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
