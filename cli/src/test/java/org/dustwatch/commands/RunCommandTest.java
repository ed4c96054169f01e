package org.dustwatch.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dustwatch.cli.Cli;
import org.dustwatch.stack.KafkaBroker;
import org.dustwatch.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What `run` hands to DustwatchJob.main, and what it says before that when it cannot. */
class RunCommandTest {

    static RunCommand parsed(Path home, Map<String, String> env, String... args) {
        RunCommand run = new RunCommand(home, env);
        new CommandLine(run).parseArgs(args);
        return run;
    }

    @Test
    void withoutAStackTheJobsSettingsDecideAndALocalPlateKeyIsAdded(@TempDir Path home) {
        assertThat(parsed(home, Map.of(), "--bounded", "--pipeline.time-zone", "UTC").jobArgs())
                .containsExactly(
                        "--bounded",
                        "--plates.key-file",
                        home.resolve("plate.key").toString(),
                        "--pipeline.time-zone",
                        "UTC");
    }

    @Test
    void theRunningStacksEndpointsUnlessGivenAndTheRestPassedThroughInOrder(@TempDir Path home)
            throws Exception {
        Process broker =
                new ProcessBuilder("bash", "-c", "read -t 60 line", KafkaBroker.MAIN_CLASS).start();
        try {
            Files.createDirectories(home.resolve("stack"));
            Files.writeString(
                    home.resolve("stack/stack.properties"),
                    "kafka.pid="
                            + broker.pid()
                            + "\nkafka.bootstrap=127.0.0.1\\:19092\n"
                            + "influx.url=http\\://127.0.0.1\\:18086\n");

            assertThat(parsed(home, Map.of(), "--kafka.window", "x", "--bounded").jobArgs())
                    .containsExactly(
                            "--bounded",
                            "--kafka.bootstrap",
                            "127.0.0.1:19092",
                            "--influx.url",
                            "http://127.0.0.1:18086",
                            "--plates.key-file",
                            home.resolve("plate.key").toString(),
                            "--kafka.window",
                            "x");
            assertThat(
                            parsed(
                                            home,
                                            Map.of(),
                                            "--influx.url=http://influx:8086",
                                            "--kafka.bootstrap",
                                            "kafka:9092")
                                    .jobArgs())
                    .startsWith(
                            "--kafka.bootstrap",
                            "kafka:9092",
                            "--influx.url",
                            "http://influx:8086");
        } finally {
            broker.destroy();
            broker.waitFor();
        }
    }

    @Test
    void aConfiguredPlateKeyIsLeftToTheJob(@TempDir Path home) {
        assertThat(parsed(home, Map.of(), "--plates.key-file", "/etc/k").jobArgs())
                .containsExactly("--plates.key-file", "/etc/k");
        assertThat(parsed(home, Map.of(), "--plates.key-env", "K").jobArgs())
                .containsExactly("--plates.key-env", "K");
        assertThat(parsed(home, Map.of(), "--config", "x.yaml").jobArgs())
                .containsExactly("--config", "x.yaml");
        for (String v : LocalPlateKey.VARIABLES) {
            assertThat(parsed(home, Map.of(v, "set")).jobArgs()).as(v).isEmpty();
        }
        assertThat(parsed(home, Map.of("DUSTWATCH_PLATE_KEY", "")).jobArgs()).hasSize(2);
    }

    @Test
    void noBrokerAtAClosedPortIsOneLineBeforeAnyWork(@TempDir Path home) {
        String address = "127.0.0.1:" + Ports.free();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit =
                Cli.run(
                        new RunCommand(home, Map.of()),
                        new String[] {"--bounded", "--kafka.bootstrap", address},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo(
                        "dustwatch run: no Kafka broker answers at "
                                + address
                                + " (from --kafka.bootstrap)\n");
        assertThat(home.resolve("plate.key")).doesNotExist();
    }

    @Test
    void aBadSettingIsAUsageErrorBeforeAnyProbe(@TempDir Path home) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit =
                Cli.run(
                        new RunCommand(home, Map.of()),
                        new String[] {"--pipeline.allowed-lateness", "soon"},
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("dustwatch run: bad value 'soon' for pipeline.allowed-lateness")
                .hasLineCount(1);
        assertThat(List.of(home.toFile().list())).isEmpty();
    }
}
