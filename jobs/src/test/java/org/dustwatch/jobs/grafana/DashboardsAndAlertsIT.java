package org.dustwatch.jobs.grafana;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dustwatch.jobs.JobEnvironment;
import org.dustwatch.jobs.MiniClusters;
import org.dustwatch.jobs.Topology;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four simulated days of the district with one injected violation spike, one pollution episode, a
 * PM outage at the end (reports whose AQI is not published) and a few corrected readings, through
 * the real broker, the whole job on a MiniCluster and a real influxd. Then: the alerts the scenario
 * must raise (and only those), and every query of every Grafana dashboard and alert rule, with
 * Grafana's macros substituted as Grafana substitutes them, against what the pipeline wrote: each
 * returns values, the aggregating ones never see an NA report, and the current-state ones show the
 * latest report with NA as NA.
 */
class DashboardsAndAlertsIT {

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

    /** Local midnight starting 2026-11-17; the simulation runs four local days. */
    static final Instant START = Instant.parse("2026-11-16T16:00:00Z");

    static final Duration SPAN = Duration.ofDays(4);
    static final String SPIKE_ROAD = "G107";

    /** 10:00 to 12:00 local on the fourth day. */
    static final Instant SPIKE_FROM = Instant.parse("2026-11-20T02:00:00Z");

    static final String EPISODE_TOWNSHIP = "Beiling";

    /**
     * 12:00 to 16:00 local on the third day. The simulator's North China winter air (docs/
     * simulator.md) reaches level 4 on its own on stagnant nights, so the injected episode goes
     * where the daily PM curve is lowest: any episode open then is the injected one.
     */
    static final Instant EPISODE_FROM = Instant.parse("2026-11-19T04:00:00Z");

    static final long HOUR = 3_600_000L;
    static final String DB = "grafana";
    static final List<Map<String, String>> ALERTS = new ArrayList<>();

    /**
     * A PM outage on the fourth day, to test the dashboards on reports whose AQI is not published:
     * from 18:00 local the particulate monitors (PM2.5 and PM10) of every station are down, and at
     * 23:00 those of {@link #RECOVERED} are back. Both are planned pollutants, so HJ 633—2026 5.3.1
     * makes a report without them NA when the AQI of the gases is 100 or less, as it is by far. So
     * from 18:00 every report is NA, the district's included; in the last hour the recovered
     * stations' townships and the district publish again and the others stay NA; and every daily
     * report of the day is NA, since its PM needs 20 valid hours.
     */
    static final Instant OUTAGE_FROM = Instant.parse("2026-11-20T10:00:00Z");

    static final Instant RECOVERY = Instant.parse("2026-11-20T15:00:00Z");

    /** The stations whose PM monitors are back at {@link #RECOVERY}. */
    static final Set<String> RECOVERED =
            Set.of(
                    "AQ-01", "AQ-02", "AQ-03", "AQ-04", "AQ-05", "AQ-06", "AQ-07", "AQ-08", "AQ-09",
                    "AQ-10");

    private static final Pattern TS = Pattern.compile("\"ts\":(\\d+)");
    private static final Pattern PM = Pattern.compile(",\"pm(25|10)\":[-0-9.eE]+");
    private static final Pattern PM25 = Pattern.compile("\"pm25\":([0-9.]+)");

    /**
     * Every this many readings, one is sent again with another PM2.5: a correction, which the
     * pipeline counts and the pipeline-health dashboard shows.
     */
    static final int CORRECTION_EVERY = 2_000;

    static int correctionsSent;
    private static long readingsSent;

    @BeforeAll
    static void runTheScenarioThroughThePipeline() throws Exception {
        // One partition per input topic: the order the simulator emits is the order the job
        // reads, so its late events are late (with two partitions read in bulk, the slower
        // partition holds the watermark back and nothing is late).
        KAFKA.createTopics(List.of("g.inspections", "g.readings"), 1);
        KAFKA.createTopics(List.of("g.dlq", "g.alerts"), 2);
        INFLUX.client().createDatabase(DB);
        Scenario scenario =
                new Scenario(
                        List.of(
                                new Scenario.Spike(
                                        SPIKE_ROAD, SPIKE_FROM, Duration.ofHours(2), 4.0)),
                        List.of(
                                new Scenario.Episode(
                                        EPISODE_TOWNSHIP, EPISODE_FROM, Duration.ofHours(4), 4.0)));
        SimulationOptions d = SimulationOptions.defaults(29, START, SPAN, 1_200);
        SimulationOptions o =
                d.withReadingInterval(Duration.ofMinutes(2)) // one reading per station every 2 min
                        .withDeliveryFaults(
                                d.badRate(),
                                0.01, // out of order, within the 30 s bound
                                0.001, // late by 15 minutes: beyond the allowed lateness
                                0.002) // duplicates
                        .withScenario(scenario);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            new DistrictSimulator(ReferenceData.bundled(), o)
                    .forEachRemaining(
                            e -> {
                                boolean reading = e.topic().equals(Topics.READINGS);
                                String value = reading ? pmOutage(e.key(), e.value()) : e.value();
                                send(producer, reading, e.key(), value);
                                if (reading && ++readingsSent % CORRECTION_EVERY == 0) {
                                    String corrected = corrected(value);
                                    if (corrected != null) {
                                        send(producer, true, e.key(), corrected);
                                        correctionsSent++;
                                    }
                                }
                            });
            producer.flush();
        }

