package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dustwatch.jobs.AqiOracle.HOUR;
import static org.dustwatch.jobs.AqiOracle.MINUTE;
import static org.dustwatch.jobs.AqiOracle.values;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.AqiOracle.Fate;
import org.dustwatch.jobs.AqiOracle.Sent;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The AQI reports on real cadences, end to end: a real Kafka broker, a real influxd and a
 * MiniCluster, with the test's own district ({@code aqi-it/stations.csv}). Every {@code aqi} point
 * is compared, field by field, with {@link AqiOracle}, which recomputes the reports from the
 * readings as sent without dustwatch's {@code aqi} library or the job's functions.
 *
 * <p>The input spans 2026-04-10 20:00 to 2026-04-12 02:00 (Shanghai), 30 hours: a whole local day
 * with a few hours either side, so daily reports of stations, townships and the district are
 * checked with valid and invalid 24-h means. The cases:
 *
 * <table>
 *   <caption>What each station's readings exercise</caption>
 *   <tr><th>station</th><th>feed</th><th>cases</th></tr>
 *   <tr><td>AQ-A1</td><td>1-min analyser, no period or stamp declared</td>
 *       <td>the defaults (PT1M, start); a correction (same minute, changed PM2.5: the first
 *       stands); the watermark that makes the late cases unambiguous</td></tr>
 *   <tr><td>AQ-A2</td><td>5-min split feed: PM at :00, gases 1.9 s later</td>
 *       <td>two messages per period merged per pollutant; an exact duplicate; a gas message that
 *       also repeats PM2.5 with another value (a correction whose gases count); the gas analyser
 *       stops at 16:00 on the 11th, so the daily 8-h O3 has 11 valid 8-h means and is valid only
 *       because its maximum is above 160; NA hours afterwards</td></tr>
 *   <tr><td>AQ-B1</td><td>hourly means of a data service, stamped at the END</td>
 *       <td>a missing hour (no report); PM2.5 60 and PM10 120 where AQ-B2 has 61 and 121: Baihe's
 *       means 60.5 and 120.5 round to 60 and 120 (half to even), a tie of PM2.5 and PM10 at
 *       100</td></tr>
 *   <tr><td>AQ-B2</td><td>5-min, plan {@code pm25 pm10}</td>
 *       <td>no NA for the gases it does not plan; hourly PM2.5 means of exactly 60.5 (→ 60,
 *       IAQI 100) and 61.5 (→ 62, IAQI 102) from values 60.3/60.7 and 61.2/61.8; a message with
 *       PM10 alone, then PM10 again with PM2.5 (the PM2.5 counts); a reading within the allowed
 *       lateness after its hour fired: the hour is re-emitted</td></tr>
 *   <tr><td>AQ-C1</td><td>5-min</td>
 *       <td>no CO for the whole local day of the 11th: NA hours (AQI 100 or less without CO) and
 *       published hours (PM2.5 85 → AQI 123, missing CO); a reading beyond the allowed lateness
 *       (a LATE dead letter, its PM2.5 of 999 nowhere)</td></tr>
 *   <tr><td>AQ-C2</td><td>5-min, stamp by default</td>
 *       <td>an hour covered exactly 45 minutes (valid) with an overlapping PT2M reading in the
 *       weights; an hour covered 44 minutes by a PT4M and an overlapping PT2M reading (invalid,
 *       though the periods sum to 46 minutes: a report that indexes nothing, NA); a PT10M
 *       reading straddling 16:00 that enters both hours with its halves, and re-emits the first
 *       hour</td></tr>
 * </table>
 *
 * <p>Compared exactly (numbers within 1e-9 relative): every point's tags and time, its field set,
 * and every field: status, aqi, level, category, category_en, primary_pollutant, exceeding,
 * missing, stations, the seven sub-indices, sensitive_groups(_en) (table 2 of HJ 633—2026 typed in
 * the oracle) and all fifteen averages, which the oracle computes too (1-h means, 8-h and 24-h
 * moving means, NowCast, the day's means and maxima; see {@link AqiOracle}); advice and advice_en
 * only for consistency (empty when NA, one text per level), since table 1's sentences are not typed
 * in the oracle.
 *
 * <p>{@link #aReEmittedReportKeepsNoStaleField} runs the job unbounded under HJ 633-2012 and reads
 * the same points back before and after a late reading removes their SO2 sub-index; its values are
 * worked by hand.
 */
class AqiPipelineIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** 2026-04-10 20:00 in Shanghai: hour 0 of the input. */
    static final long T0 = Instant.parse("2026-04-10T12:00:00Z").toEpochMilli();

    static final int HOURS = 30;

    /** The defaults, with a watermark after every event (as PipelineIT): the order decides. */
    static final Timing TIMING = JobUnderTest.TIMING;

    /** A message and the moment it is sent; the topic holds them in that order. */
    record Msg(long arrival, int seq, Sent reading) {}

    /** Local day of the 11th: hours 4 to 27 of the input. */
    static boolean dayOf11th(int h) {
        return h >= 4 && h <= 27;
    }

    static long at(int h, int minutes) {
        return T0 + h * HOUR + minutes * MINUTE;
    }

    static double d(int tenths) {
        return tenths / 10.0;
    }

    /** The whole input in the order it is produced (one partition). */
    static List<Sent> input() {
        List<Msg> msgs = new ArrayList<>();
        int[] seq = {0};
        // arrival = the reading's event time (end of its period - 1 ms) plus a delay
        java.util.function.BiConsumer<Long, Sent> send =
                (arrival, r) -> msgs.add(new Msg(arrival, seq[0]++, r));

        for (int h = 0; h < HOURS; h++) {
            // AQ-A1: one-minute analyser, no period in the readings, none declared
            for (int m = 0; m < 60; m++) {
                long ts = at(h, m);
                Map<String, Double> v =
                        values(
                                "pm25", d(200 + 40 * (h % 10) + m % 7),
                                "pm10", d(600 + 50 * (h % 8) + m % 5),
                                "so2", d(50 + 5 * (m % 4)),
                                "no2", d(200 + 10 * h + m % 3),
                                "co", d(6 + m % 3),
                                "o3", d(400 + 60 * h + m % 4));
                send.accept(ts + MINUTE - 1 + 1000, new Sent("AQ-A1", ts, null, v));
                if (h == 6 && m == 10) {
                    Map<String, Double> corrected = new LinkedHashMap<>(v);
                    corrected.put("pm25", v.get("pm25") + 5);
                    send.accept(ts + MINUTE - 1 + 20_000, new Sent("AQ-A1", ts, null, corrected));
                }
            }
            // AQ-A2: split feed, PM at the period's start, gases 1.9 s later (until 16:00 on the
            // 11th, hour 20)
            for (int s = 0; s < 12; s++) {
                long ts = at(h, 5 * s);
                Map<String, Double> pm =
                        values(
                                "pm25", d(500 + 30 * (h % 6) + s % 4),
                                "pm10", d(1000 + 80 * (h % 5) + s));
                send.accept(ts + 5 * MINUTE - 1 + 2000, new Sent("AQ-A2", ts, null, pm));
                if (h == 3 && s == 4) { // an exact duplicate
                    send.accept(ts + 5 * MINUTE - 1 + 5000, new Sent("AQ-A2", ts, null, pm));
                }
                if (h < 20) {
                    Map<String, Double> gas =
                            values(
                                    "so2", d(120 + s % 3),
                                    "no2", 60 + 2 * (h % 7),
                                    "co", d(9 + s % 2),
                                    "o3", d(1600 + 20 * (h % 8) + s));
                    if (h == 8 && s == 2) { // repeats PM2.5 with another value: a correction
                        gas.put("pm25", pm.get("pm25") + 5);
                    }
                    send.accept(
                            ts + 1900 + 5 * MINUTE - 1 + 2000,
                            new Sent("AQ-A2", ts + 1900, null, gas));
                }
            }
            // AQ-B1: hourly, stamped at the end; hour 12 never arrives
            if (h != 12) {
                long end = at(h + 1, 0);
                send.accept(
                        end - 1 + 20_000,
                        new Sent(
                                "AQ-B1",
                                end,
                                null,
                                values(
                                        "pm25",
                                        h == 14 ? 60 : 45 + 2 * (h % 8),
                                        "pm10",
                                        h == 14 ? 120 : 90 + 3 * (h % 5),
                                        "so2",
                                        9,
                                        "no2",
                                        35 + h % 4,
                                        "co",
                                        1.1,
                                        "o3",
                                        70 + 4 * h)));
            }
            // AQ-B2: PM only
            for (int s = 0; s < 12; s++) {
                long ts = at(h, 5 * s);
                double pm25 = d(380 + 20 * (h % 5) + s % 3);
                double pm10 = d(750 + 40 * (h % 6) + s);
                if (h == 9) { // mean 60.5 → 60
                    pm25 = s % 2 == 0 ? 60.3 : 60.7;
                    pm10 = s % 2 == 0 ? 80.3 : 80.7;
                } else if (h == 10) { // mean 61.5 → 62
                    pm25 = s % 2 == 0 ? 61.2 : 61.8;
                } else if (h == 14) { // with AQ-B1's 60 and 120: Baihe 60.5 and 120.5
                    pm25 = 61;
                    pm10 = 121;
                }
                long et = ts + 5 * MINUTE - 1;
                if (h == 16 && s == 0) { // PM10 alone, then PM10 again with PM2.5
                    send.accept(et + 3000, new Sent("AQ-B2", ts, null, values("pm10", pm10)));
                    send.accept(
                            et + 4000,
                            new Sent("AQ-B2", ts, null, values("pm10", pm10, "pm25", pm25)));
                } else if (h == 18 && s == 11) { // within the allowed lateness, after 19:05
                    send.accept(
                            at(19, 6) + 500,
                            new Sent("AQ-B2", ts, null, values("pm25", 90, "pm10", 150)));
                } else {
                    send.accept(
                            et + 3000,
                            new Sent("AQ-B2", ts, null, values("pm25", pm25, "pm10", pm10)));
                }
            }
            // AQ-C1: no CO on the 11th; one reading beyond the allowed lateness
            for (int s = 0; s < 12; s++) {
                long ts = at(h, 5 * s);
                Map<String, Double> v =
                        values(
                                "pm25",
                                h % 4 == 0 ? d(850 + s % 2) : d(300 + s % 3),
                                "pm10",
                                80 + 5 * (h % 3),
                                "so2",
                                10,
                                "no2",
                                40 + s % 4);
                if (!dayOf11th(h)) {
                    v.put("co", 1.0);
                }
                v.put("o3", 80.0 + h);
                if (h == 7 && s == 6) { // sent at 07:50, 15 min after its end: LATE
                    // (beyond the allowed lateness of 10 min; within the source lag of 15 min
                    // and its 5-min period, or it would be a CLOCK_SKEW)
                    v.put("pm25", 999.0);
                    send.accept(at(7, 50) + 700, new Sent("AQ-C1", ts, null, v));
                } else {
                    send.accept(ts + 5 * MINUTE - 1 + 4000, new Sent("AQ-C1", ts, null, v));
                }
            }
            // AQ-C2: coverage of 45 and 44 minutes, overlaps, a straddling reading
            int from = h == 16 ? 1 : 0;
            int to = h == 11 ? 9 : h == 13 ? 8 : h == 15 ? 11 : 12;
            for (int s = from; s < to; s++) {
                long ts = at(h, 5 * s);
                send.accept(ts + 5 * MINUTE - 1 + 5000, new Sent("AQ-C2", ts, null, c2(h, s, 0)));
            }
            if (h == 11) { // inside the 45 minutes: in the weights, not in the coverage
                sendC2(send, at(11, 10), Duration.ofMinutes(2), c2(h, 2, 200));
            } else if (h == 13) { // :40-:44 and :41-:43: 44 minutes covered, 46 summed
                sendC2(send, at(13, 40), Duration.ofMinutes(4), c2(h, 8, 100));
                sendC2(send, at(13, 41), Duration.ofMinutes(2), c2(h, 8, 300));
            } else if (h == 15) { // 15:55-16:05
                sendC2(send, at(15, 55), Duration.ofMinutes(10), c2(h, 11, 150));
            }
        }
        msgs.sort(Comparator.comparingLong(Msg::arrival).thenComparingInt(Msg::seq));
        return msgs.stream().map(Msg::reading).toList();
    }

    static Map<String, Double> c2(int h, int s, int bump) {
        return values(
                "pm25", d(420 + 70 * (h % 3) + s % 5 + bump),
                "pm10", 95 + 6 * (h % 4) + bump / 10,
                "so2", 14 + s % 2,
                "no2", 50 + 3 * (h % 5),
                "co", d(12 + s % 4),
                "o3", 90 + 2 * h + bump / 20);
    }

    static void sendC2(
            java.util.function.BiConsumer<Long, Sent> send,
            long ts,
            Duration period,
            Map<String, Double> v) {
        send.accept(ts + period.toMillis() - 1 + 5000, new Sent("AQ-C2", ts, period, v));
    }

    static Path resource(String name) throws Exception {
        return Path.of(AqiPipelineIT.class.getResource("/aqi-it/" + name).toURI());
    }

    static DustwatchConfig config(String p, String db, Map<String, String> more) throws Exception {
        Map<String, String> m = new HashMap<>();
        m.put("kafka.bootstrap", KAFKA.bootstrap());
        m.put("kafka.topic.inspections", p + "inspections");
        m.put("kafka.topic.readings", p + "readings");
        m.put("kafka.topic.dead-letters", p + "dlq");
        m.put("kafka.topic.alerts", p + "alerts");
        m.put("kafka.starting-offsets", "EARLIEST");
        m.put("kafka.group-id", p + "group");
        m.put("influx.url", INFLUX.url());
        m.put("influx.database", db);
        m.put("reference.checkpoints", resource("checkpoints.csv").toString());
        m.put("reference.stations", resource("stations.csv").toString());
        m.putAll(more);
        return DustwatchConfig.load(m, Map.of());
    }

    static void topics(String p, String db) {
        KAFKA.createTopics(List.of(p + "inspections", p + "readings"), 1);
        KAFKA.createTopics(List.of(p + "dlq", p + "alerts"), 2);
        INFLUX.client().createDatabase(db);
    }

    static void produce(String topic, List<Sent> readings) throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        readings.forEach(r -> records.add(Map.entry(r.station(), r.json())));
        TestKafka.produce(KAFKA.bootstrap(), topic, records);
    }

    @Test
    void everyAqiPointMatchesTheOracle() throws Exception {
        String p = "aqi.";
        String db = "aqi_it";
        topics(p, db);
        List<Sent> input = input();
        produce(p + "readings", input);

        DustwatchConfig config = config(p, db, Map.of());
        StreamExecutionEnvironment env = JobEnvironment.create(config);
        env.setParallelism(2);
        Topology.build(
                env,
                KafkaSources.of(config, true, TIMING),
                ProductionSinks.of(config),
                Settings.from(config).withTiming(TIMING).withAlerts(Settings.defaults().alerts()));
        env.execute("aqi-pipeline-it");

        ReferenceData reference =
                ReferenceData.load(resource("checkpoints.csv"), resource("stations.csv"));
        AqiOracle.Outcome expected =
                new AqiOracle(reference, AqiOracle.Settings.defaults(ZONE)).run(input);
        theInputHoldsEveryCase(input, reference, expected);

        List<String> diffs =
                AqiOracle.differences(expected.points(), AqiOracle.read(INFLUX.client(), db), ZONE);
        java.nio.file.Files.write(Path.of("target", "aqi-it-differences.txt"), diffs);
        assertThat(diffs)
                .as(
                        "%d differences between InfluxDB and the oracle; the first:%n%s",
                        diffs.size(),
                        String.join("\n", diffs.subList(0, Math.min(60, diffs.size()))))
                .isEmpty();

        // the reading beyond the allowed lateness is the one dead letter
        List<ConsumerRecord<byte[], byte[]>> dlq =
                TestKafka.readAll(KAFKA.bootstrap(), p + "dlq", 1);
        assertThat(dlq).hasSize(1);
        DeadLetter late = DeadLetter.fromJson(dlq.get(0).value());
        assertThat(late.reason().name()).isEqualTo("LATE");
        assertThat(late.payload()).contains("AQ-C1").contains("999");

        // the pipeline measurement counts the merge's outcomes
        JsonNode row =
                InfluxDump.firstRow(
                        INFLUX.client(),
                        db,
                        "SELECT sum(valid), sum(dead_letters), sum(late), sum(duplicates),"
                                + " sum(corrections) FROM pipeline WHERE source = '"
                                + p
                                + "readings'");
        List<Long> counts = new ArrayList<>();
        for (int c = 1; c <= 5; c++) {
            counts.add(row.path(c).asLong(0));
        }
        assertThat(counts)
                .as("valid, dead letters, late, duplicates, corrections")
                .containsExactly(
                        expected.count(Fate.COUNTED, Fate.COUNTED_AND_CORRECTION), 0L, 1L, 1L, 2L);
    }

    /** The cases the class comment lists are in the input, as the oracle sees it. */
    static void theInputHoldsEveryCase(
            List<Sent> input, ReferenceData reference, AqiOracle.Outcome o) {
        assertThat(o.count(Fate.LATE)).isEqualTo(1);
        assertThat(o.count(Fate.DUPLICATE)).isEqualTo(1);
        assertThat(o.count(Fate.CORRECTION)).isEqualTo(1);
        assertThat(o.count(Fate.COUNTED_AND_CORRECTION)).isEqualTo(1);
        Map<String, Map<String, Object>> pts = o.points();
        // AQ-C1 without CO: NA at 100 or less, published above
        assertThat(hourly(pts, "station=AQ-C1"))
                .anyMatch(f -> f.get("status").equals("NA") && f.get("missing").equals("CO"))
                .anyMatch(
                        f ->
                                f.get("status").equals("ok")
                                        && f.get("missing").equals("CO")
                                        && (double) f.get("aqi") > 100);
        // exact halves at a station and in an area mean
        assertThat(field(pts, "station=AQ-B2", "1h", 9, "pm25_1h")).isEqualTo(60.5);
        assertThat(field(pts, "station=AQ-B2", "1h", 9, "iaqi_pm25")).isEqualTo(100.0);
        assertThat(field(pts, "station=AQ-B2", "1h", 10, "pm25_1h")).isEqualTo(61.5);
        assertThat(field(pts, "station=AQ-B2", "1h", 10, "iaqi_pm25")).isEqualTo(102.0);
        assertThat(
                        field(
                                pts,
                                "scope=township,standard=HJ633-2026,township=Baihe",
                                "1h",
                                14,
                                "pm25_1h"))
                .isEqualTo(60.5);
        assertThat(field(pts, "scope=township,standard=HJ633-2026,township=Baihe", "1h", 14, "aqi"))
                .isEqualTo(100.0);
        assertThat(
                        field(
                                pts,
                                "scope=township,standard=HJ633-2026,township=Baihe",
                                "1h",
                                14,
                                "primary_pollutant"))
                .isEqualTo("PM2.5,PM10");
        // 45 minutes valid, 44 minutes not
        assertThat(field(pts, "station=AQ-C2", "1h", 11, "pm25_1h")).isNotEqualTo(-1.0);
        assertThat(field(pts, "station=AQ-C2", "1h", 13, "pm25_1h")).isEqualTo(-1.0);
        assertThat(field(pts, "station=AQ-C2", "1h", 13, "status")).isEqualTo("NA");
        // the readings that arrive after their hour fired change it: the re-emission matters
        List<Sent> inOrder =
                input.stream()
                        .filter(
                                r ->
                                        !(r.station().equals("AQ-B2") && r.ts() == at(18, 55))
                                                && !(r.station().equals("AQ-C2")
                                                        && r.ts() == at(15, 55)))
                        .toList();
        assertThat(inOrder).hasSize(input.size() - 2);
        Map<String, Map<String, Object>> without =
                new AqiOracle(reference, AqiOracle.Settings.defaults(ZONE)).run(inOrder).points();
        for (String[] c : new String[][] {{"station=AQ-B2", "18"}, {"station=AQ-C2", "15"}}) {
            assertThat(field(pts, c[0], "1h", Integer.parseInt(c[1]), "pm25_1h"))
                    .as("%s at hour %s with and without its late reading", c[0], c[1])
                    .isNotEqualTo(field(without, c[0], "1h", Integer.parseInt(c[1]), "pm25_1h"));
        }
        // AQ-B1's missing hour has no report
        assertThat(pts.keySet())
                .noneMatch(k -> k.contains("station=AQ-B1") && k.endsWith("@" + at(12, 0)));
        // daily reports of a township and the district, published and NA
        assertThat(
                        pts.entrySet().stream()
                                .filter(e -> e.getKey().contains("window=1d"))
                                .filter(e -> e.getKey().startsWith("scope=district"))
                                .map(e -> e.getValue().get("status")))
                .contains("ok", "NA");
        assertThat(
                        pts.entrySet().stream()
                                .filter(e -> e.getKey().contains("window=1d"))
                                .filter(e -> e.getKey().startsWith("scope=township"))
                                .map(e -> e.getValue().get("status")))
                .contains("ok", "NA");
    }

    static List<Map<String, Object>> hourly(Map<String, Map<String, Object>> pts, String tag) {
        return pts.entrySet().stream()
                .filter(e -> e.getKey().contains(tag + ",") && e.getKey().contains("window=1h"))
                .map(Map.Entry::getValue)
                .toList();
    }

    static Object field(
            Map<String, Map<String, Object>> pts, String tags, String window, int h, String f) {
        String key =
                pts.keySet().stream()
                        .filter(
                                k ->
                                        k.contains(tags)
                                                && k.contains("window=" + window)
                                                && k.endsWith("@" + at(h, 0)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no point " + tags + " " + h));
        return pts.get(key).get(f);
    }

    // ---- re-emission: no stale field ---------------------------------------------------------

    /** 2026-04-20 10:00 in Shanghai. */
    static final long T1 = Instant.parse("2026-04-20T02:00:00Z").toEpochMilli();

    static Sent c2At(int slot, double so2) {
        return new Sent(
                "AQ-C2",
                T1 + slot * 5 * MINUTE,
                null,
                values("pm25", 40, "pm10", 80, "so2", so2, "no2", 250, "co", 1.0, "o3", 100));
    }

    /**
     * Under HJ 633-2012 a 1-h SO2 above 800 is not indexed (table 1's note), and without a 24-h SO2
     * the report has no SO2 sub-index. AQ-C2's hour 10:00 first has 55 minutes of SO2 at 780 (IAQI
     * 194, primary SO2); a reading within the allowed lateness then lifts the hour's mean to (780 ×
     * 55 + 1100 × 5) / 60 = 806.67. The job runs unbounded, and the same points are read back from
     * InfluxDB before and after: the SO2 sub-index must be gone (-1), not left over from the first
     * emission.
     */
    @Test
    void aReEmittedReportKeepsNoStaleField() throws Exception {
        String p = "stale.";
        String db = "aqi_stale";
        topics(p, db);
        List<Sent> first = new ArrayList<>();
        for (int s = 0; s < 11; s++) {
            first.add(c2At(s, 780));
        }
        first.add(c2At(12, 20)); // 11:00-11:05: the watermark passes 11:04:29, the hour fires
        produce(p + "readings", first);

        DustwatchConfig config = config(p, db, Map.of("aqi.standard", "HJ633_2012"));
        StreamExecutionEnvironment env = JobEnvironment.create(config);
        // one source subtask: with an idle second one the watermark would wait for its idleness
        env.setParallelism(1);
        Topology.build(
                env,
                KafkaSources.of(config, false, TIMING),
                ProductionSinks.of(config),
                Settings.from(config).withTiming(TIMING).withAlerts(Settings.defaults().alerts()));
        JobClient job = env.executeAsync("aqi-stale-field-it");
        try {
            String[] subjects = {
                "scope=station,standard=HJ633-2012,station=AQ-C2,township=Chengguan",
                "scope=township,standard=HJ633-2012,township=Chengguan",
                "scope=district,standard=HJ633-2012"
            };
            Map<String, Map<String, JsonNode>> before =
                    await(db, subjects, f -> f.containsKey("iaqi_so2"));
            for (String s : subjects) {
                Map<String, JsonNode> f = before.get(s);
                assertThat(f.get("iaqi_so2").asLong()).as(s).isEqualTo(194);
                assertThat(f.get("aqi").asLong()).as(s).isEqualTo(194);
                assertThat(f.get("primary_pollutant").asText()).as(s).isEqualTo("SO2");
                assertThat(f.get("so2_1h").asDouble()).as(s).isEqualTo(780.0);
            }

            // 10:55-11:00, sent after the hour fired; 11:00 - 1 ms + 10 min > the watermark
            produce(p + "readings", List.of(c2At(11, 1100)));
            // The job re-fires the hour when the watermark next advances (seen: 10 s after the
            // late reading alone, nothing had changed): the next reading moves it to 11:09:29.998,
            // still short of the hour's end + allowed lateness, 11:09:59.999.
            produce(p + "readings", List.of(c2At(13, 20)));
            Map<String, Map<String, JsonNode>> after =
                    await(db, subjects, f -> f.get("iaqi_so2").asLong() == -1);
            for (String s : subjects) {
                Map<String, JsonNode> f = after.get(s);
                Map<String, Object> want = new TreeMap<>();
                // (780 × 55 + 1100 × 5) / 60, not indexed above 800; no 24-h SO2
                want.put("so2_1h", 48400.0 / 60);
                want.put("iaqi_so2", -1L);
                want.put("no2_1h", 250.0);
                want.put("iaqi_no2", 105L); // 100 + 50 × (250 - 200) / 500
                want.put("co_1h", 1.0);
                want.put("iaqi_co", 10L); // 50 × 1 / 5
                want.put("o3_1h", 100.0);
                want.put("iaqi_o3_1h", 32L); // 50 × 100 / 160 = 31.25
                want.put("iaqi_o3_8h", -1L); // 8-h O3 needs 6 hours
                want.put("pm25_1h", 40.0);
                want.put("pm10_1h", 80.0);
                want.put("iaqi_pm25", -1L); // HJ 633-2012 real-time: from the 24-h moving mean
                want.put("iaqi_pm10", -1L);
                want.put("aqi", 105L);
                want.put("level", 3L);
                want.put("status", "ok");
                want.put("category", "轻度污染");
                want.put("category_en", "Lightly polluted");
                want.put("primary_pollutant", "NO2");
                want.put("exceeding", "NO2");
                want.put("missing", "SO2,PM10,PM2.5");
                want.put("sensitive_groups", "呼吸系统疾病患者；青少年儿童；老年人");
                want.put(
                        "sensitive_groups_en",
                        "people with respiratory disease; children and teenagers; the elderly");
                want.put("stations", 1L);
                for (String a : AqiOracle.AVERAGES) {
                    want.putIfAbsent(a, -1.0);
                }
                assertThat(f.keySet()).as(s).isEqualTo(before.get(s).keySet());
                want.forEach(
                        (k, v) -> {
                            if (v instanceof Double x) {
                                assertThat(f.get(k).asDouble())
                                        .as(s + " " + k)
                                        .isCloseTo(x, org.assertj.core.data.Offset.offset(1e-9));
                            } else if (v instanceof Long x) {
                                assertThat(f.get(k).asLong()).as(s + " " + k).isEqualTo(x);
                            } else {
                                assertThat(f.get(k).asText()).as(s + " " + k).isEqualTo(v);
                            }
                        });
                assertThat(f.get("advice").asText())
                        .as(s + " advice of level 3, not level 4's")
                        .isNotEmpty()
                        .isNotEqualTo(before.get(s).get("advice").asText());
            }
        } finally {
            job.cancel().get();
        }
    }

    /** Polls the hourly points of 10:00 of the subjects until each satisfies {@code done}. */
    static Map<String, Map<String, JsonNode>> await(
            String db, String[] subjects, java.util.function.Predicate<Map<String, JsonNode>> done)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Map<String, Map<String, JsonNode>> got = new TreeMap<>();
        while (true) {
            Map<String, Map<String, JsonNode>> all = AqiOracle.read(INFLUX.client(), db);
            got.clear();
            for (String s : subjects) {
                Map<String, JsonNode> f = all.get(s + ",window=1h@" + T1);
                if (f != null && done.test(f)) {
                    got.put(s, f);
                }
            }
            if (got.size() == subjects.length) {
                return got;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "the points of 10:00 did not arrive as expected; InfluxDB holds " + all);
            }
            Thread.sleep(250);
        }
    }
}
