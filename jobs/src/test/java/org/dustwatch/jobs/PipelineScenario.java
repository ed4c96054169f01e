package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dustwatch.jobs.testing.InfluxAnswers;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.PlateKey;

/**
 * The pipeline scenario of {@link PipelineIT} (a real broker and influxd) and {@link TopologyTest}
 * (scripted sources and collecting sinks): the input, which mixes out-of-order, late-but-allowed,
 * too-late, duplicate, malformed and unknown-id records; the values this class computes on its own
 * from the input and a hand-written copy of the reference rows, without the job's classes; and the
 * comparison of those with what a run wrote, read back through {@link Written} the same way from
 * either tier.
 */
final class PipelineScenario {
    private PipelineScenario() {}

    /** 2026-11-20 08:00 in Shanghai; events are offsets in seconds from it. */
    static final Instant BASE = Instant.parse("2026-11-20T00:00:00Z");

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static final Map<String, String[]> CHECKPOINTS =
            Map.of(
                    "CP-01", new String[] {"G107", "Dongcheng"},
                    "CP-02", new String[] {"G107", "Xihe"},
                    "CP-12", new String[] {"S312", "Dongcheng"});
    static final Map<String, String> STATIONS =
            Map.of("AQ-01", "Dongcheng", "AQ-02", "Dongcheng", "AQ-03", "Xihe");
    static final String[] POLLUTANTS = {"pm25", "pm10", "so2", "no2", "co", "o3"};
    static final String[] WEATHER = {"tempC", "humidity", "windSpeed"};
    static final String[] WEATHER_FIELDS = {"temp_c", "humidity", "wind_speed"};

    /** Every inspection's truck: with three violations in minute 0 it is a repeat offender. */
    static final String PLATE = "冀B·77777";

    static final byte[] PLATE_KEY =
            "pipeline-it plate key, 32 bytes".getBytes(StandardCharsets.UTF_8);

    static final String PLATE_HASH = PlateKey.of(PLATE_KEY, "test").hasher().hash(PLATE);

    record In(String id, String cp, long offset, String violations, int fine, boolean counts) {
        String json() {
            String v =
                    violations.isEmpty()
                            ? ""
                            : "\"" + String.join("\",\"", violations.split(",")) + "\"";
            return "{\"eventId\":\"%s\",\"checkpointId\":\"%s\",\"ts\":%d,\"plate\":\"%s\",\"vehicleType\":\"DUMP_TRUCK\",\"cargo\":\"MUCK\",\"violations\":[%s],\"fineYuan\":%d}"
                    .formatted(id, cp, ts(), PLATE, v, fine);
        }

        long ts() {
            return BASE.toEpochMilli() + offset * 1000;
        }
    }

    /**
     * A reading at {@code offset} s that averages {@code period} s. The hand-placed ones average 10
     * seconds, so that each falls into the minute of its timestamp (a reading's event time is the
     * last instant of its period) and the test does not depend on the bundled stations' declared
     * cadences.
     */
    record Rd(
            String station, long offset, long period, Map<String, Double> values, boolean counts) {
        Rd(String station, long offset, Map<String, Double> values, boolean counts) {
            this(station, offset, 10, values, counts);
        }

        String json() {
            StringBuilder b =
                    new StringBuilder("{\"stationId\":\"")
                            .append(station)
                            .append("\",\"ts\":")
                            .append(ts())
                            .append(",\"period\":\"PT")
                            .append(period)
                            .append("S\"");
            values.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
            return b.append('}').toString();
        }

        long ts() {
            return BASE.toEpochMilli() + offset * 1000;
        }

        /** The last instant of its period (the stations here stamp the start). */
        long eventTime() {
            return ts() + period * 1000 - 1;
        }
    }

