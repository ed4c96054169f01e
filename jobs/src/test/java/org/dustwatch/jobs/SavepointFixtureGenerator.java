package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.dustwatch.jobs.SavepointRestoreIT.Fixture;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Makes the fixture of {@link SavepointRestoreIT}: runs the job of this build on the fixture's
 * input, stops it with a savepoint mid-stream, and writes the savepoint and the points written by
 * then to {@code src/test/resources/savepoints/<name>/}, {@code <name>} from {@code
 * -Dfixture=NAME}; it refuses to overwrite a fixture that exists. Not a test: its name matches
 * neither surefire's nor failsafe's patterns, so it runs only when asked for.
 *
 * <p>A fixture holds the state of the build it was taken from, so take it from a checkout of that
 * build. {@code before-the-house} was taken at commit eb9273e, whose topology was still the one
 * {@code DustwatchJob} of before the split (commit 3db9b38), with the two lines that write {@code
 * pipeline-valid.json} added, and:
 *
 * <pre>
 * mvn -B verify -pl jobs -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=SavepointFixtureGenerator -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Run from this build, it would make a fixture of this build's state: useful for the next change of
 * state, never as a replacement of an older fixture.
 */
class SavepointFixtureGenerator {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @Test
    void takeTheSavepoint(@TempDir Path tmp) throws Exception {
        Fixture.produce(KAFKA);
        INFLUX.client().createDatabase("fixture");
        Map<String, String> settings =
                Fixture.settings(
                        KAFKA.bootstrap(), INFLUX.url(), "fixture", Fixture.plateKeyFile(tmp));
        ReliabilityIT.slowFetches(settings);
        DustwatchConfig c = DustwatchConfig.load(settings, Map.of());
        StreamExecutionEnvironment env = JobEnvironment.create(c);
        env.setParallelism(2);
        Topology.build(
                env,
                KafkaSources.of(c, false),
                ProductionSinks.of(c),
                TestSettings.of(Fixture.timing()));
        JobClient job = env.executeAsync("savepoint-fixture");
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (InfluxDump.byField(INFLUX.client(), "fixture").size() < 200
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String savepoint = ReliabilityIT.stopWithSavepoint(job, false, tmp.resolve("sp"));
        Map<String, Map<String, String>> points = InfluxDump.byField(INFLUX.client(), "fixture");
        assertThat(points).hasSizeGreaterThan(100);

        String name = System.getProperty("fixture");
        assertThat(name).as("the fixture's name: -Dfixture=NAME").isNotBlank();
        Path out = Path.of("src/test/resources/savepoints", name);
        assertThat(out).as("a fixture of an older build is never overwritten").doesNotExist();
        Path to = Files.createDirectories(out.resolve("savepoint"));
        Path from = Path.of(java.net.URI.create(savepoint));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        new ObjectMapper().writeValue(out.resolve("points.json").toFile(), points);
        new ObjectMapper()
                .writeValue(
                        out.resolve("pipeline-valid.json").toFile(),
                        SavepointRestoreIT.validCounts(INFLUX.client(), "fixture"));
        System.out.printf(
                "Savepoint fixture: %,d points written before it, savepoint in %s%n",
                points.size(), out.toAbsolutePath());
    }
}
