package org.dustwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.dustwatch.cli.Cli;
import org.junit.jupiter.api.Test;

/** {@code bench --set}: job settings for dustwatch's runs, refused before anything starts. */
class JobSettingsTest {

    @Test
    void aKnownSettingWithAGoodValueIsPassedOn() {
        assertThat(JobSettings.of(Map.of("influx.flush-interval", "250ms")))
                .containsExactly(Map.entry("influx.flush-interval", "250ms"));
    }

    @Test
    void anUnknownKeyIsOneLineAndExitTwo() {
        Run r = run("--set", "influx.flush-intervall=250ms");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).doesNotContain("\n").contains("influx.flush-intervall");
    }

    @Test
    void aBadValueNamesItsKey() {
        Run r = run("--set", "influx.flush-interval=soon");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip())
                .doesNotContain("\n")
                .contains("'soon'")
                .contains("(--set influx.flush-interval)");
    }

    @Test
    void aSettingOfTheBenchmarkItselfIsRefused() {
        Run r = run("--set", "influx.database=mine");
        assertThat(r.code).isEqualTo(2);
        assertThat(r.err.strip()).contains("influx.database").contains("the benchmark sets it");
        Run minutes = run("--set", "pipeline.minute-points=ALL");
        assertThat(minutes.code).isEqualTo(2);
        assertThat(minutes.err).contains("--minute-points");
    }

    @Test
    void whatWouldBypassTheBenchmarksOwnStackIsRefused() {
        for (String set :
                new String[] {
                    "config=/tmp/job.yaml",
                    "kafka.properties.bootstrap.servers=10.0.0.1:9092",
                    "kafka.properties.group.id=other",
                    "pipeline.time-zone=UTC",
                    "influx.api=V2"
                }) {
            Run r = run("--set", set);
            assertThat(r.code).as(set).isEqualTo(2);
            assertThat(r.err).as(set).contains(set.substring(0, set.indexOf('=')));
        }
    }

    private record Run(int code, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code =
                Cli.run(
                        new BenchCli(),
                        args,
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }
}