    static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    static final List<In> INSPECTIONS =
            List.of(
                    new In("e1", "CP-01", 10, "UNCOVERED", 200, true),
                    new In("e2", "CP-01", 20, "", 0, true),
                    new In("e3", "CP-02", 40, "OVERLOAD", 1000, true),
                    new In("e4", "CP-01", 70, "SPILLAGE", 500, true),
                    new In("e5", "CP-01", 30, "", 0, true), // out of order, within 30 s
                    new In("e2", "CP-01", 20, "", 0, false), // duplicate
                    new In("e6", "CP-12", 200, "UNCOVERED,SPILLAGE", 700, true),
                    new In("e7", "CP-01", 50, "OVERHEIGHT", 100, true), // late firing of minute 0
                    new In("e8", "CP-02", 900, "", 0, true),
                    // every checkpoint past 15 min: the watermark waits for the slowest active one
                    new In("e8b", "CP-01", 905, "", 0, true),
                    new In("e8c", "CP-12", 910, "", 0, true),
                    new In("e9", "CP-01", 5, "UNCOVERED", 200, false), // beyond 10 min: LATE
                    new In("e10", "CP-02", 3700, "OVERLOAD,OVERHEIGHT", 1100, true),
                    new In("e11", "CP-01", 57_610, "", 0, true), // the next local day
                    new In("e12", "CP-999", 3710, "", 0, false)); // unknown checkpoint

    /**
     * A few hand-placed readings, then hourly means from AQ-03 through the local day of 2026-11-21
     * (offsets 8 h to 31 h), each a valid hour by itself, for AQI reports with 8-h and 24-h
     * averages and a daily report. NO2 is missing in 5 of those hours, leaving 19: too few for a
     * 24-h mean.
     */
    static List<Rd> readings() {
        List<Rd> rs = new ArrayList<>(HAND_PLACED);
        for (int i = 0; i < 24; i++) {
            Map<String, Double> v =
                    values(
                            "pm25",
                            40 + 5 * i,
                            "pm10",
                            90 + i,
                            "so2",
                            10,
                            "co",
                            0.9,
                            "o3",
                            60 + 10 * i);
            if (i % 5 != 0) {
                v.put("no2", 30.0 + i);
            }
            rs.add(new Rd("AQ-03", (8 + i) * 3600L, 3600, v, true));
        }
        return rs;
    }

    static final List<Rd> HAND_PLACED =
            List.of(
                    new Rd(
                            "AQ-01",
                            0,
                            values(
                                    "pm25",
                                    30,
                                    "pm10",
                                    80,
                                    "so2",
                                    8,
                                    "no2",
                                    30,
                                    "co",
                                    0.8,
                                    "o3",
                                    100,
                                    "tempC",
                                    10,
                                    "humidity",
                                    60,
                                    "windSpeed",
                                    2,
                                    "windDir",
                                    90),
                            true),
                    new Rd("AQ-02", 10, values("pm25", 50, "no2", 20, "tempC", 12), true),
                    new Rd(
                            "AQ-01",
                            30,
                            values("pm25", 40, "o3", 110, "tempC", 11, "windDir", 180),
                            true),
                    new Rd("AQ-03", 20, values("pm25", 20, "pm10", 60, "co", 1.2), true),
                    new Rd(
                            "AQ-01",
                            30,
                            values("pm25", 40, "o3", 110, "tempC", 11, "windDir", 180),
                            false), // duplicate
                    new Rd("AQ-01", 90, values("pm25", 60, "pm10", 100), true),
                    // every station past 12 min: the watermark waits for the slowest active one;
                    // less than 16 min (the source lag and a period) past the late one below, or
                    // that one would be a CLOCK_SKEW
                    new Rd("AQ-01", 760, values("pm25", 65), true),
                    new Rd("AQ-03", 770, values("pm25", 25), true),
                    new Rd("AQ-02", 780, values("pm25", 55), true),
                    new Rd("AQ-01", 40, values("pm25", 999), false), // beyond 10 min: LATE
                    new Rd("AQ-02", 4000, values("pm25", 70, "pm10", 140), true),
                    new Rd("AQ-99", 4000, values("pm25", 1), false)); // unknown station

