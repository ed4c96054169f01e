package org.dustwatch.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.dustwatch.cli.Cli;
import org.dustwatch.stack.Ports;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What `recompute` says, in one line and with which exit code, when its input is wrong. */
class RecomputeCommandTest {

    record Result(int exit, String err) {}

    static Result run(Path home, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                Cli.run(
                        new RecomputeCommand(home, Map.of()),
                        args,
                        System.out,
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            no --to         | --from 2026-11-01                                  | Missing required option: '--to=DATE'
            not a date      | --from 2026-11-31 --to 2026-12-01                  | --from '2026-11-31' is not a date like 2026-11-01
            another format  | --from 01/11/2026 --to 2026-11-30                  | --from '01/11/2026' is not a date like 2026-11-01
            to before from  | --from 2026-11-30 --to 2026-11-01                  | --to 2026-11-01 is before --from 2026-11-30
            year 1999       | --from 1999-12-31 --to 2026-11-30                  | --from 1999-12-31 is not from 2000 to 2099
            a bad setting   | --from 2026-11-01 --to 2026-11-30 --pipeline.allowed-lateness soon | bad value 'soon' for pipeline.allowed-lateness
            InfluxDB 2.x    | --from 2026-11-01 --to 2026-11-30 --influx.api V2  | recompute deletes points with InfluxQL, which needs influx.api V1
            """)
    void badInputIsOneLineAndExitCodeTwo(
            String name, String args, String message, @TempDir Path home) throws Exception {
        Files.writeString(home.resolve("plate.key"), "a-local-key-of-enough-bytes\n");

        Result r = run(home, args.trim().split(" +"));

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("dustwatch recompute: ").contains(message).hasLineCount(1);
    }

    @Test
    void withoutThePlateKeyOfTheLiveJobItRefusesAndMakesNone(@TempDir Path home) {
        Result r = run(home, "--from", "2026-11-01", "--to", "2026-11-30");

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .startsWith("dustwatch recompute: no plate key: give the live job's")
                .hasLineCount(1);
        assertThat(home.resolve("plate.key")).doesNotExist();
    }

    @Test
    void noBrokerAtAClosedPortIsOneLineAndExitCodeOne(@TempDir Path home) throws Exception {
        Files.writeString(home.resolve("plate.key"), "a-local-key-of-enough-bytes\n");
        String address = "127.0.0.1:" + Ports.free();

        Result r =
                run(
                        home,
                        "--from",
                        "2026-11-01",
                        "--to",
                        "2026-11-30",
                        "--kafka.bootstrap",
                        address);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err())
                .isEqualTo(
                        "dustwatch recompute: no Kafka broker answers at "
                                + address
                                + " (from --kafka.bootstrap)\n");
    }
}
