package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.recompute.Recompute;
import org.dustwatch.jobs.recompute.RecomputeRange;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.SimEvent;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dustwatch recompute} on the real broker, a real influxd and a MiniCluster of two
 * TaskManagers. Three simulated days of the district go through the job live, bounded, with some
 * inspections and readings sent long after their windows closed (so the live job refuses them as
 * {@code LATE}), one inspection corrected with revision 1 long after (also {@code LATE} live) and
 * one corrected at once (a {@code correction} live). The recompute of the third day must leave
 * every point of that day exactly as a clean run of the corrected input in time order writes it,
 * into a database of its own, and leave every other point as the live run wrote it.
 *
 * <p>The corrected input is built here from the simulator's records, not by the code under test.
 */
class RecomputeIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    static final ObjectMapper JSON = new ObjectMapper();
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY0 = LocalDate.of(2026, 11, 21);
    static final LocalDate RANGE = DAY0.plusDays(2);

    /** Checks that a chosen original is valid (the simulator sends 1% bad records). */
    static final InspectionDecoder DECODER =
            new InspectionDecoder(
                    ReferenceData.bundled(), DecoderOptions.defaults(), Clock.systemUTC());

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    /** One record of an input topic. */
    record Rec(String key, String value, long at) {}

    @Test
    void aRecomputedDayEqualsACleanRunOfTheCorrectedInputPointByPoint(@TempDir Path dir)
            throws Exception {
        Path keyFile = dir.resolve("plate.key");
        Files.writeString(keyFile, "recompute-" + java.util.UUID.randomUUID() + "\n");
        List<Rec> inspections = new ArrayList<>();
        List<Rec> readings = new ArrayList<>();
        new DistrictSimulator(
                        ReferenceData.bundled(),
                        SimulationOptions.defaults(
                                23, DAY0.atStartOfDay(ZONE).toInstant(), Duration.ofHours(74), 500))
                .forEachRemaining((SimEvent e) -> add(e, inspections, readings));

        // Sent long after their windows closed: a checkpoint's and a station's half hour in the
        // range, and another in the warm-up (whose readings enter the range's 24-h AQI means).
        List<Rec> lateInspections = new ArrayList<>();
        List<Rec> lateReadings = new ArrayList<>();
        long inRange = 0;
        for (long[] span :
                List.of(
                        span(RANGE, LocalTime.of(10, 0)),
                        span(RANGE.minusDays(1), LocalTime.of(22, 0)))) {
            List<Rec> i = halfHourOfOneSource(inspections, span);
            List<Rec> r = halfHourOfOneSource(readings, span);
            lateInspections.addAll(i);
            lateReadings.addAll(r);
            if (span[0] >= RANGE.atStartOfDay(ZONE).toInstant().toEpochMilli()) {
                inRange += i.size() + r.size();
            }
        }
        assertThat(lateInspections).hasSizeGreaterThan(2);
        assertThat(lateReadings).hasSizeGreaterThan(2);

        // Two corrections in the range: one sent days later, one right after its original.
        Rec lateOriginal = aloneInItsMinute(inspections, span(RANGE, LocalTime.of(15, 0)));
        Rec lateCorrection = corrected(lateOriginal, 60_000, true);
        Rec onTimeOriginal = aloneInItsMinute(inspections, span(RANGE, LocalTime.of(18, 0)));
        Rec onTimeCorrection = corrected(onTimeOriginal, 0, false);

        List<Rec> liveInspections = new ArrayList<>(inspections);
        liveInspections.removeAll(lateInspections);
        liveInspections.add(liveInspections.indexOf(onTimeOriginal) + 1, onTimeCorrection);
        liveInspections.addAll(lateInspections);
        liveInspections.add(lateCorrection);
        List<Rec> liveReadings = new ArrayList<>(readings);
        liveReadings.removeAll(lateReadings);
        liveReadings.addAll(lateReadings);

        List<Rec> cleanInspections = new ArrayList<>(inspections);
        cleanInspections.set(cleanInspections.indexOf(onTimeOriginal), onTimeCorrection);
        cleanInspections.remove(lateOriginal);
        int at = 0;
        while (at < cleanInspections.size()
                && cleanInspections.get(at).at() <= lateCorrection.at()) {
            at++;
        }
        cleanInspections.add(at, lateCorrection);

        produce("live", liveInspections, liveReadings);
        produce("clean", cleanInspections, readings);
        Map<String, String> live = settings("live", keyFile);
        run(live);
        run(settings("clean", keyFile));

        assertThat(reasons("clean.dlq")).doesNotContainKeys("LATE", "CLOCK_SKEW");
        // Sent days after their windows, far behind their partitions' other sources: CLOCK_SKEW
        // dead letters (a record within the source lag but past the allowed lateness would be
        // LATE; both are re-admitted, and RecomputeInputTest reads a LATE one's payload back).
        Map<String, Long> refused = reasons("live.dlq");
        assertThat(refused.getOrDefault("LATE", 0L) + refused.getOrDefault("CLOCK_SKEW", 0L))
                .isEqualTo((long) lateInspections.size() + lateReadings.size() + 1);
        assertThat(refused).containsKey("CLOCK_SKEW");
        assertThat(sum("live", "corrections", "live.inspections")).isEqualTo(1);

        DustwatchConfig config = DustwatchConfig.load(live, Map.of());
        Settings settings = Settings.from(config);
        RecomputeRange range = RecomputeRange.of(RANGE.toString(), RANGE.toString(), settings);
        assertThat(range.warmUp()).isEqualTo(Duration.ofHours(28));
        Map<String, String> clean = InfluxDump.all(INFLUX.client(), "clean");
        Map<String, String> before = InfluxDump.all(INFLUX.client(), "live");
        assertThat(only(before, range::contains))
                .as("the live run's day differs from the clean run's")
                .isNotEqualTo(only(clean, range::contains));

        List<String> progress = new ArrayList<>();
        Recompute.Summary s =
                new Recompute(config, settings, progress::add, Clock.systemUTC()).run(range);
        progress.forEach(System.out::println);
        System.out.println(s);

        Map<String, String> after = InfluxDump.all(INFLUX.client(), "live");
        Map<String, String> expected = only(clean, range::contains);
        assertThat(expected).hasSizeGreaterThan(1_000);
        System.out.printf(
                "compared %,d points of the range and %,d outside it%n",
                expected.size(), only(before, t -> !range.contains(t)).size());
        assertThat(InfluxDump.differences(expected, only(after, range::contains)))
                .as("points of the range that differ from the clean run")
                .isEmpty();
        assertThat(
                        InfluxDump.differences(
                                only(before, t -> !range.contains(t)),
                                only(after, t -> !range.contains(t))))
                .as("points outside the range that differ from the live run's")
                .isEmpty();
        assertThat(s.superseded()).isEqualTo(2);
        assertThat(s.corrections()).isEqualTo(2);
        assertThat(s.readmitted()).isEqualTo(inRange + 1);
        assertThat(s.refusedByTheRun()).isZero();
        assertThat(s.warmUpPoints()).isPositive();
        assertThat(progress).anyMatch(l -> l.startsWith("deleted the range's points"));
    }

    static void add(SimEvent e, List<Rec> inspections, List<Rec> readings) {
        Rec r = new Rec(e.key() == null ? "" : e.key(), e.value(), e.emitAt());
        (e.topic().equals(Topics.INSPECTIONS) ? inspections : readings).add(r);
    }

    /** Half an hour from {@code time} on {@code day}, local: [start, end) in epoch ms. */
    static long[] span(LocalDate day, LocalTime time) {
        long start = day.atTime(time).atZone(ZONE).toInstant().toEpochMilli();
        return new long[] {start, start + 30 * 60_000};
    }

    /** The records of the span's first source (the key of its first record in it). */
    static List<Rec> halfHourOfOneSource(List<Rec> records, long[] span) {
        String key =
                records.stream()
                        .filter(r -> r.at() >= span[0] && !r.key().isEmpty())
                        .findFirst()
                        .orElseThrow()
                        .key();
        return records.stream()
                .filter(r -> r.key().equals(key) && r.at() >= span[0] && r.at() < span[1])
                .toList();
    }

    /** A valid violating inspection from the span that is its checkpoint's only one that minute. */
    static Rec aloneInItsMinute(List<Rec> inspections, long[] span) throws Exception {
        Map<String, Integer> perMinute = new HashMap<>();
        for (Rec r : inspections) {
            perMinute.merge(r.key() + "@" + r.at() / 60_000, 1, Integer::sum);
        }
        for (Rec r : inspections) {
            if (r.at() >= span[0]
                    && perMinute.get(r.key() + "@" + r.at() / 60_000) == 1
                    && perMinute.get(r.key() + "@" + (r.at() + 60_000) / 60_000) == null
                    && DECODER.decode(r.value().getBytes(StandardCharsets.UTF_8))
                            instanceof Decoded.Ok<Inspection> ok
                    && ok.value().violating()
                    && ok.value().ts() == r.at()) {
                return r;
            }
        }
        throw new AssertionError("no inspection alone in its minute");
    }

    /** A correction with revision 1: no violation and no fine, or twice the fine, moved by ms. */
    static Rec corrected(Rec original, long moveMs, boolean cleared) throws Exception {
        ObjectNode o = (ObjectNode) JSON.readTree(original.value());
        if (cleared) {
            o.putArray("violations");
            o.put("fineYuan", 0);
        } else {
            o.put("fineYuan", o.path("fineYuan").asInt() * 2 + 100);
        }
        o.put("ts", original.at() + moveMs);
        o.put("revision", 1);
        return new Rec(original.key(), JSON.writeValueAsString(o), original.at() + moveMs);
    }

    /** Points of a dump whose time passes the test. */
    static Map<String, String> only(Map<String, String> dump, Predicate<Long> time) {
        Map<String, String> out = new TreeMap<>();
        dump.forEach(
                (k, v) -> {
                    if (time.test(Long.parseLong(k.substring(k.lastIndexOf('@') + 1)))) {
                        out.put(k, v);
                    }
                });
        return out;
    }

    static void produce(String p, List<Rec> inspections, List<Rec> readings) throws Exception {
        KAFKA.createTopics(List.of(p + ".inspections", p + ".readings"), 2);
        KAFKA.createTopics(List.of(p + ".dlq", p + ".alerts"), 1);
        TestKafka.produce(
                KAFKA.bootstrap(),
                p + ".inspections",
                inspections.stream().map(r -> Map.entry(r.key(), r.value())).toList());
        TestKafka.produce(
                KAFKA.bootstrap(),
                p + ".readings",
                readings.stream().map(r -> Map.entry(r.key(), r.value())).toList());
    }

    /** The job's settings for run {@code p}: its topics, its database, short alert memories. */
    static Map<String, String> settings(String p, Path keyFile) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap", KAFKA.bootstrap());
        s.put("kafka.topic.inspections", p + ".inspections");
        s.put("kafka.topic.readings", p + ".readings");
        s.put("kafka.topic.dead-letters", p + ".dlq");
        s.put("kafka.topic.alerts", p + ".alerts");
        s.put("kafka.starting-offsets", "EARLIEST");
        s.put("influx.url", INFLUX.url());
        s.put("influx.database", p);
        s.put("plates.key-file", keyFile.toString());
        s.put("pipeline.time-zone", ZONE.getId());
        // A warm-up of 28 h instead of 30 days: the spike baseline is the last day, the widest
        // window
        // (3 h) and its spread (1 h).
        s.put("alerts.spike.baseline-days", "1");
        s.put("alerts.repeat-offender.period", "12h");
        return s;
    }

    static void run(Map<String, String> settings) throws Exception {
        DustwatchConfig c = DustwatchConfig.load(settings, Map.of());
        INFLUX.client()
                .createDatabase(c.get(org.dustwatch.jobs.config.InfluxOptions.INFLUX_DATABASE));
        var env = JobEnvironment.create(c);
        env.setParallelism(2);
        Topology.build(
                env,
                org.dustwatch.jobs.io.KafkaSources.of(c, true),
                org.dustwatch.jobs.io.ProductionSinks.of(c),
                Settings.from(c));
        env.execute("recompute-it");
    }

    static Map<String, Long> reasons(String topic) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : TestKafka.readToEnd(KAFKA.bootstrap(), topic)) {
            out.merge(
                    JSON.readTree(new String(r.value(), StandardCharsets.UTF_8))
                            .path("reason")
                            .asText(),
                    1L,
                    Long::sum);
        }
        return out;
    }

    static long sum(String db, String field, String source) throws Exception {
        return InfluxDump.firstRow(
                        INFLUX.client(),
                        db,
                        "SELECT sum(" + field + ") FROM pipeline WHERE source = '" + source + "'")
                .path(1)
                .asLong();
    }
}