        DustwatchConfig c =
                DustwatchConfig.load(
                        Map.of(
                                "kafka.bootstrap", KAFKA.bootstrap(),
                                "kafka.topic.inspections", "g.inspections",
                                "kafka.topic.readings", "g.readings",
                                "kafka.topic.dead-letters", "g.dlq",
                                "kafka.topic.alerts", "g.alerts",
                                "kafka.starting-offsets", "EARLIEST",
                                "influx.url", INFLUX.url(),
                                "influx.database", DB,
                                // One reading per station every 2 minutes, without a period.
                                // Taken as PT1M (the default) they would cover 30 minutes of an
                                // hour, short of the 45 that make it valid, and every AQI would
                                // be NA. Each is taken as the average of its 2 minutes.
                                "readings.default-period", "PT2M"),
                        Map.of());
        StreamExecutionEnvironment env = JobEnvironment.create(c);
        env.setParallelism(2);
        // The production settings, but a watermark after every event: a replay reads hours of
        // events between two periodic watermarks, so whether the simulator's late events count as
        // late would depend on how fast the job runs.
        Timing timing = Timing.from(c).withWatermarkEveryEvent();
        Topology.build(
                env,
                KafkaSources.of(c, true, timing),
                ProductionSinks.of(c),
                Settings.from(c).withTiming(timing));
        env.execute("dashboards-and-alerts");

