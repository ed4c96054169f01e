package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

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

    static final ObjectMapper JSON = new ObjectMapper();

    static List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    static String[] args(Path out, String... more) {
        List<String> a =
                new ArrayList<>(
                        List.of(
                                "--start",
                                "2026-11-20T00:00:00Z",
                                "--span",
                                "PT3H",
                                "--events",
                                "1000",
                                "--bad-rate",
                                "0",
                                "--offline-rate",
                                "0",
                                "--out",
                                out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void theGroundTruthCountsEveryStationsPeriodsAndMessages(@TempDir Path dir) throws Exception {
        assertThat(SimulateCli.run(args(dir))).isZero();

        List<JsonNode> readings = lines(dir.resolve("readings.jsonl"));
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        assertThat(truth.get("readings").asLong()).isEqualTo(readings.size());
        Map<String, Integer> messages = new HashMap<>();
        Map<String, Set<Long>> periods = new HashMap<>();
        for (JsonNode n : readings) {
            String id = n.get("stationId").asText();
            messages.merge(id, 1, Integer::sum);
            // Both messages of a split feed's period lie within a few seconds of its grid.
            periods.computeIfAbsent(id, k -> new HashSet<>()).add(n.get("ts").asLong() / 60_000);
        }
        JsonNode stations = truth.get("stations");
        assertThat(stations.size()).isEqualTo(20);
        for (Map.Entry<String, Integer> e : messages.entrySet()) {
            JsonNode st = stations.get(e.getKey());
            assertThat(st.get("messages").asInt()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(st.get("periods").asInt())
                    .as(e.getKey())
                    .isEqualTo(periods.get(e.getKey()).size());
        }
        // 3 hours: 180 one-minute periods, 36 five-minute ones, 3 hourly; split feeds send two
        // messages a period.
        assertThat(stations.get("AQ-01").get("periods").asInt()).isEqualTo(180);
        assertThat(stations.get("AQ-05").get("messages").asInt()).isEqualTo(36);
        assertThat(stations.get("AQ-04").get("messages").asInt()).isEqualTo(72);
        assertThat(stations.get("AQ-08").get("messages").asInt()).isEqualTo(3);
        assertThat(stations.get("AQ-08").get("stamp").asText()).isEqualTo("END");
        assertThat(stations.get("AQ-08").get("period").asText()).isEqualTo("PT1H");
        assertThat(stations.get("AQ-16").get("plan").toString()).isEqualTo("[\"pm25\",\"pm10\"]");
        assertThat(stations.get("AQ-20").get("periodInMessages").asBoolean()).isTrue();
        assertThat(stations.get("AQ-20").get("split").asBoolean()).isTrue();
        assertThat(stations.get("AQ-19").get("periodInMessages").asBoolean()).isFalse();
    }

    @Test
    void readingIntervalOverridesEveryStationsPeriodAndTheReadingsSaySo(@TempDir Path dir)
            throws Exception {
        assertThat(SimulateCli.run(args(dir, "--reading-interval", "PT10M"))).isZero();

        long start = Instant.parse("2026-11-20T00:00:00Z").toEpochMilli();
        Map<String, Set<Long>> slots = new HashMap<>();
        for (JsonNode n : lines(dir.resolve("readings.jsonl"))) {
            assertThat(n.get("period").asText()).as(n.toString()).isEqualTo("PT10M");
            String id = n.get("stationId").asText();
            long ts = n.get("ts").asLong();
            // AQ-08 and AQ-17 stamp the end of the period, the others its start.
            long from = id.equals("AQ-08") || id.equals("AQ-17") ? ts - 600_000 : ts;
            // (a gas analyser's message up to 3 s later)
            assertThat(from).isBetween(start, start + 3 * 3_600_000L - 600_000 + 3_000);
            slots.computeIfAbsent(id, k -> new HashSet<>()).add(from / 600_000);
        }
        assertThat(slots).hasSize(20);
        assertThat(slots.values()).allSatisfy(s -> assertThat(s).hasSize(18));

        assertThat(SimulateCli.run(args(dir.resolve("none"), "--reading-interval", "PT0S")))
                .isZero();
        assertThat(Files.readAllLines(dir.resolve("none/readings.jsonl"))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("none/inspections.jsonl"))).isNotEmpty();
    }

    @Test
    void splitFeedsAreChosenByOption(@TempDir Path dir) throws Exception {
        assertThat(SimulateCli.run(args(dir.resolve("none"), "--split-feeds", "none"))).isZero();
        assertThat(SimulateCli.run(args(dir.resolve("one"), "--split-feeds", "AQ-05"))).isZero();

        for (String run : List.of("none", "one")) {
            Set<String> split = new HashSet<>();
            for (JsonNode n : lines(dir.resolve(run).resolve("readings.jsonl"))) {
                if (!n.has("tempC")) {
                    split.add(n.get("stationId").asText()); // a gas analyser's message
                }
            }
            assertThat(split).as(run).isEqualTo(run.equals("none") ? Set.of() : Set.of("AQ-05"));
        }
    }

    @Test
    void theHelpGivesTheDefaultCadence() {
        CommandSpec spec = new CommandLine(new SimulateCli()).getCommandSpec();
        assertThat(spec.commandLine().getUsageMessage())
                .contains("--reading-interval=D")
                .contains("--split-feeds=IDS");
        assertThat(String.join(" ", spec.findOption("--reading-interval").description()))
                .contains("PT5M where it declares none");
        assertThat(String.join(" ", spec.findOption("--split-feeds").description()))
                .contains("AQ-04,AQ-09,AQ-15,AQ-20");
    }

    @Test
    void badOptionsGiveAOneLineReasonAndExitTwo() {
        assertThat(SimulateCli.run(new String[] {"--reading-interval", "PT30S"})).isEqualTo(2);
        assertThat(SimulateCli.run(new String[] {"--reading-interval", "PT2H"})).isEqualTo(2);
        assertThat(SimulateCli.run(new String[] {"--reading-interval", "-PT5M"})).isEqualTo(2);
        assertThat(SimulateCli.run(new String[] {"--split-feeds", "AQ-04,AQ-99"})).isEqualTo(2);
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
