package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.SoftAssertions;
import org.dustwatch.cli.Cli;
import org.dustwatch.jobs.JobEnvironment;
import org.dustwatch.jobs.Topology;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.CheckpointType;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.GroundTruth;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimEvent;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every number of the campaign report, exactly (issue #22's first "Done when"): ten local days of
 * the bundled district at its real volume (2,150 inspections a day), 2026-10-27 to 2026-11-05
 * across the October/November boundary, with 1% bad records, 0.5% repeats, the simulator's missing
 * values, stuck sensors and outages, a violation spike on G107 and a pollution episode in Beiling,
 * through a real broker, the whole job on a MiniCluster of two TaskManagers and a real influxd. The
 * report is then built by {@link ReportQueries} from InfluxDB and compared with {@link
 * ReportOracle}.
 *
 * <p>What the oracle uses, and never the report code or the job:
 *
 * <ul>
 *   <li>the raw simulated events as sent to the broker: each record judged by the contract of
 *       docs/events.md (size, JSON, ids of the reference data, enums, ranges, repeated event ids),
 *       inspections summed per checkpoint and local day (Asia/Shanghai), refusals counted by
 *       reason; the simulator's ground truth checks those counts by its own record (bad records by
 *       kind, inspections, duplicates);
 *   <li>for the AQI (level days, NA days, good days, means, exceedances, primary pollutants,
 *       completeness), {@link AqiOracle}, jobs' oracle (its test jar) that recomputes the {@code
 *       aqi} points from the readings without the {@code aqi} library or the job; the grade-2
 *       limits and the rounding typed again from AQI-STANDARDS.md;
 *   <li>the reference data for the duty posts (fixed or mobile, per township);
 *   <li>for alerts by kind, the job's alerts topic (Kafka), a path the report does not read (it
 *       reads the {@code alerts} measurement); no oracle of the detectors' statistics exists.
 * </ul>
 *
 * <p>Refusals, late records and repeats are operational: the job counts them in the minute of its
 * watermark, the minimum of the two sources', which a backlog read at full speed moves anywhere
 * within the run. They are therefore compared exactly over a span that holds the whole run, and for
 * the months as a partition: October's and November's sum to that total.
 */
class CampaignReportIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** Local midnight starting 2026-10-27, a Tuesday. */
    static final Instant START = Instant.parse("2026-10-26T16:00:00Z");

    static final Duration SPAN = Duration.ofDays(10);
    static final LocalDate FIRST = LocalDate.of(2026, 10, 27);
    static final LocalDate LAST = LocalDate.of(2026, 11, 5);
    static final double PER_DAY = 2_150;
    static final long SEED = 22;
    static final String DB = "campaign";
    static final ReferenceData REFERENCE = ReferenceData.bundled();
    static final List<SimEvent> EVENTS = new ArrayList<>();
    static final List<JsonNode> ALERTS = new ArrayList<>();
    static GroundTruth truth;
    static ReportOracle oracle;

    @BeforeAll
    static void runTheDistrictThroughThePipeline() throws Exception {
        KAFKA.createTopics(List.of("c.inspections", "c.readings"), 1);
        KAFKA.createTopics(List.of("c.dlq", "c.alerts"), 2);
        INFLUX.client().createDatabase(DB);
        Scenario scenario =
                new Scenario(
                        List.of(
                                new Scenario.Spike(
                                        "G107",
                                        Instant.parse("2026-11-02T16:00:00Z"),
                                        Duration.ofHours(2),
                                        5.0)),
                        List.of(
                                new Scenario.Episode(
                                        "Beiling",
                                        Instant.parse("2026-10-30T14:00:00Z"),
                                        Duration.ofHours(4),
                                        4.0)));
        SimulationOptions d = SimulationOptions.defaults(SEED, START, SPAN, PER_DAY / 24);
        SimulationOptions o = d.withDeliveryFaults(d.badRate(), 0, 0, 0.005).withScenario(scenario);
        DistrictSimulator sim = new DistrictSimulator(REFERENCE, o);
        sim.forEachRemaining(EVENTS::add);
        truth = sim.groundTruth();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (SimEvent e : EVENTS) {
                producer.send(
                        new ProducerRecord<>(
                                e.topic().endsWith("readings") ? "c.readings" : "c.inspections",
                                e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8),
                                e.value().getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
        DustwatchConfig c =
                DustwatchConfig.load(
                        Map.of(
                                "kafka.bootstrap", KAFKA.bootstrap(),
                                "kafka.topic.inspections", "c.inspections",
                                "kafka.topic.readings", "c.readings",
                                "kafka.topic.dead-letters", "c.dlq",
                                "kafka.topic.alerts", "c.alerts",
                                "kafka.starting-offsets", "EARLIEST",
                                "influx.url", INFLUX.url(),
                                "influx.database", DB),
                        Map.of());
        StreamExecutionEnvironment env = JobEnvironment.create(c);
        env.setParallelism(2);
        Timing timing = Timing.from(c).withWatermarkEveryEvent();
        Topology.build(
                env,
                KafkaSources.of(c, true, timing),
                ProductionSinks.of(c),
                Settings.from(c).withTiming(timing));
        env.execute("campaign-report");
        readAlerts();
        oracle = new ReportOracle(REFERENCE, EVENTS);
    }

    static void readAlerts() throws Exception {
        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "campaign-report");
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("c.alerts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 3) {
                var batch = consumer.poll(Duration.ofSeconds(2));
                empty = batch.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    ALERTS.add(json.readTree(r.value()));
                }
            }
        }
    }

    static CampaignReport report(
            ReportPeriod period, String township, String road, LocalDate since) {
        return new ReportQueries(new InfluxQl(INFLUX.url(), DB))
                .build(new ReportRequest(period, township, road, since, REFERENCE));
    }

    // ---- the comparisons, section by section -------------------------------------------------

    static InspectionCounts counts(long[] c) {
        return new InspectionCounts(c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }

    /** Sections 1 to 3 and the stations of 6 of one period, against the oracle. */
    static void compare(
            SoftAssertions soft,
            String what,
            PeriodFigures f,
            Predicate<Checkpoint> scope,
            List<String> airTownships,
            boolean district) {
        LocalDate from = f.period().from();
        LocalDate to = f.period().to();
        List<Checkpoint> cps = REFERENCE.checkpoints().stream().filter(scope).toList();
        // 1. checkpoints
        int active = 0, activeFixed = 0, fixed = 0;
        Map<String, int[]> perTownship = new TreeMap<>();
        for (Checkpoint cp : cps) {
            boolean a = oracle.sum(cp.id(), from, to)[0] > 0;
            boolean fx = cp.type() == CheckpointType.FIXED;
            active += a ? 1 : 0;
            activeFixed += a && fx ? 1 : 0;
            fixed += fx ? 1 : 0;
            int[] t = perTownship.computeIfAbsent(cp.township(), k -> new int[4]);
            t[0]++;
            t[fx ? 1 : 2]++;
            t[3] += a ? 1 : 0;
        }
        soft.assertThat(f.checkpoints().total()).as(what + " checkpoints").isEqualTo(cps.size());
        soft.assertThat(f.checkpoints().fixed()).as(what + " fixed").isEqualTo(fixed);
        soft.assertThat(f.checkpoints().mobile())
                .as(what + " mobile")
                .isEqualTo(cps.size() - fixed);
        soft.assertThat(f.checkpoints().active()).as(what + " active").isEqualTo(active);
        soft.assertThat(f.checkpoints().activeFixed())
                .as(what + " active fixed")
                .isEqualTo(activeFixed);
        soft.assertThat(f.checkpoints().activeMobile())
                .as(what + " active mobile")
                .isEqualTo(active - activeFixed);
        Map<String, List<Integer>> tp = new TreeMap<>();
        f.checkpoints()
                .townships()
                .forEach(
                        t ->
                                tp.put(
                                        t.township(),
                                        List.of(t.total(), t.fixed(), t.mobile(), t.active())));
        Map<String, List<Integer>> tpWant = new TreeMap<>();
        perTownship.forEach((t, c) -> tpWant.put(t, List.of(c[0], c[1], c[2], c[3])));
        soft.assertThat(tp).as(what + " checkpoints per township").isEqualTo(tpWant);
        // 2. inspections
        soft.assertThat(f.inspections().total())
                .as(what + " inspections")
                .isEqualTo(counts(oracle.sum(scope, from, to)));
        Map<LocalDate, InspectionCounts> daily = new TreeMap<>();
        f.inspections().daily().forEach(x -> daily.put(x.date(), x.counts()));
        Map<LocalDate, InspectionCounts> dailyWant = new TreeMap<>();
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
            dailyWant.put(day, counts(oracle.sum(scope, day, day)));
        }
        soft.assertThat(daily).as(what + " daily").isEqualTo(dailyWant);
        Map<String, InspectionCounts> roads = new TreeMap<>(), roadsWant = new TreeMap<>();
        Map<String, InspectionCounts> towns = new TreeMap<>(), townsWant = new TreeMap<>();
        Map<String, InspectionCounts> posts = new TreeMap<>(), postsWant = new TreeMap<>();
        f.inspections().roads().forEach(r -> roads.put(r.name(), r.counts()));
        f.inspections().townships().forEach(r -> towns.put(r.name(), r.counts()));
        f.inspections().checkpoints().forEach(r -> posts.put(r.id(), r.counts()));
        for (Checkpoint cp : cps) {
            roadsWant.put(
                    cp.road(),
                    counts(oracle.sum(scope.and(x -> x.road().equals(cp.road())), from, to)));
            townsWant.put(
                    cp.township(),
                    counts(
                            oracle.sum(
                                    scope.and(x -> x.township().equals(cp.township())), from, to)));
            postsWant.put(cp.id(), counts(oracle.sum(cp.id(), from, to)));
        }
        soft.assertThat(roads).as(what + " per road").isEqualTo(roadsWant);
        soft.assertThat(towns).as(what + " per township").isEqualTo(townsWant);
        soft.assertThat(posts).as(what + " per checkpoint").isEqualTo(postsWant);
        // 3. air quality
        if (district) {
            soft.assertThat(summary(f.airQuality().district()))
                    .as(what + " district air")
                    .isEqualTo(ReportOracle.area(oracle.daily(null), from, to));
        } else {
            soft.assertThat(f.airQuality().district()).as(what + " district air").isNull();
        }
        Map<String, Map<String, Object>> air = new TreeMap<>(), airWant = new TreeMap<>();
        f.airQuality().townships().forEach(a -> air.put(a.area(), summary(a)));
        for (String t : airTownships) {
            airWant.put(t, ReportOracle.area(oracle.daily(t), from, to));
        }
        soft.assertThat(air).as(what + " township air").isEqualTo(airWant);
        // 6. completeness
        Map<String, List<Integer>> st = new TreeMap<>(), stWant = new TreeMap<>();
        f.dataQuality()
                .stations()
                .forEach(s -> st.put(s.station(), List.of(s.validHours(), s.expectedHours())));
        for (Station s : REFERENCE.stations()) {
            if (airTownships.contains(s.township())) {
                stWant.put(
                        s.id(),
                        List.of(oracle.validHours(s, from, to), (int) (24 * f.period().days())));
            }
        }
        soft.assertThat(st).as(what + " completeness").isEqualTo(stWant);
    }

    /** An area's figures in the oracle's shape. */
    static Map<String, Object> summary(AreaAirQuality a) {
        Map<String, Object> out = new TreeMap<>();
        Map<Integer, Integer> levels = new TreeMap<>();
        a.levels().forEach(l -> levels.put(l.level(), l.days()));
        Map<String, Integer> over = new TreeMap<>(), with = new TreeMap<>();
        a.exceedances()
                .forEach(
                        e -> {
                            over.put(e.pollutant(), e.days());
                            with.put(e.pollutant(), e.daysWithValue());
                        });
        List<String> calendar = new ArrayList<>();
        a.calendar()
                .forEach(
                        c ->
                                calendar.add(
                                        c.date()
                                                + " "
                                                + c.status()
                                                + (c.status().equals("ok")
                                                        ? " " + c.aqi() + " " + c.level()
                                                        : "")));
        out.put("levels", levels);
        out.put("valid", a.validDays());
        out.put("na", a.naDays());
        out.put("missing", a.missingDays());
        out.put("good", a.goodDays());
        out.put("goodDayRatio", a.goodDayRatio());
        out.put("meanPm25", a.meanPm25());
        out.put("meanPm10", a.meanPm10());
        out.put("exceedances", over);
        out.put("withValue", with);
        out.put("primary", new TreeMap<>(a.primaryPollutants()));
        out.put("calendar", calendar);
        return out;
    }

    /** The alerts opened in the period, by kind, from the alerts topic. */
    static Map<String, Integer> alertsByKind(ReportPeriod p, Predicate<JsonNode> scope) {
        Map<String, Integer> out = new TreeMap<>();
        for (String k :
                List.of(
                        "violation_spike",
                        "pollution_episode",
                        "station_silent",
                        "repeat_offender",
                        "clock_skew")) {
            out.put(k, 0);
        }
        for (JsonNode a : ALERTS) {
            long t = a.path("windowStart").asLong();
            if (a.path("state").asText().equals("open")
                    && t >= p.start().toEpochMilli()
                    && t < p.end().toEpochMilli()
                    && scope.test(a)) {
                out.merge(a.path("kind").asText(), 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void theMonthAndThePreviousMonthMatchTheRawEvents() {
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        CampaignReport r = report(nov, null, null, FIRST);
        SoftAssertions soft = new SoftAssertions();
        List<String> all = List.copyOf(REFERENCE.townships());
        compare(soft, "November", r.current(), cp -> true, all, true);
        compare(soft, "October", r.previous(), cp -> true, all, true);
        soft.assertThat(r.previous().period())
                .isEqualTo(ReportPeriod.month(YearMonth.of(2026, 10)));
        // 截至目前: from the campaign's first day to November's last.
        soft.assertThat(r.cumulative().counts())
                .as("cumulative")
                .isEqualTo(counts(oracle.sum(cp -> true, FIRST, nov.to())));
        soft.assertThat(r.cumulative().counts().inspected())
                .as(
                        "cumulative against the simulator's count of what it generated, less bad records")
                .isEqualTo(truth.inspections() - oracle.refusedInspections);
        long[] o = oracle.sum(cp -> true, FIRST, LocalDate.of(2026, 10, 31));
        long[] n = oracle.sum(cp -> true, nov.from(), nov.to());
        soft.assertThat(r.changes().violating())
                .as("环比 of violating")
                .isEqualTo(Change.of(n[1], o[1]));
        soft.assertThat(r.changes().spillage()).isEqualTo(Change.of(n[5], o[5]));
        // 5. alerts by kind
        soft.assertThat(r.current().alerts().byKind())
                .as("November alerts")
                .isEqualTo(alertsByKind(nov, a -> true));
        soft.assertThat(r.previous().alerts().byKind())
                .as("October alerts")
                .isEqualTo(alertsByKind(nov.previous(), a -> true));
        soft.assertThat(r.current().alerts().byKind().get("violation_spike"))
                .as("the injected spike on G107 is among November's alerts")
                .isPositive();
        // 6. refusals, late and repeats: October's and November's make the whole run's.
        DataQualityFigures a = r.current().dataQuality(), b = r.previous().dataQuality();
        Map<String, Long> byReason = new TreeMap<>(a.byReason());
        b.byReason().forEach((k, v) -> byReason.merge(k, v, Long::sum));
        soft.assertThat(byReason).as("refusals by reason, Oct + Nov").isEqualTo(oracle.refusals);
        soft.assertThat(a.duplicates() + b.duplicates())
                .as("duplicates")
                .isEqualTo(oracle.duplicates);
        soft.assertThat(a.late() + b.late()).as("late").isEqualTo(oracle.late);
        soft.assertThat(a.corrections() + b.corrections())
                .as("corrections")
                .isEqualTo(oracle.corrections);
        soft.assertAll();
    }

    @Test
    void aSpanHoldingTheWholeRunHasEveryRefusalByReason() {
        ReportPeriod all = ReportPeriod.span(FIRST.minusDays(1), LAST.plusDays(1));
        CampaignReport r = report(all, null, null, null);
        SoftAssertions soft = new SoftAssertions();
        compare(soft, "the run", r.current(), cp -> true, List.copyOf(REFERENCE.townships()), true);
        DataQualityFigures q = r.current().dataQuality();
        soft.assertThat(q.byReason()).as("refusals by reason").isEqualTo(oracle.refusals);
        soft.assertThat(q.refused())
                .as("refusals")
                .isEqualTo(oracle.refusals.values().stream().mapToLong(Long::longValue).sum());
        soft.assertThat(q.duplicates()).as("duplicates").isEqualTo(oracle.duplicates);
        soft.assertThat(q.late()).as("late").isEqualTo(oracle.late);
        soft.assertThat(q.corrections()).as("corrections").isEqualTo(oracle.corrections);
        // The simulator's own record of what it corrupted, by kind (docs/simulator.md's mapping).
        Map<String, Long> bad = truth.badRecords();
        long impossible =
                bad.getOrDefault("IMPOSSIBLE_VALUE", 0L) + bad.getOrDefault("PERIOD_TOO_LONG", 0L);
        soft.assertThat(oracle.refusals.getOrDefault("IMPOSSIBLE_VALUE", 0L)).isEqualTo(impossible);
        soft.assertThat(oracle.refusals.getOrDefault("WRONG_TYPE", 0L))
                .isEqualTo(bad.getOrDefault("PERIOD_NOT_ISO", 0L));
        soft.assertThat(oracle.refusals.getOrDefault("UNKNOWN_ENUM", 0L))
                .isEqualTo(bad.getOrDefault("BAD_ENUM", 0L));
        soft.assertThat(oracle.duplicates).as("repeats").isEqualTo(truth.duplicates());
        soft.assertThat(r.current().alerts().byKind()).isEqualTo(alertsByKind(all, a -> true));
        soft.assertAll();
    }

    @Test
    void aTownshipFilterCoversItsCheckpointsStationsAndAir() {
        String township = "Beiling";
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        CampaignReport r = report(nov, township, null, FIRST);
        SoftAssertions soft = new SoftAssertions();
        Predicate<Checkpoint> scope = cp -> cp.township().equals(township);
        compare(soft, township + " November", r.current(), scope, List.of(township), false);
        compare(soft, township + " October", r.previous(), scope, List.of(township), false);
        soft.assertThat(r.cumulative().counts())
                .isEqualTo(counts(oracle.sum(scope, FIRST, nov.to())));
        soft.assertThat(r.scope().airQuality()).isEqualTo(ReportScope.AirCoverage.TOWNSHIP);
        soft.assertThat(r.previous().alerts().byKind())
                .as("October alerts in Beiling, its episode among them")
                .isEqualTo(
                        alertsByKind(
                                nov.previous(),
                                a -> {
                                    String level = a.path("level").asText();
                                    String subject = a.path("subject").asText();
                                    return switch (level) {
                                        case "township" -> subject.equals(township);
                                        case "station" ->
                                                REFERENCE
                                                        .station(subject)
                                                        .township()
                                                        .equals(township);
                                        case "checkpoint" ->
                                                REFERENCE
                                                        .checkpoint(subject)
                                                        .township()
                                                        .equals(township);
                                        case "road" ->
                                                REFERENCE.checkpoints().stream()
                                                        .anyMatch(
                                                                c ->
                                                                        c.road().equals(subject)
                                                                                && c.township()
                                                                                        .equals(
                                                                                                township));
                                        default -> false;
                                    };
                                }));
        soft.assertThat(r.previous().alerts().byKind().get("pollution_episode")).isPositive();
        soft.assertAll();
    }

    @Test
    void aRoadFilterCoversItsCheckpointsAndTheTownshipsItCrosses() {
        String road = "G107";
        ReportPeriod span =
                ReportPeriod.span(LocalDate.of(2026, 10, 30), LocalDate.of(2026, 11, 2));
        CampaignReport r = report(span, null, road, null);
        List<String> crossed =
                REFERENCE.checkpoints().stream()
                        .filter(c -> c.road().equals(road))
                        .map(Checkpoint::township)
                        .distinct()
                        .sorted()
                        .toList();
        SoftAssertions soft = new SoftAssertions();
        compare(soft, road, r.current(), cp -> cp.road().equals(road), crossed, false);
        compare(soft, road + " before", r.previous(), cp -> cp.road().equals(road), crossed, false);
        soft.assertThat(r.previous().period())
                .isEqualTo(
                        ReportPeriod.span(LocalDate.of(2026, 10, 26), LocalDate.of(2026, 10, 29)));
        soft.assertThat(r.scope().airTownships()).isEqualTo(crossed);
        soft.assertThat(r.scope().airQuality()).isEqualTo(ReportScope.AirCoverage.ROAD_TOWNSHIPS);
        soft.assertAll();
    }

    @Test
    void theCommandWritesTheReportsJson(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Cli.run(
                        new CampaignReportCli(),
                        new String[] {
                            "--month",
                            "2026-11",
                            "--township",
                            "Beiling",
                            "--since",
                            "2026-10-27",
                            "--influx-url",
                            INFLUX.url(),
                            "--database",
                            DB,
                            "--out",
                            dir.toString()
                        },
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(status).isZero();
        Path written = dir.resolve("campaign-report-2026-11-01_2026-11-30-Beiling");
        List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(printed).hasSize(2);
        assertThat(printed.get(0)).isEqualTo(written.resolve("report.html").toString());
        Path json = written.resolve("report.json");
        CampaignReport r = ReportJson.read(Files.readString(json));
        Predicate<Checkpoint> beiling = cp -> cp.township().equals("Beiling");
        assertThat(r.current().inspections().total())
                .isEqualTo(counts(oracle.sum(beiling, LocalDate.of(2026, 11, 1), LAST)));
        assertThat(r.cumulative().counts()).isEqualTo(counts(oracle.sum(beiling, FIRST, LAST)));
    }

    /** The first value of the first row of a one-statement answer, or 0 when nothing matched. */
    static double first(String influxql) {
        List<InfluxQl.Series> s = new InfluxQl(INFLUX.url(), DB).series(influxql);
        if (s.isEmpty()) {
            return 0;
        }
        Map<String, JsonNode> row = s.get(0).rows().get(0);
        return row.entrySet().stream()
                .filter(e -> !e.getKey().equals("time"))
                .findFirst()
                .orElseThrow()
                .getValue()
                .asDouble();
    }

    /** docs/report.md's "by hand" queries give the report's numbers. */
    @Test
    void theByHandQueriesOfTheDocsGiveTheSameNumbers() {
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        CampaignReport r = report(nov, null, null, null);
        AreaAirQuality d = r.current().airQuality().district();
        String daily =
                " FROM \"aqi\" WHERE \"scope\" = 'district' AND \"window\" = '1d' AND \"standard\" ="
                        + " 'HJ633-2026' AND "
                        + InfluxQl.between(nov.start(), nov.end());
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(first("SELECT count(\"aqi\")" + daily + " AND \"status\" = 'ok'"))
                .isEqualTo(d.validDays());
        soft.assertThat(first("SELECT count(\"aqi\")" + daily + " AND \"status\" = 'NA'"))
                .isEqualTo(d.naDays());
        soft.assertThat(
                        first(
                                "SELECT count(\"aqi\")"
                                        + daily
                                        + " AND \"status\" = 'ok' AND \"aqi\" <= 100"))
                .isEqualTo(d.goodDays());
        soft.assertThat(
                        first(
                                "SELECT count(\"aqi\")"
                                        + daily
                                        + " AND \"status\" = 'ok' AND \"level\" = 3"))
                .isEqualTo(d.levels().get(2).days());
        soft.assertThat(first("SELECT mean(\"pm25_24h\")" + daily + " AND \"pm25_24h\" >= 0"))
                .isCloseTo(d.meanPm25(), within(1e-9));
        soft.assertThat(first("SELECT count(\"pm10_24h\")" + daily + " AND \"pm10_24h\" > 120.5"))
                .isEqualTo(d.exceedances().get(1).days());
        soft.assertThat(
                        first(
                                "SELECT count(\"aqi\")"
                                        + daily
                                        + " AND \"status\" = 'ok' AND \"primary_pollutant\" =~ /PM10/"))
                .isEqualTo((double) d.primaryPollutants().get("PM10"));
        for (InfluxQl.Series s :
                new InfluxQl(INFLUX.url(), DB)
                        .series(
                                "SELECT sum(\"inspected\") AS inspected, sum(\"spillage\") AS spillage"
                                        + " FROM \"checkpoint_inspections\" WHERE \"window\" = '1d' AND "
                                        + InfluxQl.between(nov.start(), nov.end())
                                        + " GROUP BY \"road\"")) {
            InspectionCounts row =
                    r.current().inspections().roads().stream()
                            .filter(x -> x.name().equals(s.tag("road")))
                            .findFirst()
                            .orElseThrow()
                            .counts();
            soft.assertThat(InfluxQl.count(s.rows().get(0), "inspected"))
                    .isEqualTo(row.inspected());
            soft.assertThat(InfluxQl.count(s.rows().get(0), "spillage")).isEqualTo(row.spillage());
        }
        soft.assertThat(d.validDays()).as("November has valid days to count").isPositive();
        soft.assertAll();
    }
}