    static final List<Rd> READINGS = readings();

    /** A record as a producer sends it: key, value, and the event time it carries. */
    record Sent(String key, String value, long eventTime) {
        byte[] bytes() {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The malformed record, among the inspections at this index. */
    static final int MALFORMED_AT = 7;

    /**
     * The inspections topic's records, in their order in its one partition (so that the processing
     * order is the production order): {@link #INSPECTIONS} with a malformed record among them.
     */
    static List<Sent> inspectionRecords() {
        List<Sent> out = new ArrayList<>();
        INSPECTIONS.forEach(i -> out.add(new Sent(i.cp(), i.json(), i.ts())));
        out.add(
                MALFORMED_AT,
                new Sent(
                        "CP-01", "{\"eventId\":\"broken\"", out.get(MALFORMED_AT - 1).eventTime()));
        return out;
    }

    /** The readings topic's records, in their order in its one partition. */
    static List<Sent> readingRecords() {
        return READINGS.stream().map(r -> new Sent(r.station(), r.json(), r.eventTime())).toList();
    }

    // ---- what a run wrote --------------------------------------------------------------------

    /** A record of a Kafka topic, or of a collecting sink that stands for one. */
    record TopicRecord(byte[] key, byte[] value) {}

    /**
     * What a run wrote, read back: from InfluxDB (a real influxd, or the fast tier's model of one)
     * and from the dead-letter and alert topics (real ones, or collecting sinks).
     */
    interface Written {
        /** influxd's JSON answer to {@code SELECT * FROM <measurements> GROUP BY *}. */
        String selectAll(List<String> measurements) throws Exception;

        /** influxd's JSON answer to {@code SELECT * FROM /.&#42;/ GROUP BY *}. */
        String everything() throws Exception;

        /** A topic's records; a real one is read until {@code expected} arrived or a timeout. */
        List<TopicRecord> topic(String name, int expected) throws Exception;
    }

    /**
     * Every check of the scenario against what a run wrote, with topics named {@code p +
     * inspections/readings/dlq/alerts}: every measurement at every level and window against the
     * independent computation, the AQI against {@link AqiOracle}, the {@code pipeline} totals, the
     * alerts in InfluxDB and in their topic, the dead letters, and no plate in clear.
     */
    static void assertEverything(Written w, String p) throws Exception {
        assertPoints(w, "checkpoint_inspections", expectedInspections("checkpoint"));
        assertPoints(w, "road_inspections", expectedInspections("road"));
        assertPoints(w, "township_inspections", expectedInspections("township"));
        assertPoints(w, "air_quality", expectedStations());
        assertPoints(w, "township_air_quality", expectedTownships());
        assertAqi(w, expectedAqi());
        assertPipelineCounts(w, p);
        assertRefusals(w, p);
        assertAlerts(w, p);
        assertDeadLetters(w, p);
        assertNoPlateInClear(w);
    }

    /**
     * The dead letters: the malformed record and the unknown checkpoint, the unknown station, and
     * one too-late event of each topic; the late inspection keeps its validated content, with the
     * plate hashed.
     */
    static void assertDeadLetters(Written w, String p) throws Exception {
        List<DeadLetter> dlq =
                w.topic(p + "dlq", 5).stream().map(r -> DeadLetter.fromJson(r.value())).toList();
        List<String> letters = new ArrayList<>();
        for (DeadLetter d : dlq) {
            letters.add(d.reason() + " " + d.sourceTopic());
        }
        assertThat(letters)
                .containsExactlyInAnyOrder(
                        "MALFORMED_JSON " + p + "inspections",
                        "UNKNOWN_ID " + p + "inspections",
                        "LATE " + p + "inspections",
                        "UNKNOWN_ID " + p + "readings",
                        "LATE " + p + "readings");
        DeadLetter late =
                dlq.stream()
                        .filter(
                                d ->
                                        d.reason().name().equals("LATE")
                                                && d.sourceTopic().equals(p + "inspections"))
                        .findFirst()
                        .orElseThrow();
        assertThat(late.payload())
                .contains("\"eventId\":\"e9\"")
                .contains("\"plateHash\":\"" + PLATE_HASH + "\"")
                .doesNotContain("冀B");
    }

    static void assertNoPlateInClear(Written w) throws Exception {
        assertThat(w.everything())
                .as("no plate in clear in InfluxDB")
                .doesNotContain("冀B")
                .contains(PLATE_HASH);
    }

    // ---- expected values, computed from the input alone --------------------------------------

    static long minute(long ts) {
        return Math.floorDiv(ts, 60_000L) * 60_000L;
    }

    static long hour(long ts) {
        return Math.floorDiv(ts, 3_600_000L) * 3_600_000L;
    }

    static long day(long ts) {
        LocalDate d = Instant.ofEpochMilli(ts).atZone(ZONE).toLocalDate();
        return d.atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    static Map<String, long[]> windowsOf(long ts) {
        Map<String, long[]> w = new LinkedHashMap<>();
        w.put("1m", new long[] {minute(ts)});
        w.put("1h", new long[] {hour(ts)});
        w.put("1d", new long[] {day(ts)});
        return w;
    }

    static Map<String, Map<String, Double>> expectedInspections(String level) {
        Map<String, long[]> sums =
                new TreeMap<>(); // key -> inspected, violating, unc, oh, ol, sp, fines
        for (In i : INSPECTIONS) {
            if (!i.counts()) {
                continue;
            }
            String[] ref = CHECKPOINTS.get(i.cp());
            String tags =
                    switch (level) {
                        case "checkpoint" ->
                                "checkpoint=" + i.cp() + ",road=" + ref[0] + ",township=" + ref[1];
                        case "road" -> "road=" + ref[0];
                        default -> "township=" + ref[1];
                    };
            List<String> v =
                    i.violations().isEmpty() ? List.of() : List.of(i.violations().split(","));
            windowsOf(i.ts())
                    .forEach(
                            (w, start) -> {
                                long[] s =
                                        sums.computeIfAbsent(
                                                tags + ",window=" + w + "@" + start[0],
                                                k -> new long[7]);
                                s[0]++;
                                s[1] += v.isEmpty() ? 0 : 1;
                                s[2] += v.contains("UNCOVERED") ? 1 : 0;
                                s[3] += v.contains("OVERHEIGHT") ? 1 : 0;
                                s[4] += v.contains("OVERLOAD") ? 1 : 0;
                                s[5] += v.contains("SPILLAGE") ? 1 : 0;
                                s[6] += i.fine();
                            });
        }
        Map<String, Map<String, Double>> out = new TreeMap<>();
        sums.forEach(
                (k, s) -> {
                    Map<String, Double> f = new TreeMap<>();
                    f.put("inspected", (double) s[0]);
                    f.put("violating", (double) s[1]);
                    f.put("violation_rate", (double) s[1] / s[0]);
                    f.put("uncovered", (double) s[2]);
                    f.put("overheight", (double) s[3]);
                    f.put("overload", (double) s[4]);
                    f.put("spillage", (double) s[5]);
                    f.put("fines_yuan", (double) s[6]);
                    if (k.startsWith("checkpoint=")) {
                        org.dustwatch.model.Checkpoint cp =
                                org.dustwatch.model.ReferenceData.bundled()
                                        .checkpoint(k.substring(11, k.indexOf(',')));
                        f.put("lat", cp.lat());
                        f.put("lon", cp.lon());
                    }
                    out.put(k, f);
                });
        return out;
    }

    /** Per station and window: the readings that count. */
    static Map<String, List<Rd>> stationWindows() {
        Map<String, List<Rd>> groups = new TreeMap<>();
        for (Rd r : READINGS) {
            if (r.counts()) {
                windowsOf(r.eventTime())
                        .forEach(
                                (w, start) ->
                                        groups.computeIfAbsent(
                                                        "station="
                                                                + r.station()
                                                                + ",township="
                                                                + STATIONS.get(r.station())
                                                                + ",window="
                                                                + w
                                                                + "@"
                                                                + start[0],
                                                        k -> new ArrayList<>())
                                                .add(r));
            }
        }
        return groups;
    }

    static Map<String, Map<String, Double>> expectedStations() {
        Map<String, Map<String, Double>> out = new TreeMap<>();
        stationWindows()
                .forEach(
                        (key, rs) -> {
                            Map<String, Double> f = new TreeMap<>();
                            f.put("readings", (double) rs.size());
                            for (String p : POLLUTANTS) {
                                List<Double> xs =
                                        rs.stream()
                                                .filter(r -> r.values().containsKey(p))
                                                .map(r -> r.values().get(p))
                                                .toList();
                                if (!xs.isEmpty()) {
                                    f.put(
                                            p + "_mean",
                                            xs.stream().mapToDouble(x -> x).sum() / xs.size());
                                    f.put(
                                            p + "_max",
                                            xs.stream().mapToDouble(x -> x).max().getAsDouble());
                                    f.put(p + "_count", (double) xs.size());
                                }
                            }
                            for (int w = 0; w < WEATHER.length; w++) {
                                String q = WEATHER[w];
                                List<Double> xs =
                                        rs.stream()
                                                .filter(r -> r.values().containsKey(q))
                                                .map(r -> r.values().get(q))
                                                .toList();
                                if (!xs.isEmpty()) {
                                    f.put(
                                            WEATHER_FIELDS[w],
                                            xs.stream().mapToDouble(x -> x).sum() / xs.size());
                                }
                            }
                            double sin = 0, cos = 0;
                            boolean wind = false;
                            for (Rd r : rs) {
                                if (r.values().containsKey("windDir")) {
                                    wind = true;
                                    sin += Math.sin(Math.toRadians(r.values().get("windDir")));
                                    cos += Math.cos(Math.toRadians(r.values().get("windDir")));
                                }
                            }
                            if (wind) {
                                double deg = (Math.toDegrees(Math.atan2(sin, cos)) + 360) % 360;
                                f.put("wind_dir", Math.round(deg * 10) / 10.0);
                            }
                            out.put(key, f);
                        });
        return out;
    }

    static Map<String, Map<String, Double>> expectedTownships() {
        Map<String, Map<String, Double>> stations = expectedStations();
        Map<String, List<Map<String, Double>>> byTownship = new TreeMap<>();
        stations.forEach(
                (key, f) -> {
                    String township = key.replaceAll(".*township=([^,]*),.*", "$1");
                    String windowAt = key.substring(key.indexOf(",window=") + 1);
                    byTownship
                            .computeIfAbsent(
                                    "township=" + township + "," + windowAt, k -> new ArrayList<>())
                            .add(f);
                });
        Map<String, Map<String, Double>> out = new TreeMap<>();
        byTownship.forEach(
                (key, list) -> {
                    Map<String, Double> f = new TreeMap<>();
                    f.put("readings", list.stream().mapToDouble(s -> s.get("readings")).sum());
                    for (String p : POLLUTANTS) {
                        List<Map<String, Double>> with =
                                list.stream().filter(s -> s.containsKey(p + "_mean")).toList();
                        if (!with.isEmpty()) {
                            f.put(
                                    p + "_mean",
                                    with.stream().mapToDouble(s -> s.get(p + "_mean")).sum()
                                            / with.size());
                            f.put(
                                    p + "_max",
                                    with.stream()
                                            .mapToDouble(s -> s.get(p + "_max"))
                                            .max()
                                            .getAsDouble());
                            f.put(p + "_stations", (double) with.size());
                        }
                    }
                    for (String q : WEATHER_FIELDS) {
                        List<Map<String, Double>> with =
                                list.stream().filter(s -> s.containsKey(q)).toList();
                        if (!with.isEmpty()) {
                            f.put(q, with.stream().mapToDouble(s -> s.get(q)).sum() / with.size());
                        }
                    }
                    out.put(key, f);
                });
        return out;
    }

    /**
     * The AQI: {@link AqiOracle} over this test's readings in their production order, with the
     * bundled stations (which declare no period, stamp or plan: every reading here carries its
     * period, AQ-03's hourly means are PT1H stamped at the start, and every plan is all six). The
     * hand-placed readings average 10 s, so their hours are invalid: their reports index nothing
     * and are NA; AQ-03's hours are valid.
     */
    static AqiOracle.Outcome expectedAqi() {
        List<AqiOracle.Sent> sent =
                READINGS.stream()
                        .map(
                                r ->
                                        new AqiOracle.Sent(
                                                r.station(),
                                                r.ts(),
                                                Duration.ofSeconds(r.period()),
                                                r.values()))
                        .toList();
        return new AqiOracle(
                        org.dustwatch.model.ReferenceData.bundled(),
                        AqiOracle.Settings.defaults(ZONE))
                .run(sent);
    }

    /** The totals per source of the {@code pipeline} measurement that the input implies. */
    static Map<String, List<Long>> expectedPipelineTotals(String p) {
        long inspections = INSPECTIONS.stream().filter(In::counts).count();
        long readings = READINGS.stream().filter(Rd::counts).count();
        // valid, dead letters (1 malformed + 1 unknown id), late (1), duplicates (1); readings:
        // 1 unknown station, 1 late, 1 duplicate
        return Map.of(
                p + "inspections", List.of(inspections, 2L, 1L, 1L),
                p + "readings", List.of(readings, 1L, 1L, 1L));
    }

    /** The kinds of the {@code pipeline} measurement whose totals are checked, in that order. */
    static final List<String> PIPELINE_KINDS =
            List.of("valid", "dead_letters", "late", "duplicates");

    /**
     * The {@code pipeline} measurement's totals per source match what the input holds: the sums of
     * {@code valid}, {@code dead_letters}, {@code late} and {@code duplicates} over its points, as
     * {@code SELECT sum(..) FROM pipeline GROUP BY source} sums them.
     */
    static void assertPipelineCounts(Written w, String p) throws Exception {
        Map<String, long[]> sums = new TreeMap<>();
        InfluxAnswers.points(w.selectAll(List.of("pipeline")))
                .forEach(
                        (key, fields) -> {
                            String source = key.replaceAll("(^|.*,)source=([^,@]*).*", "$2");
                            long[] s = sums.computeIfAbsent(source, k -> new long[4]);
                            for (int c = 0; c < 4; c++) {
                                JsonNode v = fields.get(PIPELINE_KINDS.get(c));
                                s[c] += v == null ? 0 : v.asLong();
                            }
                        });
        Map<String, List<Long>> actual = new TreeMap<>();
        sums.forEach((k, s) -> actual.put(k, List.of(s[0], s[1], s[2], s[3])));
        assertThat(actual).isEqualTo(expectedPipelineTotals(p));
    }

    /**
     * The {@code refusals} measurement's counts per source and reason, summed over its minutes, are
     * the dead letters the input holds (those {@link #assertDeadLetters} lists), and every point is
     * a minute's.
     */
    static void assertRefusals(Written w, String p) throws Exception {
        Map<String, Long> sums = new TreeMap<>();
        InfluxAnswers.points(w.selectAll(List.of("refusals")))
                .forEach(
                        (key, fields) -> {
                            assertThat(key).contains("window=1m");
                            String source = key.replaceAll("(^|.*,)source=([^,@]*).*", "$2");
                            String reason = key.replaceAll("(^|.*,)reason=([^,@]*).*", "$2");
                            sums.merge(
                                    reason + " " + source, fields.get("count").asLong(), Long::sum);
                        });
        assertThat(sums)
                .isEqualTo(
                        Map.of(
                                "MALFORMED_JSON " + p + "inspections", 1L,
                                "UNKNOWN_ID " + p + "inspections", 1L,
                                "LATE " + p + "inspections", 1L,
                                "UNKNOWN_ID " + p + "readings", 1L,
                                "LATE " + p + "readings", 1L));
    }

    /**
     * Alerts: with a 2-hour silence rule, AQ-01 falls silent after its last minute with data
     * (minute 13, its reading at 760 s), AQ-02 after its reading at 4,000 s, and AQ-03 between its
     * reading at 770 s and its hourly readings from 8 h on (which resolves it); a partition of
     * three stations and three checkpoints judges no clock skew (SourceClocks' quorum is four);
     * Xihe's AQI reaches level 4 in the hour of AQ-03's rising PM2.5, opening one pollution
     * episode. The same alerts are in the alert topic (keyed by their id) and in InfluxDB.
     */
    static void assertAlerts(Written w, String p) throws Exception {
        long base = BASE.toEpochMilli();
        long minute = 60_000;
        long firstLevel4 =
                expectedAqi().points().entrySet().stream()
                        .filter(
                                e ->
                                        e.getKey().startsWith("scope=township")
                                                && e.getKey().contains("township=Xihe")
                                                && e.getKey().contains("window=1h")
                                                && (double) e.getValue().get("level") >= 4)
                        .mapToLong(
                                e ->
                                        Long.parseLong(
                                                e.getKey().substring(e.getKey().indexOf('@') + 1)))
                        .min()
                        .orElseThrow();
        Set<String> expected =
                Set.of(
                        "station_silent:station:AQ-01:" + (base + 13 * minute) + " open",
                        "station_silent:station:AQ-02:" + (base + 4020_000L) + " open",
                        "station_silent:station:AQ-03:" + (base + 13 * minute) + " open",
                        "station_silent:station:AQ-03:" + (base + 13 * minute) + " resolved",
                        "pollution_episode:township:Xihe:" + firstLevel4 + " open",
                        "repeat_offender:vehicle:" + PLATE_HASH + ":" + repeatOpensAt() + " open");
        Set<String> fromTopic = new TreeSet<>();
        for (TopicRecord r : w.topic(p + "alerts", expected.size())) {
            JsonNode a = new ObjectMapper().readTree(r.value());
            fromTopic.add(a.get("id").asText() + " " + a.get("state").asText());
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(a.get("id").asText());
        }
        assertThat(fromTopic).isEqualTo(new TreeSet<>(expected));
        Set<String> fromInflux = new TreeSet<>();
        for (JsonNode s : InfluxAnswers.series(w.selectAll(List.of("alerts")))) {
            int id = columnIndex(s, "id");
            for (JsonNode row : s.path("values")) {
                fromInflux.add(row.get(id).asText() + " " + s.path("tags").path("state").asText());
            }
        }
        assertThat(fromInflux).isEqualTo(new TreeSet<>(expected));
    }

    private static int columnIndex(JsonNode series, String column) {
        int i = 0;
        for (JsonNode c : series.path("columns")) {
            if (c.asText().equals(column)) {
                return i;
            }
            i++;
        }
        throw new AssertionError("no column " + column + " in " + series);
    }

    /**
     * The start of the first minute at whose end the truck has three incidents that count: the
     * repeat-offender alert opens there (30 days, as the default period, cover the whole input).
     * With the test's trip window of 1 minute (JobUnderTest), an incident is a violation and those
     * less than 60 s after it: the counted violations at 10, 40, 50, 70, 200 and 3,700 s are the
     * incidents of 10 s (10, 40, 50), 70 s and 200 s, so the third begins in minute 3.
     */
    static long repeatOpensAt() {
        long[] times =
                INSPECTIONS.stream()
                        .filter(i -> i.counts() && !i.violations().isEmpty())
                        .mapToLong(In::ts)
                        .sorted()
                        .toArray();
        long third = Long.MIN_VALUE;
        int incidents = 0;
        long tripStart = Long.MIN_VALUE;
        for (long t : times) {
            if (incidents == 0 || t - tripStart >= 60_000L) {
                tripStart = t;
                if (++incidents == 3) {
                    third = t;
                }
            }
        }
        assertThat(third).isEqualTo(BASE.toEpochMilli() + 200_000L);
        return Math.floorDiv(third, 60_000L) * 60_000L;
    }

    /** Every {@code aqi} point against the oracle's, field by field (see {@link AqiOracle}). */
    static void assertAqi(Written w, AqiOracle.Outcome expected) throws Exception {
        for (int i = 0; i < READINGS.size(); i++) {
            AqiOracle.Fate fate = expected.fates().get(i);
            assertThat(fate == AqiOracle.Fate.COUNTED)
                    .as("the oracle's fate of reading %d (%s) and its counts flag", i, fate)
                    .isEqualTo(READINGS.get(i).counts());
        }
        Map<String, Map<String, Object>> points = expected.points();
        assertThat(points.keySet())
                .as("the input yields hourly and daily reports with 8-h and 24-h averages")
                .anyMatch(k -> k.contains("window=1d"));
        assertThat(points.values()).anyMatch(f -> (double) f.get("pm25_24h") >= 0);
        assertThat(points.values()).anyMatch(f -> (double) f.get("o3_8h") >= 0);
        List<String> diffs =
                AqiOracle.differences(
                        points, InfluxAnswers.points(w.selectAll(List.of("aqi"))), ZONE);
        assertThat(diffs)
                .as(
                        "%d differences between InfluxDB and the oracle; the first:%n%s",
                        diffs.size(),
                        String.join("\n", diffs.subList(0, Math.min(60, diffs.size()))))
                .isEmpty();
    }

    /** Every point of a measurement against the expected ones: series, times, fields, values. */
    static void assertPoints(
            Written w, String measurement, Map<String, Map<String, Double>> expected)
            throws Exception {
        Map<String, Map<String, Double>> actual = new TreeMap<>();
        InfluxAnswers.points(w.selectAll(List.of(measurement)))
                .forEach(
                        (key, fields) -> {
                            Map<String, Double> f = new TreeMap<>();
                            fields.forEach((name, v) -> f.put(name, v.asDouble()));
                            actual.put(key, f);
                        });
        assertThat(actual.keySet())
                .as(measurement + " series and timestamps")
                .isEqualTo(expected.keySet());
        expected.forEach(
                (key, fields) -> {
                    assertThat(actual.get(key).keySet())
                            .as(measurement + " fields of " + key)
                            .isEqualTo(fields.keySet());
                    fields.forEach(
                            (name, value) ->
                                    assertThat(actual.get(key).get(name))
                                            .as(measurement + " " + key + " " + name)
                                            .isCloseTo(
                                                    value,
                                                    org.assertj.core.data.Offset.offset(
                                                            1e-9 * Math.max(1, Math.abs(value)))));
                });
    }

    /**
     * With {@code pipeline.minute-points} AREAS: the windows each measurement holds (as {@code SHOW
     * TAG VALUES ... WITH KEY = "window"} lists them).
     */
    static final Map<String, List<String>> AREAS_WINDOWS =
            Map.of(
                    "checkpoint_inspections", List.of("1d", "1h"),
                    "road_inspections", List.of("1d", "1h", "1m"),
                    "township_inspections", List.of("1d", "1h", "1m"),
                    "air_quality", List.of("1d", "1h"),
                    "township_air_quality", List.of("1d", "1h", "1m"));

    /** The window tag values of a measurement, sorted. */
    static List<String> windows(Written w, String measurement) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        for (JsonNode s : InfluxAnswers.series(w.selectAll(List.of(measurement)))) {
            out.add(s.path("tags").path("window").asText());
        }
        return List.copyOf(out);
    }
}
