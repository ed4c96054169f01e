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
import org.dustwatch.model.Stamp;
import org.dustwatch.model.Station;
import org.dustwatch.model.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, statistical shape, injected episodes and faults of the simulated district. */
class DistrictSimulatorTest {

    static final ReferenceData DISTRICT = ReferenceData.bundled();
    static final Instant START = Instant.parse("2026-11-16T16:00:00Z"); // Tuesday 00:00 in Shanghai
    static final ObjectMapper JSON = new ObjectMapper();

    /** The split feeds of the bundled district, as docs/simulator.md lists them. */
    static final Set<String> SPLIT = Set.of("AQ-04", "AQ-09", "AQ-15", "AQ-20");

    static final List<String> PM = List.of("pm25", "pm10");
    static final List<String> GASES = List.of("so2", "no2", "co", "o3");
    static final List<String> WEATHER = List.of("tempC", "humidity", "windSpeed", "windDir");
    static final long MINUTE = 60_000, HOUR = 3_600_000;

    /** A station's period from its reference data, else the simulator's documented PT5M. */
    static long periodMs(Station st) {
        return st.period() != null ? st.period().toMillis() : 5 * MINUTE;
    }

    /** The pollutants of a station's plan, in field order. */
    static List<String> plan(Station st) {
        List<String> all = new ArrayList<>(PM);
        all.addAll(GASES);
        return all.stream()
                .filter(p -> st.plan().stream().anyMatch(q -> q.field().equals(p)))
                .toList();
    }

    /** The period a reading message says it averages, else its station's. */
    static long periodOf(JsonNode n) {
        return n.has("period")
                ? Duration.parse(n.get("period").asText()).toMillis()
                : periodMs(DISTRICT.station(n.get("stationId").asText()));
    }

    /** The start of the period a reading message covers, by its station's stamp. */
    static long startOf(JsonNode n) {
        Station st = DISTRICT.station(n.get("stationId").asText());
        long ts = n.get("ts").asLong();
        return st.stamp() == Stamp.END ? ts - periodOf(n) : ts;
    }

    /** No bad records, disorder or faults: every period of every station, whole. */
    static SimulationOptions quiet(long seed, Duration span, double perHour) {
        SimulationOptions d = options(seed, span, perHour);
        return new SimulationOptions(
                d.seed(),
                d.start(),
                d.span(),
                d.inspectionsPerHour(),
                d.readingInterval(),
                0,
                0,
                d.outOfOrderMax(),
                0,
                d.lateDelay(),
                0,
                0,
                0,
                0,
                d.fines(),
                Scenario.none(),
                d.splitFeeds());
    }

