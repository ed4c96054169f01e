package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.RejectReason;
import org.dustwatch.model.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, statistical shape, injected episodes and faults of the simulated district. */
class DistrictSimulatorTest {

    static final ReferenceData DISTRICT = ReferenceData.bundled();
    static final Instant START = Instant.parse("2026-11-16T16:00:00Z"); // Tuesday 00:00 in Shanghai
    static final ObjectMapper JSON = new ObjectMapper();

    static SimulationOptions options(long seed, Duration span, double perHour) {
        return SimulationOptions.defaults(seed, START, span, perHour);
    }

    static List<SimEvent> run(SimulationOptions o) {
        List<SimEvent> out = new ArrayList<>();
        new DistrictSimulator(DISTRICT, o).forEachRemaining(out::add);
        return out;
    }

    static JsonNode json(SimEvent e) {
        try {
            return JSON.readTree(e.value());
        } catch (Exception ex) {
            throw new AssertionError("not JSON: " + e.value(), ex);
        }
    }

    @Test
    void theSameSeedGivesByteIdenticalFilesAndAnotherSeedDifferentOnes(@TempDir Path dir)
            throws Exception {
        String[] args = {
            "--events",
            "5000",
            "--span",
            "PT6H",
            "--start",
            "2026-11-20T00:00:00Z",
            "--bad-rate",
            "0.02",
            "--duplicate-rate",
            "0.01"
        };
        for (String run : List.of("a", "b", "c")) {
            String[] full =
                    concat(
                            args,
                            "--seed",
                            run.equals("c") ? "2" : "1",
                            "--out",
                            dir.resolve(run).toString());
            assertThat(SimulateCli.run(full)).isZero();
        }
        for (String f : List.of("inspections.jsonl", "readings.jsonl", "ground-truth.json")) {
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(f)));
            assertThat(Files.readAllBytes(dir.resolve("a").resolve(f)))
                    .isNotEqualTo(Files.readAllBytes(dir.resolve("c").resolve(f)));
        }
        assertThat(Files.readAllLines(dir.resolve("a/inspections.jsonl")))
                .hasSizeBetween(4_500, 5_600);
        // One reading per station and minute, less the minutes a station was offline; duplicates
        // are identical lines.
        assertThat(new HashSet<>(Files.readAllLines(dir.resolve("a/readings.jsonl"))))
                .hasSize(6 * 60 * 20 - offline(dir.resolve("a")));
    }

    @Test
    void violationOddsFollowTheCargoAndTrafficPeaksAtNight() {
        SimulationOptions o = options(7, Duration.ofDays(7), 2_000);
        DistrictSimulator sim = new DistrictSimulator(DISTRICT, o);
        long[] byLocalHour = new long[24];
        while (sim.hasNext()) {
            SimEvent e = sim.next();
            if (e.topic().equals(Topics.INSPECTIONS) && e.value().endsWith("}")) {
                JsonNode n = json(e);
                if (n.has("ts")) {
                    byLocalHour[Integer.parseInt(n.get("ts").asText().substring(11, 13))]++;
                }
            }
        }
        GroundTruth t = sim.groundTruth();
        // [inspected, violating, uncovered, overheight, overload, spillage]
        double muckUncovered = rate(t.cargo().get("MUCK"), 2);
        double coalUncovered = rate(t.cargo().get("COAL"), 2);
        double stoneSpillage = rate(t.cargo().get("STONE_POWDER"), 5);
        // Base odds 0.20, 0.06, 0.12, times checkpoint factors averaging about 1.
        assertThat(muckUncovered).isBetween(0.15, 0.26);
        assertThat(coalUncovered).isBetween(0.04, 0.085);
        assertThat(stoneSpillage).isBetween(0.08, 0.16);
        assertThat(t.cargo().get("EMPTY")[2]).isZero();
        assertThat(muckUncovered / coalUncovered).isGreaterThan(2.5);
        // Haulage peaks at night: 00-04 local carries well over twice the traffic of 06-10.
        long night = byLocalHour[0] + byLocalHour[1] + byLocalHour[2] + byLocalHour[3];
        long morning = byLocalHour[6] + byLocalHour[7] + byLocalHour[8] + byLocalHour[9];
        assertThat((double) night / morning).isGreaterThan(2.0);
        assertThat(t.inspections()).isBetween(7 * 24 * 2_000L * 8 / 10, 7 * 24 * 2_000L * 11 / 10);
    }

    @Test
    void theRepeatOffenderFleetIsCaughtAgainAndAgainAndOnlyWhenViolating() {
        Map<String, Integer> fleetViolations = new HashMap<>();
        long violating = 0;
        long otherPlatesSeenTwice = 0;
        Set<String> otherPlates = new HashSet<>();
        for (SimEvent e : run(options(5, Duration.ofHours(6), 2_000))) {
            if (!e.topic().equals(Topics.INSPECTIONS) || !e.value().endsWith("}")) {
                continue;
            }
            JsonNode n = json(e);
            if (!n.has("plate") || !n.path("violations").isArray()) {
                continue;
            }
            String plate = n.get("plate").asText();
            boolean fleet = DistrictSimulator.REPEAT_OFFENDERS.contains(plate);
            if (n.get("violations").isEmpty()) {
                assertThat(fleet).as("a fleet plate on a clean truck: " + plate).isFalse();
                continue;
            }
            violating++;
            if (fleet) {
                fleetViolations.merge(plate, 1, Integer::sum);
            } else if (!otherPlates.add(plate)) {
                otherPlatesSeenTwice++;
            }
        }
        long fleet = fleetViolations.values().stream().mapToLong(Integer::longValue).sum();
        assertThat((double) fleet / violating).isBetween(0.15, 0.25);
        assertThat(fleetViolations).hasSize(DistrictSimulator.REPEAT_OFFENDERS.size());
        assertThat(fleetViolations.values()).allMatch(v -> v >= 3);
        // Other plates are drawn from 720,000: a repeat among them is chance, and rare.
        assertThat(otherPlatesSeenTwice).isLessThan(violating / 100);
    }

    @Test
    void faultsComeAtTheirRatesAndPm10FollowsSpillage() {
        SimulationOptions base = options(11, Duration.ofDays(3), 3_000);
        SimulationOptions o =
                new SimulationOptions(
                        base.seed(),
                        base.start(),
                        base.span(),
                        base.inspectionsPerHour(),
                        base.readingInterval(),
                        0,
                        0,
                        base.outOfOrderMax(),
                        0,
                        base.lateDelay(),
                        0,
                        0.05,
                        0.05,
                        0.02,
                        base.fines(),
                        Scenario.none());
        DistrictSimulator sim = new DistrictSimulator(DISTRICT, o);
        Map<String, String> townshipOfCp = new HashMap<>();
        DISTRICT.checkpoints().forEach(c -> townshipOfCp.put(c.id(), c.township()));
        Map<String, String> townshipOfSt = new HashMap<>();
        DISTRICT.stations().forEach(s -> townshipOfSt.put(s.id(), s.township()));
        Map<String, double[]> hourly =
                new HashMap<>(); // township@hour -> spills, sum(pm10 - 1.7 pm25), n
        long pollutantSlots = 0, present = 0;
        while (sim.hasNext()) {
            JsonNode n = json(sim.next());
            if (n.has("checkpointId")) {
                long hour =
                        Instant.parse(n.get("ts").asText().replace("+08:00", "Z")).toEpochMilli()
                                        / 3_600_000
                                - 8;
                if (n.get("violations").toString().contains("SPILLAGE")) {
                    hourly.computeIfAbsent(
                                    townshipOfCp.get(n.get("checkpointId").asText()) + "@" + hour,
                                    k -> new double[3])[0]++;
                }
            } else {
                pollutantSlots += 6;
                for (String p : List.of("pm25", "pm10", "so2", "no2", "co", "o3")) {
                    present += n.has(p) ? 1 : 0;
                }
                if (n.has("pm10") && n.has("pm25")) {
                    double[] h =
                            hourly.computeIfAbsent(
                                    townshipOfSt.get(n.get("stationId").asText())
                                            + "@"
                                            + n.get("ts").asLong() / 3_600_000,
                                    k -> new double[3]);
                    h[1] += n.get("pm10").asDouble() - 1.7 * n.get("pm25").asDouble();
                    h[2]++;
                }
            }
        }
        GroundTruth t = sim.groundTruth();
        assertThat((double) (pollutantSlots - present) / pollutantSlots).isBetween(0.04, 0.06);
        assertThat(t.missingValues()).isEqualTo(pollutantSlots - present);
        // Rates per station-hour: 20 stations × 72 h × 0.05 = 72 stuck periods expected (fewer
        // while already stuck); outages 29 expected (fewer while offline).
        assertThat(t.stuckSensors().size()).isBetween(35, 110);
        assertThat(t.offlineStations().size()).isBetween(10, 50);
        // The coarse excess of PM10 over PM2.5 rises with the township's spillage.
        List<double[]> pairs = new ArrayList<>();
        hourly.values().stream()
                .filter(h -> h[2] > 0)
                .forEach(h -> pairs.add(new double[] {h[0], h[1] / h[2]}));
        assertThat(correlation(pairs)).isGreaterThan(0.4);
    }

    @Test
    void spikesAndEpisodesAreInTheTruthAndVisibleInTheData() {
        Instant from = START.plus(Duration.ofHours(10));
        SimulationOptions base = options(5, Duration.ofDays(1), 4_000);
        Scenario scenario =
                Scenario.none().with("G107," + from + ",PT3H,4", "Xihe," + from + ",PT4H,3");
        SimulationOptions o =
                new SimulationOptions(
                        base.seed(),
                        base.start(),
                        base.span(),
                        base.inspectionsPerHour(),
                        base.readingInterval(),
                        0,
                        0,
                        base.outOfOrderMax(),
                        0,
                        base.lateDelay(),
                        0,
                        0,
                        0,
                        0,
                        base.fines(),
                        scenario);
        DistrictSimulator sim = new DistrictSimulator(DISTRICT, o);
        Set<String> g107 = new HashSet<>();
        DISTRICT.checkpoints().stream()
                .filter(c -> c.road().equals("G107"))
                .forEach(c -> g107.add(c.id()));
        long[] in = new long[2], out = new long[2];
        double[] xiheIn = new double[2], xiheOut = new double[2];
        long f = from.toEpochMilli(),
                spikeEnd = f + 3 * 3_600_000L,
                episodeEnd = f + 4 * 3_600_000L;
        while (sim.hasNext()) {
            JsonNode n = json(sim.next());
            if (n.has("checkpointId") && g107.contains(n.get("checkpointId").asText())) {
                long ts =
                        Instant.parse(n.get("ts").asText().replace("+08:00", "Z")).toEpochMilli()
                                - 8 * 3_600_000L;
                long[] c = ts >= f && ts < spikeEnd ? in : out;
                c[0]++;
                c[1] += n.get("violations").isEmpty() ? 0 : 1;
            } else if (n.has("stationId")
                    && DISTRICT.station(n.get("stationId").asText()).township().equals("Xihe")) {
                long ts = n.get("ts").asLong();
                double[] c = ts >= f && ts < episodeEnd ? xiheIn : xiheOut;
                c[0] += n.get("pm25").asDouble();
                c[1]++;
            }
        }
        GroundTruth t = sim.groundTruth();
        assertThat(t.spikes())
                .singleElement()
                .satisfies(s -> assertThat(s.road()).isEqualTo("G107"));
        assertThat(t.episodes())
                .singleElement()
                .satisfies(e -> assertThat(e.township()).isEqualTo("Xihe"));
        double rateIn = (double) in[1] / in[0], rateOut = (double) out[1] / out[0];
        assertThat(rateIn / rateOut)
                .as("G107 violation rate during the spike vs outside")
                .isGreaterThan(2.2);
        assertThat((xiheIn[0] / xiheIn[1]) / (xiheOut[0] / xiheOut[1]))
                .as("Xihe PM2.5 during the episode vs outside")
                .isGreaterThan(2.0);
    }

    @Test
    void badRecordsAreRejectedForTheirKindAndDisorderAndDuplicatesAreReal() {
        SimulationOptions base = options(3, Duration.ofHours(12), 3_000);
        SimulationOptions o =
                new SimulationOptions(
                        base.seed(),
                        base.start(),
                        base.span(),
                        base.inspectionsPerHour(),
                        base.readingInterval(),
                        0.05,
                        0.02,
                        base.outOfOrderMax(),
                        0.01,
                        Duration.ofMinutes(15),
                        0.01,
                        0,
                        0,
                        0,
                        base.fines(),
                        Scenario.none());
        Clock after = Clock.fixed(START.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        InspectionDecoder inspections =
                new InspectionDecoder(DISTRICT, DecoderOptions.defaults(), after);
        ReadingDecoder readings = new ReadingDecoder(DISTRICT, DecoderOptions.defaults(), after);
        DistrictSimulator sim = new DistrictSimulator(DISTRICT, o);
        Map<RejectReason, Long> reasons = new HashMap<>();
        Set<String> ids = new HashSet<>();
        long duplicates = 0, late = 0, maxTs = Long.MIN_VALUE;
        while (sim.hasNext()) {
            SimEvent e = sim.next();
            byte[] bytes = e.value().getBytes(StandardCharsets.UTF_8);
            Decoded<?> d =
                    e.topic().equals(Topics.INSPECTIONS)
                            ? inspections.decode(bytes)
                            : readings.decode(bytes);
            if (d instanceof Decoded.Rejected<?> r) {
                reasons.merge(r.reason(), 1L, Long::sum);
                continue;
            }
            long ts;
            String id;
            if (d instanceof Decoded.Ok<?> ok
                    && ok.value() instanceof org.dustwatch.model.Inspection i) {
                ts = i.ts();
                id = i.eventId();
            } else {
                org.dustwatch.model.Reading r =
                        (org.dustwatch.model.Reading) ((Decoded.Ok<?>) d).value();
                ts = r.ts();
                id = r.stationId() + "@" + r.ts();
            }
            if (!ids.add(id)) {
                duplicates++;
            } else if (ts < maxTs - 14 * 60_000) {
                late++;
            }
            maxTs = Math.max(maxTs, ts);
        }
        GroundTruth t = sim.groundTruth();
        Map<String, Long> bad = t.badRecords();
        assertThat(reasons.get(RejectReason.MALFORMED_JSON)).isEqualTo(bad.get("MALFORMED_JSON"));
        assertThat(reasons.get(RejectReason.UNKNOWN_ID)).isEqualTo(bad.get("UNKNOWN_ID"));
        assertThat(reasons.get(RejectReason.UNKNOWN_ENUM)).isEqualTo(bad.get("BAD_ENUM"));
        assertThat(reasons.get(RejectReason.IMPOSSIBLE_VALUE))
                .isEqualTo(bad.get("IMPOSSIBLE_VALUE"));
        assertThat(reasons.get(RejectReason.OVERSIZED)).isEqualTo(bad.get("OVERSIZED"));
        assertThat(duplicates).isEqualTo(t.duplicates()).isPositive();
        // Every late event trails the newest event time by its delay (15 min) less up to a minute.
        assertThat(late).isBetween(t.late() * 8 / 10, t.late()).isPositive();
        assertThat(t.outOfOrder()).isPositive();
    }

    static double rate(long[] counts, int index) {
        return (double) counts[index] / counts[0];
    }

    static double correlation(List<double[]> xy) {
        double n = xy.size(), sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (double[] p : xy) {
            sx += p[0];
            sy += p[1];
            sxx += p[0] * p[0];
            syy += p[1] * p[1];
            sxy += p[0] * p[1];
        }
        return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
    }

    static int offline(Path dir) throws Exception {
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        int missingReadings = 0;
        for (JsonNode off : truth.get("offlineStations")) {
            long from = Instant.parse(off.get("from").asText()).toEpochMilli();
            long to =
                    Math.min(
                            Instant.parse(off.get("to").asText()).toEpochMilli(),
                            Instant.parse(truth.get("end").asText()).toEpochMilli());
            missingReadings += (int) ((to - from) / 60_000);
        }
        return missingReadings;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
