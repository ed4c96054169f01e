package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCliTest {

    @Test
    void aScenarioFileAndFlagsCombineAndLandInTheGroundTruth(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("scenario.json");
        Files.writeString(
                scenario,
                "{\"spikes\":[{\"road\":\"S228\",\"from\":\"2026-11-20T01:00:00Z\",\"duration\":\"PT1H\",\"factor\":3}],"
                        + "\"episodes\":[{\"township\":\"Baishui\",\"from\":\"2026-11-20T00:30:00Z\",\"duration\":\"PT2H\",\"factor\":2.5}]}");

        int exit =
                SimulateCli.run(
                        new String[] {
                            "--start",
                            "2026-11-20T00:00:00Z",
                            "--span",
                            "PT3H",
                            "--events",
                            "3000",
                            "--scenario",
                            scenario.toString(),
                            "--spike",
                            "G310,2026-11-20T02:00:00Z,PT30M,5",
                            "--out",
                            dir.resolve("out").toString()
                        });

        assertThat(exit).isZero();
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("out/ground-truth.json").toFile());
        assertThat(truth.get("spikes")).hasSize(2);
        assertThat(truth.get("spikes").get(0).get("road").asText()).isEqualTo("S228");
        assertThat(truth.get("spikes").get(0).get("duration").asText()).isEqualTo("PT1H");
        assertThat(truth.get("spikes").get(1).get("road").asText()).isEqualTo("G310");
        assertThat(truth.get("episodes").get(0).get("factor").asDouble()).isEqualTo(2.5);
        assertThat(truth.get("inspections").asLong()).isBetween(2_600L, 3_400L);
    }

    @Test
    void realTimeModeEmitsEachEventWhenItIsDue(@TempDir Path dir) throws Exception {
        long before = System.currentTimeMillis();

        int exit =
                SimulateCli.run(
                        new String[] {
                            "--realtime",
                            "--rate",
                            "200",
                            "--span",
                            "PT3S",
                            "--bad-rate",
                            "0",
                            "--out",
                            dir.toString()
                        });

        long after = System.currentTimeMillis();
        assertThat(exit).isZero();
        List<String> lines = Files.readAllLines(dir.resolve("inspections.jsonl"));
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            long ts = SimulateCli.dueTime(line);
            assertThat(ts).isBetween(before - 1_000, after);
        }
        // It took as long as the span: the events were paced by the clock, not dumped at once.
        assertThat(after - before).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void badOptionsGiveAOneLineReasonAndExitTwo() {
        assertThat(SimulateCli.run(new String[] {"--bad-rate", "2"})).isEqualTo(2);
        assertThat(SimulateCli.run(new String[] {"--span", "two hours"})).isEqualTo(2);
        assertThat(SimulateCli.run(new String[] {"--fines", "SPEEDING=10"})).isEqualTo(2);
        assertThat(
                        SimulateCli.run(
                                new String[] {
                                    "--spike", "G107,yesterday,PT1H,2", "--out", "/tmp/x"
                                }))
                .isEqualTo(1);
        assertThatThrownBy(() -> Scenario.none().with("G107,2026-11-20T00:00:00Z,PT1H,0", null))
                .hasMessageContaining("factor and duration must be positive");
        assertThat(new Scenario.Spike("R", Instant.EPOCH, Duration.ofMinutes(1), 2).covers(59_999))
                .isTrue();
        assertThat(new Scenario.Spike("R", Instant.EPOCH, Duration.ofMinutes(1), 2).covers(60_000))
                .isFalse();
    }
}