    static List<JsonNode> readings(List<SimEvent> events) {
        return events.stream()
                .filter(e -> e.topic().equals(Topics.READINGS))
                .map(DistrictSimulatorTest::json)
                .toList();
    }

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
        // Each station's periods in the 6 hours (360 one-minute, 72 five-minute or 6 hourly ones),
        // two messages each for a split feed, less the periods it was offline; duplicates are
        // identical lines.
        long expected = 0;
        for (Station st : DISTRICT.stations()) {
            long period = periodMs(st);
            expected +=
                    (6 * 3_600_000L / period - offlinePeriods(dir.resolve("a"), st.id(), period))
                            * (SPLIT.contains(st.id()) ? 2 : 1);
        }
        assertThat(new HashSet<>(Files.readAllLines(dir.resolve("a/readings.jsonl"))))
                .hasSize((int) expected);
        assertThat(expected).isLessThan(6 * 60 * 20 / 2);
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
                // The pollutants this message should carry: its station's plan, only the
                // particulates or only the gases for a split feed's two messages.
                Station st = DISTRICT.station(n.get("stationId").asText());
                for (String p : plan(st)) {
                    if (!SPLIT.contains(st.id()) || PM.contains(p) == n.has("tempC")) {
                        pollutantSlots++;
                        present += n.has(p) ? 1 : 0;
                    }
                }
                if (n.has("pm10") && n.has("pm25")) {
                    double[] h =
                            hourly.computeIfAbsent(
                                    townshipOfSt.get(st.id())
                                            + "@"
                                            + Math.floorDiv(startOf(n), 3_600_000L),
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
        // PM2.5 sums and counts: Xihe and the other townships, during the episode and outside.
        double[] xiheIn = new double[2], xiheOut = new double[2];
        double[] restIn = new double[2], restOut = new double[2];
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
            } else if (n.has("pm25")) {
                long ts = startOf(n);
                boolean xihe =
                        DISTRICT.station(n.get("stationId").asText()).township().equals("Xihe");
                boolean during = ts >= f && ts < episodeEnd;
                double[] c = xihe ? (during ? xiheIn : xiheOut) : (during ? restIn : restOut);
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
        // Against the rest of the district at the same hours: the haze and the daily curve are
        // the district's, the episode is Xihe's.
        assertThat(
                        (xiheIn[0] / xiheIn[1] / (restIn[0] / restIn[1]))
                                / (xiheOut[0] / xiheOut[1] / (restOut[0] / restOut[1])))
                .as("Xihe's PM2.5 over the district's during the episode vs outside")
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
                ts = r.eventTime();
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
                .isEqualTo(bad.get("IMPOSSIBLE_VALUE") + bad.get("PERIOD_TOO_LONG"));
        assertThat(reasons.get(RejectReason.WRONG_TYPE)).isEqualTo(bad.get("PERIOD_NOT_ISO"));
        assertThat(reasons.keySet())
                .containsExactlyInAnyOrder(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.UNKNOWN_ID,
                        RejectReason.UNKNOWN_ENUM,
                        RejectReason.IMPOSSIBLE_VALUE,
                        RejectReason.OVERSIZED,
                        RejectReason.WRONG_TYPE);
        assertThat(bad.values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(reasons.values().stream().mapToLong(Long::longValue).sum());
        assertThat(reasons.get(RejectReason.OVERSIZED)).isEqualTo(bad.get("OVERSIZED"));
        assertThat(duplicates).isEqualTo(t.duplicates()).isPositive();
        // Every late event trails the newest event time by its delay (15 min) less up to a minute.
        assertThat(late).isBetween(t.late() * 8 / 10, t.late()).isPositive();
        assertThat(t.outOfOrder()).isPositive();
    }

    @Test
    void eachStationReportsAtItsOwnCadenceAlignedToItsPeriodGridWhenThePeriodEnds() {
        List<SimEvent> events = run(quiet(21, Duration.ofDays(1), 500));
        // station -> local hour of the period's start -> period starts
        Map<String, Map<Long, Set<Long>>> slots = new HashMap<>();
        Map<String, List<Long>> hourlyTs = new HashMap<>();
        long lastEmit = Long.MIN_VALUE;
        for (SimEvent e : events) {
            assertThat(e.emitAt()).as("in emit order").isGreaterThanOrEqualTo(lastEmit);
            lastEmit = e.emitAt();
            if (!e.topic().equals(Topics.READINGS)) {
                continue;
            }
            JsonNode n = json(e);
            Station st = DISTRICT.station(n.get("stationId").asText());
            long period = periodMs(st);
            long ts = n.get("ts").asLong();
            long start = st.stamp() == Stamp.END ? ts - period : ts;
            boolean gas = !n.has("tempC");
            long offset = Math.floorMod(start, period);
            if (gas && SPLIT.contains(st.id())) {
                assertThat(offset).as("a gas analyser's delay").isBetween(300L, 3_000L);
            } else {
                assertThat(offset).as("%s on its %d ms grid", e.value(), period).isZero();
            }
            assertThat(e.emitAt())
                    .as("sent when its period has ended: " + e.value())
                    .isEqualTo(start + period);
            slots.computeIfAbsent(st.id(), k -> new HashMap<>())
                    .computeIfAbsent((start - START.toEpochMilli()) / HOUR, k -> new HashSet<>())
                    .add(start - offset);
            if (period == HOUR) {
                hourlyTs.computeIfAbsent(st.id(), k -> new ArrayList<>()).add(ts);
            }
        }
        Map<Long, Integer> perHourByPeriod = Map.of(MINUTE, 60, 5 * MINUTE, 12, HOUR, 1);
        for (Station st : DISTRICT.stations()) {
            int perHour = perHourByPeriod.get(periodMs(st));
            assertThat(slots.get(st.id())).as(st.id()).hasSize(24);
            slots.get(st.id())
                    .forEach(
                            (hour, starts) ->
                                    assertThat(starts)
                                            .as("%s's periods in hour %d", st.id(), hour)
                                            .hasSize(perHour));
        }
        assertThat(hourlyTs.keySet()).containsExactlyInAnyOrder("AQ-08", "AQ-17");
        List<Long> hourEnds = new ArrayList<>();
        for (int h = 1; h <= 24; h++) {
            hourEnds.add(START.toEpochMilli() + h * HOUR); // 01:00 means 00:00-01:00, local
        }
        assertThat(hourlyTs.get("AQ-08")).containsExactlyElementsOf(hourEnds);
        assertThat(hourlyTs.get("AQ-17")).containsExactlyElementsOf(hourEnds);
    }

    @Test
    void aReadingSaysItsPeriodOnlyWhenTheReferenceDataDoesNotAndThePipelineReadsItRight() {
        ReadingDecoder decoder =
                new ReadingDecoder(
                        DISTRICT,
                        DecoderOptions.defaults(),
                        Clock.fixed(START.plus(Duration.ofDays(2)), ZoneOffset.UTC));
        SimulationOptions own = quiet(22, Duration.ofHours(3), 500);
        for (Duration override : java.util.Arrays.asList(null, Duration.ofMinutes(1))) {
            SimulationOptions o = override == null ? own : own.withReadingInterval(override);
            Map<String, Set<Long>> starts = new HashMap<>();
            for (JsonNode n : readings(run(o))) {
                Station st = DISTRICT.station(n.get("stationId").asText());
                long period = override != null ? override.toMillis() : periodMs(st);
                boolean declared = st.period() != null && st.period().toMillis() == period;
                assertThat(n.has("period")).as(n.toString()).isEqualTo(!declared);
                if (!declared) {
                    assertThat(Duration.parse(n.get("period").asText()).toMillis())
                            .isEqualTo(period);
                }
                long ts = n.get("ts").asLong();
                long start = st.stamp() == Stamp.END ? ts - period : ts;
                org.dustwatch.model.Reading r =
                        ((Decoded.Ok<org.dustwatch.model.Reading>)
                                        decoder.decode(
                                                n.toString().getBytes(StandardCharsets.UTF_8)))
                                .value();
                assertThat(r.start()).as(n.toString()).isEqualTo(start);
                assertThat(r.periodMs()).as(n.toString()).isEqualTo(period);
                starts.computeIfAbsent(st.id(), k -> new HashSet<>())
                        .add(start - Math.floorMod(start, period));
            }
            for (Station st : DISTRICT.stations()) {
                long period = override != null ? override.toMillis() : periodMs(st);
                assertThat(starts.get(st.id()))
                        .as("%s under %s", st.id(), override)
                        .hasSize((int) (3 * HOUR / period));
            }
        }
        // Both paths occur in the bundled district at its own cadences: AQ-10 and AQ-20 declare no
        // period, so their readings say PT5M; the others' say nothing.
        assertThat(
                        readings(run(own)).stream()
                                .filter(n -> n.has("period"))
                                .map(n -> n.get("stationId").asText() + " " + n.get("period"))
                                .distinct())
                .containsExactlyInAnyOrder("AQ-10 \"PT5M\"", "AQ-20 \"PT5M\"");
    }

    @Test
    void aSplitFeedSendsParticulatesAndGasesApartAndTheyMergeIntoTheUnsplitReading() {
        SimulationOptions split = quiet(23, Duration.ofHours(12), 500);
        List<SimEvent> events = run(split);
        List<JsonNode> unsplit = readings(run(split.withSplitFeeds(Set.of())));
        // station@slot -> the messages of that period, in emit order
        Map<String, List<JsonNode>> byPeriod = new java.util.LinkedHashMap<>();
        for (JsonNode n : readings(events)) {
            long period = periodOf(n);
            long start = startOf(n);
            byPeriod.computeIfAbsent(
                            n.get("stationId").asText()
                                    + "@"
                                    + (start - Math.floorMod(start, period)),
                            k -> new ArrayList<>())
                    .add(n);
        }
        Map<String, JsonNode> merged = new HashMap<>();
        int pairs = 0;
        for (Map.Entry<String, List<JsonNode>> p : byPeriod.entrySet()) {
            String station = p.getKey().substring(0, p.getKey().indexOf('@'));
            List<JsonNode> ms = p.getValue();
            if (!SPLIT.contains(station)) {
                assertThat(ms).as(p.getKey()).hasSize(1);
                merged.put(p.getKey(), ms.get(0));
                continue;
            }
            assertThat(ms).as(p.getKey()).hasSize(2);
            pairs++;
            JsonNode pm = ms.get(0), gas = ms.get(1);
            Set<String> common = new HashSet<>(Set.of("stationId", "ts"));
            if (pm.has("period")) {
                common.add("period");
            }
            Set<String> pmFields = new HashSet<>(common), gasFields = new HashSet<>(common);
            pmFields.addAll(PM);
            pmFields.addAll(WEATHER);
            gasFields.addAll(GASES);
            assertThat(fields(pm)).as("the PM monitor's message").isEqualTo(pmFields);
            assertThat(fields(gas)).as("the gas analyser's message").isEqualTo(gasFields);
            assertThat(gas.get("ts").asLong() - pm.get("ts").asLong())
                    .as("the gas analyser's ts, a little later")
                    .isBetween(300L, 3_000L);
            com.fasterxml.jackson.databind.node.ObjectNode m = pm.deepCopy();
            gas.fields()
                    .forEachRemaining(
                            f -> {
                                if (!f.getKey().equals("ts")) {
                                    m.set(f.getKey(), f.getValue());
                                }
                            });
            merged.put(p.getKey(), m);
        }
        assertThat(pairs).isEqualTo(4 * 12 * 12);
        Map<String, JsonNode> expected = new HashMap<>();
        for (JsonNode n : unsplit) {
            long period = periodOf(n);
            expected.put(n.get("stationId").asText() + "@" + (startOf(n) - startOf(n) % period), n);
        }
        // Splitting changes the messages, not the station's values (field order aside).
        assertThat(merged).isEqualTo(expected);
        GroundTruth t = new DistrictSimulator(DISTRICT, split).groundTruth();
        assertThat(t.stations().get("AQ-04").split()).isTrue();
        assertThat(t.stations().get("AQ-05").split()).isFalse();
    }

    @Test
    void aMessageKeepsOnePollutantHoweverManyGoMissing() {
        SimulationOptions q = quiet(26, Duration.ofHours(2), 200);
        SimulationOptions o =
                new SimulationOptions(
                        q.seed(),
                        q.start(),
                        q.span(),
                        q.inspectionsPerHour(),
                        q.readingInterval(),
                        0,
                        0,
                        q.outOfOrderMax(),
                        0,
                        q.lateDelay(),
                        0,
                        0.95,
                        0,
                        0,
                        q.fines(),
                        Scenario.none(),
                        q.splitFeeds());
        ReadingDecoder decoder =
                new ReadingDecoder(
                        DISTRICT,
                        DecoderOptions.defaults(),
                        Clock.fixed(START.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        DistrictSimulator sim = new DistrictSimulator(DISTRICT, o);
        long omitted = 0;
        while (sim.hasNext()) {
            SimEvent e = sim.next();
            if (!e.topic().equals(Topics.READINGS)) {
                continue;
            }
            assertThat(decoder.decode(e.value().getBytes(StandardCharsets.UTF_8)))
                    .as(e.value())
                    .isInstanceOf(Decoded.Ok.class);
            JsonNode n = json(e);
            Station st = DISTRICT.station(n.get("stationId").asText());
            for (String p : plan(st)) {
                if (!SPLIT.contains(st.id()) || PM.contains(p) == n.has("tempC")) {
                    omitted += n.has(p) ? 0 : 1;
                }
            }
        }
        assertThat(sim.groundTruth().missingValues()).isEqualTo(omitted).isPositive();
    }

    static Set<String> fields(JsonNode n) {
        Set<String> f = new HashSet<>();
        n.fieldNames().forEachRemaining(f::add);
        return f;
    }

    @Test
    void aStationReportsOnlyThePollutantsOfItsPlan(@TempDir Path dir) throws Exception {
        SimulationOptions base = options(24, Duration.ofDays(2), 500);
        SimulationOptions o =
                new SimulationOptions(
                        base.seed(),
                        base.start(),
                        base.span(),
                        base.inspectionsPerHour(),
                        null,
                        0,
                        0,
                        base.outOfOrderMax(),
                        0,
                        base.lateDelay(),
                        0,
                        0.02,
                        0.2, // stuck sensors often, to see which can stick
                        0,
                        base.fines(),
                        Scenario.none(),
                        Set.of("AQ-04", "GAS"));
        Files.writeString(
                dir.resolve("cp.csv"),
                "id,name,road,township,type,lat,lon\nC1,c,R,T,FIXED,36.4,114.3\n");
        Files.writeString(
                dir.resolve("st.csv"),
                "id,name,township,lat,lon,period,stamp,plan\n"
                        + "DUST,d,T,36.4,114.3,PT5M,start,pm25 pm10\n"
                        + "GAS,g,T,36.4,114.3,PT5M,start,so2 no2\n");
        ReferenceData gasOnly = ReferenceData.load(dir.resolve("cp.csv"), dir.resolve("st.csv"));
        for (ReferenceData district : List.of(DISTRICT, gasOnly)) {
            DistrictSimulator sim = new DistrictSimulator(district, o);
            Map<String, Set<String>> seen = new HashMap<>();
            while (sim.hasNext()) {
                SimEvent e = sim.next();
                if (e.topic().equals(Topics.READINGS)) {
                    JsonNode n = json(e);
                    seen.computeIfAbsent(n.get("stationId").asText(), k -> new HashSet<>())
                            .addAll(fields(n));
                }
            }
            for (Station st : district.stations()) {
                Set<String> pollutants = new HashSet<>(seen.get(st.id()));
                pollutants.retainAll(new HashSet<>(plan(DISTRICT.station("AQ-01"))));
                assertThat(pollutants).as(st.id()).isEqualTo(new HashSet<>(plan(st)));
                assertThat(seen.get(st.id())).as(st.id()).containsAll(WEATHER);
            }
            GroundTruth t = sim.groundTruth();
            for (GroundTruth.Stuck stuck : t.stuckSensors()) {
                assertThat(plan(district.station(stuck.station()))).contains(stuck.pollutant());
            }
            assertThat(t.stuckSensors())
                    .anyMatch(x -> x.station().equals(district == DISTRICT ? "AQ-16" : "DUST"));
        }
        assertThat(plan(DISTRICT.station("AQ-16"))).containsExactly("pm25", "pm10");
        // A split feed with gases only has no PM monitor: one message, weather included.
        GroundTruth t = new DistrictSimulator(gasOnly, o).groundTruth();
        assertThat(t.stations().get("GAS").split()).isFalse();
        assertThat(t.stations().get("GAS").plan()).containsExactly("so2", "no2");
    }

    @Test
    void pmTwoPointFiveIsNorthChinaLikeAndItsShareOfPm10FallsWithSpillage() {
        SimulationOptions base = options(25, Duration.ofDays(6), 2_000);
        SimulationOptions o = // the default sensor faults, no bad records
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
                        base.missingRate(),
                        base.stuckRate(),
                        base.offlineRate(),
                        base.fines(),
                        Scenario.none(),
                        base.splitFeeds());
        Map<String, String> townshipOfCp = new HashMap<>();
        DISTRICT.checkpoints().forEach(c -> townshipOfCp.put(c.id(), c.township()));
        Map<String, Integer> spills = new HashMap<>(); // township@hour
        Map<String, double[]> stationHours = new HashMap<>(); // station@hour -> sums and counts
        for (SimEvent e : run(o)) {
            JsonNode n = json(e);
            if (n.has("checkpointId")) {
                if (n.get("violations").toString().contains("SPILLAGE")) {
                    long ms =
                            java.time.OffsetDateTime.parse(n.get("ts").asText())
                                    .toInstant()
                                    .toEpochMilli();
                    spills.merge(
                            townshipOfCp.get(n.get("checkpointId").asText()) + "@" + ms / HOUR,
                            1,
                            Integer::sum);
                }
                continue;
            }
            double[] h =
                    stationHours.computeIfAbsent(
                            n.get("stationId").asText() + "@" + Math.floorDiv(startOf(n), HOUR),
                            k -> new double[12]);
            List<String> all = new ArrayList<>(PM);
            all.addAll(GASES);
            for (int i = 0; i < all.size(); i++) {
                if (n.has(all.get(i))) {
                    h[2 * i] += n.get(all.get(i)).asDouble();
                    h[2 * i + 1]++;
                }
            }
        }
        List<double[]> hours = new ArrayList<>(); // {spills in this and the past hour, ratio}
        int[] levels = new int[7];
        Map<String, double[]> days = new HashMap<>();
        for (Map.Entry<String, double[]> e : stationHours.entrySet()) {
            String station = e.getKey().substring(0, e.getKey().indexOf('@'));
            long hour = Long.parseLong(e.getKey().substring(e.getKey().indexOf('@') + 1));
            String township = DISTRICT.station(station).township();
            double[] h = e.getValue();
            if (h[1] == 0 || h[3] == 0) {
                continue; // no PM this hour (missing values, a station hour cut by an outage)
            }
            double pm25 = h[0] / h[1], pm10 = h[2] / h[3];
            hours.add(
                    new double[] {
                        spills.getOrDefault(township + "@" + hour, 0)
                                + spills.getOrDefault(township + "@" + (hour - 1), 0),
                        pm25 / pm10
                    });
            double aqi = Math.max(iaqi(pm25, HJ2026_PM25), iaqi(pm10, HJ2026_PM10));
            double[][] gasRows = {SO2_1H, NO2_1H, CO_1H, O3_1H};
            for (int g = 0; g < 4; g++) {
                if (h[5 + 2 * g] > 0) {
                    aqi = Math.max(aqi, iaqi(h[4 + 2 * g] / h[5 + 2 * g], gasRows[g]));
                }
            }
            levels[level((int) Math.ceil(aqi))]++;
            double[] d =
                    days.computeIfAbsent(
                            station + "@" + Math.floorDiv(hour + 8, 24), k -> new double[2]);
            d[0] += pm25;
            d[1]++;
        }
        hours.sort(java.util.Comparator.comparingDouble(x -> x[0]));
        int n = hours.size();
        List<Double> all = ratios(hours, 0, n);
        List<Double> light = ratios(hours, 0, n / 4); // the quarter with least spillage
        List<Double> heavy = ratios(hours, n - n / 10, n); // the tenth with most
        // North China Plain observations: about 0.5-0.7 (docs/simulator.md); dust lowers it.
        assertThat(median(all)).isBetween(0.5, 0.65);
        assertThat(median(light)).isBetween(0.55, 0.7);
        assertThat(quantile(light, 0.05)).isGreaterThan(0.45);
        assertThat(quantile(light, 0.95)).isLessThan(0.7);
        assertThat(median(heavy)).isLessThan(median(light) - 0.05);
        assertThat(quantile(heavy, 0.05)).isLessThan(0.45).isGreaterThan(0.2);
        // Daily PM2.5 of a North China winter: commonly 30-150 µg/m³.
        List<Double> daily =
                days.values().stream().filter(d -> d[1] >= 20).map(d -> d[0] / d[1]).toList();
        assertThat(median(daily)).isBetween(40.0, 110.0);
        assertThat(quantile(daily, 0.05)).isGreaterThan(20.0);
        assertThat(quantile(daily, 0.95)).isLessThan(200.0);
        // Every AQI level from excellent to moderately polluted occurs, in real-time reports.
        for (int level = 1; level <= 4; level++) {
            assertThat(levels[level]).as("station-hours at level %d", level).isGreaterThan(n / 100);
        }
    }

    // HJ 633—2026 breakpoints at IAQI 0, 50, 100, 150, 200, 300, 400, 500 (docs/aqi.md), typed
    // again: PM rows are the 24-h ones, which the real-time report applies to 1-h means.
    static final double[] HJ2026_PM25 = {0, 35, 60, 115, 150, 250, 350, 500};
    static final double[] HJ2026_PM10 = {0, 50, 120, 250, 350, 420, 500, 600};
    static final double[] SO2_1H = {0, 150, 500, 650, 800};
    static final double[] NO2_1H = {0, 100, 200, 700, 1200, 2340, 3090, 3840};
    static final double[] CO_1H = {0, 5, 10, 35, 60, 90, 120, 150};
    static final double[] O3_1H = {0, 160, 200, 300, 400, 800, 1000, 1200};

    static double iaqi(double c, double[] bp) {
        int[] index = {0, 50, 100, 150, 200, 300, 400, 500};
        for (int i = 1; i < bp.length; i++) {
            if (c <= bp[i]) {
                return index[i - 1]
                        + (index[i] - index[i - 1]) * (c - bp[i - 1]) / (bp[i] - bp[i - 1]);
            }
        }
        return 500;
    }

    static int level(int aqi) {
        return aqi <= 50
                ? 1
                : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : aqi <= 300 ? 5 : 6;
    }

    static List<Double> ratios(List<double[]> sorted, int from, int to) {
        return sorted.subList(from, to).stream().map(x -> x[1]).sorted().toList();
    }

    static double median(List<Double> xs) {
        return quantile(xs, 0.5);
    }

    static double quantile(List<Double> xs, double q) {
        List<Double> s = xs.stream().sorted().toList();
        return s.get((int) Math.min(s.size() - 1, Math.floor(q * s.size())));
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

    /** The periods of a station that start inside its outages (and inside the span). */
    static long offlinePeriods(Path dir, String station, long period) throws Exception {
        JsonNode truth = JSON.readTree(dir.resolve("ground-truth.json").toFile());
        long end = Instant.parse(truth.get("end").asText()).toEpochMilli();
        long n = 0;
        for (JsonNode off : truth.get("offlineStations")) {
            if (!off.get("station").asText().equals(station)) {
                continue;
            }
            long from = Instant.parse(off.get("from").asText()).toEpochMilli();
            long to = Math.min(Instant.parse(off.get("to").asText()).toEpochMilli(), end);
            for (long p = from; p < to && p + period <= end; p += period) {
                n++;
            }
        }
        return n;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