        Properties cp = new Properties();
        cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        cp.put(ConsumerConfig.GROUP_ID_CONFIG, "dashboards-and-alerts");
        ObjectMapper json = new ObjectMapper();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(cp, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("g.alerts"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int empty = 0;
            while (System.nanoTime() < deadline && empty < 3) {
                var batch = consumer.poll(Duration.ofSeconds(2));
                empty = batch.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    Map<String, String> a = new TreeMap<>();
                    json.readTree(r.value())
                            .fields()
                            .forEachRemaining(f -> a.put(f.getKey(), f.getValue().asText()));
                    ALERTS.add(a);
                }
            }
        }
        ALERTS.forEach(
                a -> System.out.println("alert: " + a.get("state") + " " + a.get("message")));
    }

    private static void send(
            KafkaProducer<byte[], byte[]> producer, boolean reading, String key, String value) {
        producer.send(
                new ProducerRecord<>(
                        reading ? "g.readings" : "g.inspections",
                        key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
    }

    /** A station's reading without its PM2.5 and PM10 if its monitor was down. */
    static String pmOutage(String station, String reading) {
        Matcher m = TS.matcher(reading);
        if (!m.find()) {
            return reading;
        }
        long ts = Long.parseLong(m.group(1));
        boolean down =
                ts >= OUTAGE_FROM.toEpochMilli()
                        && (ts < RECOVERY.toEpochMilli() || !RECOVERED.contains(station));
        return down ? PM.matcher(reading).replaceAll("") : reading;
    }

    /** The reading with its PM2.5 one higher, or null if it has none. */
    static String corrected(String reading) {
        Matcher m = PM25.matcher(reading);
        if (!m.find()) {
            return null;
        }
        String pm25 = String.format(Locale.ROOT, "%.1f", Double.parseDouble(m.group(1)) + 1);
        return reading.substring(0, m.start(1)) + pm25 + reading.substring(m.end(1));
    }

    static List<String> alerts(String kind) {
        return ALERTS.stream()
                .filter(a -> a.get("kind").equals(kind))
                .map(a -> a.get("level") + " " + a.get("subject") + " " + a.get("state"))
                .sorted()
                .toList();
    }

    @Test
    void theInjectedSpikeOpensAndResolvesOneAlertForItsRoadAndNoneElsewhere() {
        assertThat(alerts("violation_spike"))
                .containsExactly(
                        "road " + SPIKE_ROAD + " open", "road " + SPIKE_ROAD + " resolved");
        Map<String, String> open =
                ALERTS.stream()
                        .filter(
                                a ->
                                        a.get("kind").equals("violation_spike")
                                                && a.get("state").equals("open"))
                        .findFirst()
                        .orElseThrow();
        long opened = Long.parseLong(open.get("windowStart"));
        assertThat(opened)
                .as("opened in an hour of the spike")
                .isBetween(
                        SPIKE_FROM.toEpochMilli(),
                        SPIKE_FROM.plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(Double.parseDouble(open.get("observed")))
                .isGreaterThan(Double.parseDouble(open.get("baseline")));
    }

    @Test
    void theEpisodeOpensAndResolvesAPollutionAlertForItsTownship() {
        // The simulator's winter air has episodes of its own on stagnant nights, in Beiling too:
        // the injected one is the episode that opens within its four hours and resolves after
        // them, and no episode is open when it starts.
        List<Map<String, String>> beiling =
                ALERTS.stream()
                        .filter(
                                a ->
                                        a.get("kind").equals("pollution_episode")
                                                && a.get("subject").equals(EPISODE_TOWNSHIP))
                        .toList();
        long from = EPISODE_FROM.toEpochMilli();
        long to = EPISODE_FROM.plus(Duration.ofHours(4)).toEpochMilli();
        List<Map<String, String>> opened =
                beiling.stream()
                        .filter(a -> a.get("state").equals("open"))
                        .filter(a -> Long.parseLong(a.get("windowStart")) >= from)
                        .filter(a -> Long.parseLong(a.get("windowStart")) < to)
                        .toList();
        assertThat(opened).hasSize(1);
        String id = opened.get(0).get("id");
        Map<String, String> resolved =
                beiling.stream()
                        .filter(a -> a.get("id").equals(id) && a.get("state").equals("resolved"))
                        .findFirst()
                        .orElseThrow();
        assertThat(Long.parseLong(resolved.get("windowStart"))).isGreaterThanOrEqualTo(to - HOUR);
        // none open at the episode's start: each earlier open resolved before it
        for (Map<String, String> a : beiling) {
            if (a.get("state").equals("open") && Long.parseLong(a.get("windowStart")) < from) {
                assertThat(
                                beiling.stream()
                                        .filter(
                                                r ->
                                                        r.get("id").equals(a.get("id"))
                                                                && r.get("state")
                                                                        .equals("resolved"))
                                        .map(r -> Long.parseLong(r.get("windowStart"))))
                        .singleElement()
                        .satisfies(t -> assertThat(t).isLessThanOrEqualTo(from));
            }
        }
    }

    @Test
    void theAlertsMeasurementHoldsWhatTheTopicHolds() throws Exception {
        TreeSet<String> fromInflux = new TreeSet<>();
        for (JsonNode s : series(query("SELECT \"id\" FROM \"alerts\" GROUP BY \"state\""))) {
            for (JsonNode row : s.path("values")) {
                fromInflux.add(row.get(1).asText() + " " + s.path("tags").path("state").asText());
            }
        }
        TreeSet<String> fromKafka = new TreeSet<>();
        ALERTS.forEach(a -> fromKafka.add(a.get("id") + " " + a.get("state")));
        assertThat(fromKafka).isNotEmpty();
        assertThat(fromInflux).isEqualTo(fromKafka);
    }

    // ---- NA: reports whose AQI is not published (docs/schema.md, "AQI") --------------------

    /** 22:59:59 local on the fourth day: the last moment at which every report is NA. */
    static final ZonedDateTime BEFORE_RECOVERY = RECOVERY.atZone(ZONE).minusSeconds(1);

    /** The townships with a station whose PM monitor is back for the last hour. */
    static Set<String> recoveredTownships() {
        Set<String> out = new TreeSet<>();
        for (Station st : ReferenceData.bundled().stations()) {
            if (RECOVERED.contains(st.id())) {
                out.add(st.township());
            }
        }
        return out;
    }

    @Test
    void thePmOutageMakesTheReportsOfItsHoursAndOfItsDayNa() throws Exception {
        // What the NA tests below stand on, read from the raw points.
        Set<String> recovered = recoveredTownships();
        List<Map<String, JsonNode>> hours =
                points(
                        "\"scope\" <> 'station' AND \"window\" = '1h' AND time >= "
                                + OUTAGE_FROM.toEpochMilli()
                                + "ms AND time < "
                                + START.plus(SPAN).toEpochMilli()
                                + "ms");
        assertThat(hours).as("10 townships and the district, 6 hours").hasSize(66);
        for (Map<String, JsonNode> h : hours) {
            boolean district = h.get("township").isNull();
            boolean published =
                    h.get("time").asLong() >= RECOVERY.toEpochMilli()
                            && (district || recovered.contains(h.get("township").asText()));
            if (published) {
                assertThat(h.get("status").asText()).as(h.toString()).isEqualTo("ok");
            } else {
                assertNa(h);
            }
        }
        List<Map<String, JsonNode>> days =
                points(
                        "\"scope\" <> 'station' AND \"window\" = '1d' AND time = "
                                + START.plus(Duration.ofDays(3)).toEpochMilli()
                                + "ms");
        assertThat(days).hasSize(11);
        days.forEach(DashboardsAndAlertsIT::assertNa);
    }

    private static void assertNa(Map<String, JsonNode> report) {
        String r = report.toString();
        assertThat(report.get("status").asText()).as(r).isEqualTo("NA");
        assertThat(report.get("aqi").asInt()).as(r).isEqualTo(-1);
        assertThat(report.get("level").asInt()).as(r).isEqualTo(-1);
        assertThat(report.get("category").asText()).as(r).isEqualTo("NA");
        assertThat(report.get("category_en").asText()).as(r).isEqualTo("NA");
        assertThat(report.get("primary_pollutant").asText()).as(r).isEmpty();
        assertThat(report.get("advice").asText()).as(r).isEmpty();
        assertThat(report.get("missing").asText()).as(r).contains("PM10").contains("PM2.5");
        assertThat(report.get("iaqi_pm10").asInt()).as(r).isEqualTo(-1);
        assertThat(report.get("iaqi_pm25").asInt()).as(r).isEqualTo(-1);
    }

    /** Every query of the dashboards and the rules that reads {@code aqi}. */
    static List<Provisioning.Query> aqiQueries() {
        List<Provisioning.Query> out = new ArrayList<>(Provisioning.dashboardQueries());
        out.addAll(Provisioning.ruleQueries());
        out.removeIf(q -> !Provisioning.readsAqi(q.text()));
        return out;
    }

    /** The default range: a dashboard's 24 hours, or a rule's own range. */
    static String range(Provisioning.Query q) {
        return q.panel() != null ? "24h" : null;
    }

    @Test
    void everyQueryThatAggregatesTheAqiLeavesTheNaReportsOut() throws Exception {
        // At the end of the data some townships are NA and others published; an hour earlier
        // every report is NA. A query that averages, maximises or takes the latest published
        // value must never see -1 or NA.
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Provisioning.Query q : aqiQueries()) {
            if (Provisioning.currentState(q.text())) {
                continue;
            }
            checked++;
            for (ZonedDateTime now : List.of(NOW, BEFORE_RECOVERY)) {
                Run r = succeeded(run(q, now, range(q), null), q);
                for (JsonNode s : r.series()) {
                    for (JsonNode row : s.path("values")) {
                        for (int i = 1; i < row.size(); i++) {
                            JsonNode v = row.get(i);
                            if ((v.isNumber() && v.asDouble() < 0) || v.asText().equals("NA")) {
                                failures.add(
                                        q.where()
                                                + " at "
                                                + now
                                                + ": "
                                                + s.path("tags")
                                                + " "
                                                + row
                                                + "\n    "
                                                + r.text());
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
        assertThat(failures).isEmpty();
    }

    @Test
    void theAqiMeansAreTheMeansOfThePublishedReports() throws Exception {
        // Each mean of "aqi", per its series and time bucket, computed here from the raw points:
        // the published ones only. With day-long buckets for the hourly panels, the fourth day's
        // bucket holds published hours and the outage's NA hours.
        int checked = 0;
        boolean naWouldChangeAMean = false;
        for (Provisioning.Query q : aqiQueries()) {
            List<Provisioning.Call> calls = Provisioning.calls(q.text());
            if (calls.size() != 1
                    || !calls.get(0)
                            .equals(new Provisioning.Call("mean", "aqi", calls.get(0).column()))) {
                continue;
            }
            checked++;
            Run r = succeeded(run(q, NOW, range(q), "1d"), q);
            String text = r.text();
            String where = text.substring(text.indexOf(" WHERE ") + 7, text.indexOf(" GROUP BY "));
            String groupBy = text.substring(text.indexOf(" GROUP BY "));
            Matcher time = Pattern.compile("time\\((\\w+)(?:, (-?\\w+))?\\)").matcher(groupBy);
            assertThat(time.find()).as(text).isTrue();
            long size = parse(time.group(1), null);
            long offset = time.group(2) == null ? 0 : sign(time.group(2));
            boolean byTownship = groupBy.contains("\"township\"");
            Map<String, double[]> published = new TreeMap<>();
            Map<String, double[]> all = new TreeMap<>();
            for (Map<String, JsonNode> p : points(where.replace(" AND \"status\" = 'ok'", ""))) {
                long t = p.get("time").asLong();
                String key =
                        (byTownship ? p.get("township").asText() : "")
                                + " "
                                + (t - Math.floorMod(t - offset, size));
                double aqi = p.get("aqi").asDouble();
                add(all, key, aqi);
                if (p.get("status").asText().equals("ok")) {
                    add(published, key, aqi);
                }
            }
            Map<String, Double> expected = new TreeMap<>();
            published.forEach((k, v) -> expected.put(k, v[0] / v[1]));
            Map<String, Double> actual = new TreeMap<>();
            for (JsonNode s : r.series()) {
                for (JsonNode row : s.path("values")) {
                    if (!row.get(1).isNull()) {
                        actual.put(
                                (byTownship ? s.path("tags").path("township").asText() : "")
                                        + " "
                                        + row.get(0).asLong(),
                                row.get(1).asDouble());
                    }
                }
            }
            assertThat(actual.keySet()).as(q.where()).isEqualTo(expected.keySet());
            actual.forEach(
                    (k, v) ->
                            assertThat(v)
                                    .as(q.where() + " " + k)
                                    .isCloseTo(expected.get(k), within(1e-9)));
            for (Map.Entry<String, double[]> e : all.entrySet()) {
                double naive = e.getValue()[0] / e.getValue()[1];
                Double mean = expected.get(e.getKey());
                naWouldChangeAMean |= mean == null || Math.abs(naive - mean) > 1e-9;
            }
        }
        assertThat(checked)
                .as("hourly and daily AQI of the townships and the district")
                .isEqualTo(4);
        assertThat(naWouldChangeAMean).as("some bucket holds NA reports").isTrue();
    }

    private static void add(Map<String, double[]> sums, String key, double value) {
        double[] s = sums.computeIfAbsent(key, k -> new double[2]);
        s[0] += value;
        s[1]++;
    }

    private static long sign(String offset) {
        return offset.startsWith("-") ? -parse(offset.substring(1), null) : parse(offset, null);
    }

    @Test
    void currentStateQueriesShowTheLatestReportAndNaAsNa() throws Exception {
        // The latest report of each series, NA or not, read here with SELECT * ... ORDER BY time
        // DESC LIMIT 1: the panel must show exactly its values (no fallback to an older report),
        // and Grafana's value mappings must show an NA report's AQI, level and category as NA.
        Set<String> recovered = recoveredTownships();
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Provisioning.Query q : aqiQueries()) {
            if (!Provisioning.currentState(q.text())) {
                continue;
            }
            checked++;
            if (q.panel() == null) {
                failures.add(q.where() + ": a rule cannot show NA as NA, so it must filter");
                continue;
            }
            List<Provisioning.Call> calls = Provisioning.calls(q.text());
            for (ZonedDateTime now : List.of(NOW, BEFORE_RECOVERY)) {
                Run r = succeeded(run(q, now, range(q), null), q);
                Map<String, Map<String, JsonNode>> latest = new TreeMap<>();
                String all =
                        r.text().replaceFirst("^SELECT .*? FROM \"aqi\"", "SELECT * FROM \"aqi\"")
                                + " ORDER BY time DESC LIMIT 1";
                for (JsonNode s : series(query(all))) {
                    latest.put(s.path("tags").toString(), row(s, 0));
                }
                assertThat(r.series()).as(q.where()).isNotEmpty();
                for (JsonNode s : r.series()) {
                    JsonNode tags = s.path("tags");
                    Map<String, JsonNode> report = latest.get(tags.toString());
                    assertThat(report).as(q.where() + " latest report of " + tags).isNotNull();
                    Map<String, JsonNode> shown = row(s, 0);
                    boolean na = report.get("status").asText().equals("NA");
                    // NA at the end: the daily reports, and the townships still without PM
                    boolean expected =
                            now == BEFORE_RECOVERY
                                    || tags.path("window").asText().equals("1d")
                                    || (tags.has("township")
                                            && !recovered.contains(tags.path("township").asText()));
                    if (na != expected) {
                        failures.add(q.where() + " at " + now + ": " + tags + " status " + na);
                    }
                    for (Provisioning.Call c : calls) {
                        JsonNode v = shown.get(c.column());
                        String where = q.where() + " at " + now + ": " + tags + " " + c.column();
                        if (!v.equals(report.get(c.field()))) {
                            failures.add(where + " = " + v + ", latest " + report.get(c.field()));
                        }
                        String text = Provisioning.display(q.panel(), c.column(), js(v));
                        if (v.isNumber() && v.asInt() == -1 && !text.equals("NA")) {
                            failures.add(where + ": -1 shown as " + text);
                        }
                        if (na
                                && Provisioning.STATUS_FIELDS.contains(c.field())
                                && !c.field().equals("primary_pollutant")
                                && !text.contains("NA")) {
                            failures.add(where + ": an NA report's value shown as " + text);
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(5);
        assertThat(failures).isEmpty();
    }

    @Test
    void theHeavyPollutionRuleJudgesTheLatestPublishedLevelOfItsThreeHours() throws Exception {
        Provisioning.Query rule =
                Provisioning.ruleQueries().stream()
                        .filter(q -> q.where().contains("heavy-pollution"))
                        .findFirst()
                        .orElseThrow();
        Map<ZonedDateTime, Map<String, Integer>> seen = new HashMap<>();
        for (ZonedDateTime now :
                List.of(NOW, BEFORE_RECOVERY, OUTAGE_FROM.plus(Duration.ofHours(2)).atZone(ZONE))) {
            Run r = succeeded(run(rule, now, null, null), rule);
            Map<String, Integer> actual = new TreeMap<>();
            for (JsonNode s : r.series()) {
                actual.put(
                        s.path("tags").path("township").asText(),
                        s.path("values").get(0).get(1).asInt());
            }
            // the level of each township's latest published hour in the window, from raw points
            Map<String, Integer> expected = new TreeMap<>();
            for (Map<String, JsonNode> p :
                    points(
                            "\"scope\" = 'township' AND \"window\" = '1h' AND time >= "
                                    + r.from()
                                    + "ms AND time <= "
                                    + r.to()
                                    + "ms")) {
                if (p.get("status").asText().equals("ok")) {
                    expected.put(p.get("township").asText(), p.get("level").asInt());
                }
            }
            assertThat(actual).as("at " + now).isEqualTo(expected);
            seen.put(now, actual);
        }
        // only NA hours in the window: no series, so nothing fires on -1
        assertThat(seen.get(BEFORE_RECOVERY)).isEmpty();
        // at the end the recovered townships' last hour counts, the others drop out
        assertThat(seen.get(NOW).keySet()).isEqualTo(recoveredTownships());
        // at 20:00 the window's hours from 18:00 are NA: they neither fire nor resolve, and the
        // level of 17:00 stands (the equality above)
        assertThat(seen.get(OUTAGE_FROM.plus(Duration.ofHours(2)).atZone(ZONE))).isNotEmpty();
    }

    @Test
    void thePipelineDashboardCountsTheCorrections() throws Exception {
        Provisioning.Query q =
                Provisioning.dashboardQueries().stream()
                        .filter(x -> x.where().contains("Duplicates and corrections"))
                        .findFirst()
                        .orElseThrow();
        long from = START.minus(Duration.ofDays(1)).toEpochMilli();
        long to = NOW.plusDays(1).toInstant().toEpochMilli();
        Map<String, JsonNode> counts =
                row(series(query(grafana(q.text(), from, to, "1m", ""))).get(0), 0);
        assertThat(correctionsSent).isPositive();
        assertThat(counts.get("corrections").asLong()).isEqualTo(correctionsSent);
        assertThat(counts.get("duplicates").asLong()).isPositive();
    }

    /** The raw points of {@code aqi} that match {@code where}, each as column → value. */
    static List<Map<String, JsonNode>> points(String where) throws Exception {
        List<Map<String, JsonNode>> out = new ArrayList<>();
        for (JsonNode s : series(query("SELECT * FROM \"aqi\" WHERE " + where))) {
            for (int i = 0; i < s.path("values").size(); i++) {
                out.add(row(s, i));
            }
        }
        return out;
    }

    /** Row {@code i} of a series as column → value. */
    static Map<String, JsonNode> row(JsonNode series, int i) {
        Map<String, JsonNode> out = new TreeMap<>();
        JsonNode columns = series.path("columns");
        JsonNode row = series.path("values").get(i);
        for (int c = 0; c < columns.size(); c++) {
            out.put(columns.get(c).asText(), row.get(c));
        }
        return out;
    }

    /** A value as Grafana's value mappings see it: JavaScript's {@code String(value)}. */
    static String js(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            double d = v.asDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    ? Long.toString((long) d)
                    : Double.toString(d);
        }
        return v.asText();
    }

    // ---- every Grafana query -----------------------------------------------------------------

    /** "now" for the dashboards: the end of the simulated data. */
    static final ZonedDateTime NOW = START.plus(SPAN).atZone(ZONE).minusSeconds(1);

    @Test
    void everyDashboardQueryReturnsSeries() throws Exception {
        List<Provisioning.Query> queries = Provisioning.dashboardQueries();
        assertThat(queries).hasSizeGreaterThan(30);
        List<String> failures = new ArrayList<>();
        for (Provisioning.Query q : queries) {
            check(q, "24h", failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void everyAlertRuleQueryReturnsSeries() throws Exception {
        List<Provisioning.Query> queries = Provisioning.ruleQueries();
        assertThat(queries).hasSize(3);
        List<String> failures = new ArrayList<>();
        for (Provisioning.Query q : queries) {
            // the pipeline-stalled rule looks at the last 15 minutes of data
            check(q, null, failures);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theSpikeRuleSeesTheOpenAlertOnlyWhileItIsOpen() throws Exception {
        Provisioning.Query rule =
                Provisioning.ruleQueries().stream()
                        .filter(q -> q.where().contains("violation-spike"))
                        .findFirst()
                        .orElseThrow();
        // at the end of the spike's first hour the alert is open: last(active) = 1 for the road
        long during = SPIKE_FROM.plus(Duration.ofMinutes(90)).toEpochMilli();
        JsonNode s = series(query(grafana(rule.text(), during - 86_400_000L, during, "1m", "")));
        assertThat(s).hasSize(1);
        assertThat(s.get(0).path("tags").path("subject").asText()).isEqualTo(SPIKE_ROAD);
        assertThat(s.get(0).path("values").get(0).get(1).asInt()).isEqualTo(1);
        // at the end of the data it has resolved: 0
        long end = NOW.toInstant().toEpochMilli();
        s = series(query(grafana(rule.text(), end - 86_400_000L, end, "1m", "")));
        assertThat(s.get(0).path("values").get(0).get(1).asInt()).isZero();
    }

    @Test
    void theTopRoadsPanelRanksTheSpikedRoadFirstDuringTheSpike() throws Exception {
        Provisioning.Query q =
                Provisioning.dashboardQueries().stream()
                        .filter(x -> x.where().contains("Roads by violation rate"))
                        .findFirst()
                        .orElseThrow();
        long from = SPIKE_FROM.toEpochMilli();
        JsonNode s = series(query(grafana(q.text(), from, from + 7_200_000L - 1, "1h", "")));
        String top = null;
        double best = -1;
        for (JsonNode x : s) {
            double rate = x.path("values").get(0).get(1).asDouble();
            if (rate > best) {
                best = rate;
                top = x.path("tags").path("road").asText();
            }
        }
        assertThat(top).isEqualTo(SPIKE_ROAD);
    }

    private void check(Provisioning.Query q, String defaultRange, List<String> failures)
            throws Exception {
        // The simulated data lie in the past; the sink's reports are stamped when they were
        // written, so their panels look at the real "now", as Grafana does in live operation.
        ZonedDateTime now = q.text().contains("FROM \"sink\"") ? ZonedDateTime.now(ZONE) : NOW;
        Run r = run(q, now, defaultRange, null);
        if (r.result().has("error")) {
            failures.add(
                    q.where() + ": " + r.result().path("error").asText() + "\n    " + r.text());
            return;
        }
        boolean values = false;
        for (JsonNode x : r.series()) {
            for (JsonNode row : x.path("values")) {
                for (int i = 1; i < row.size(); i++) {
                    values |= !row.get(i).isNull();
                }
            }
        }
        if (!values) {
            failures.add(q.where() + ": no values\n    " + r.text());
        }
    }

    private static Run succeeded(Run r, Provisioning.Query q) {
        assertThat(r.result().has("error"))
                .as(q.where() + ": " + r.result() + "\n    " + r.text())
                .isFalse();
        return r;
    }

    /** A query as Grafana sent it, its time range, and InfluxDB's result. */
    record Run(String text, long from, long to, JsonNode result) {
        JsonNode series() {
            return result.path("series");
        }
    }

    /**
     * Runs a query as Grafana runs it at {@code now}: over its panel's time override or {@code
     * defaultRange}, with Grafana's interval for that range unless {@code interval} is given, and
     * the template variables at their defaults.
     */
    private Run run(Provisioning.Query q, ZonedDateTime now, String defaultRange, String interval)
            throws Exception {
        long to = now.toInstant().toEpochMilli();
        long from = to - parse(q.timeFrom() != null ? q.timeFrom() : defaultRange, now);
        String i = interval != null ? interval : interval(from, to, q.interval());
        String text = grafana(q.text(), from, to, i, firstValues(q.text()));
        JsonNode result = new ObjectMapper().readTree(query(text)).path("results").path(0);
        return new Run(text, from, to, result);
    }

    /**
     * The values Grafana selects by default for the template variables a query uses, as the regular
     * expressions it substitutes: "All" for a variable that offers it, else the first value.
     */
    private String firstValues(String text) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String v : List.of("road", "checkpoint", "township")) {
            if (text.contains("$" + v)) {
                b.append(v).append('=').append(variable(v)).append(';');
            }
        }
        return b.toString();
    }

    /** A variable's default as a regular expression. */
    private String variable(String name) throws Exception {
        for (var f : Provisioning.dashboardFiles()) {
            for (JsonNode v : Provisioning.dashboard(f).path("templating").path("list")) {
                if (v.path("name").asText().equals(name)) {
                    String q = v.path("query").asText();
                    // a variable that depends on another takes that one's first value
                    if (q.contains("$road")) {
                        q = q.replace("$road", variable("road"));
                    }
                    JsonNode s = series(query(q));
                    assertThat(s).as("values of $" + name).isNotEmpty();
                    List<String> values = new ArrayList<>();
                    s.get(0).path("values").forEach(r -> values.add(regex(r.get(1).asText())));
                    values.sort(null);
                    return v.path("includeAll").asBoolean()
                            ? "(" + String.join("|", values) + ")"
                            : values.get(0);
                }
            }
        }
        throw new AssertionError("no variable " + name);
    }

    /**
     * A query as Grafana sends it: {@code $timeFilter} becomes {@code time >= Xms and time <= Yms},
     * {@code $__interval} the panel's interval, and a variable {@code $v} its value as a regular
     * expression (variables appear inside {@code /^$v$/}).
     */
    static String grafana(String text, long from, long to, String interval, String variables) {
        String q =
                text.replace("$timeFilter", "time >= " + from + "ms and time <= " + to + "ms")
                        .replace("$__interval", interval);
        for (String kv : variables.split(";")) {
            if (!kv.isEmpty()) {
                String[] p = kv.split("=", 2);
                q = q.replace("$" + p[0], p[1]);
            }
        }
        return q;
    }

    static String regex(String value) {
        return value.replaceAll("([\\\\/^$.|?*+()\\[\\]{}-])", "\\\\$1");
    }

    /** Grafana's interval: range / 1,000 points, rounded, and not below the panel's minimum. */
    static String interval(long from, long to, String minimum) {
        long ms = Math.max((to - from) / 1000, 1);
        long[] nice = {1_000, 10_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 86_400_000};
        long pick = nice[nice.length - 1];
        for (long n : nice) {
            if (ms <= n) {
                pick = n;
                break;
            }
        }
        if (minimum != null) {
            pick = Math.max(pick, parse(minimum, null));
        }
        return pick % 3_600_000 == 0
                ? pick / 3_600_000 + "h"
                : pick % 60_000 == 0 ? pick / 60_000 + "m" : pick / 1000 + "s";
    }

    /**
     * Milliseconds of a Grafana relative time: {@code 24h}, {@code 30d}, {@code 900s}, {@code
     * now/d}.
     */
    static long parse(String relative, ZonedDateTime now) {
        if (relative.equals("now/d")) {
            return Duration.between(now.truncatedTo(ChronoUnit.DAYS), now).toMillis();
        }
        if (relative.equals("now/M")) {
            return Duration.between(now.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS), now)
                    .toMillis();
        }
        Matcher m = Pattern.compile("(\\d+)([smhd])").matcher(relative);
        if (!m.matches()) {
            throw new IllegalArgumentException("relative time " + relative);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            default -> n * 86_400_000;
        };
    }

    static String query(String q) throws Exception {
        return INFLUX.client().query(DB, q);
    }

    static JsonNode series(String json) throws Exception {
        return new ObjectMapper().readTree(json).path("results").path(0).path("series");
    }
}
