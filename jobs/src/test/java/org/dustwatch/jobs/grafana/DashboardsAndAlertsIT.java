package org.dustwatch.jobs.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.dustwatch.jobs.DustwatchJob;
import org.dustwatch.jobs.MiniClusters;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four simulated days of the district with one injected violation spike and one pollution episode,
 * through the real broker, the whole job on a MiniCluster and a real influxd. Then: the alerts the
 * scenario must raise (and only those), and every query of every Grafana dashboard and alert rule,
 * with Grafana's macros substituted as Grafana substitutes them, against what the pipeline wrote.
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

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Local midnight starting 2026-11-17; the simulation runs four local days. */
    static final Instant START = Instant.parse("2026-11-16T16:00:00Z");

    static final Duration SPAN = Duration.ofDays(4);
    static final String SPIKE_ROAD = "G107";

    /** 10:00 to 12:00 local on the fourth day. */
    static final Instant SPIKE_FROM = Instant.parse("2026-11-20T02:00:00Z");

    static final String EPISODE_TOWNSHIP = "Beiling";

    /** 02:00 to 06:00 local on the fourth day, when stagnant night air holds the dust. */
    static final Instant EPISODE_FROM = Instant.parse("2026-11-19T18:00:00Z");

    static final String DB = "grafana";
    static final List<Map<String, String>> ALERTS = new ArrayList<>();

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
                new SimulationOptions(
                        d.seed(),
                        d.start(),
                        d.span(),
                        d.inspectionsPerHour(),
                        Duration.ofMinutes(2), // one reading per station every 2 minutes
                        d.badRate(),
                        0.01, // out of order, within the 30 s bound
                        d.outOfOrderMax(),
                        0.001, // late by 15 minutes: beyond the allowed lateness
                        d.lateDelay(),
                        0.002, // duplicates
                        d.missingRate(),
                        d.stuckRate(),
                        d.offlineRate(),
                        d.fines(),
                        scenario);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            new DistrictSimulator(ReferenceData.bundled(), o)
                    .forEachRemaining(
                            e ->
                                    producer.send(
                                            new ProducerRecord<>(
                                                    e.topic().equals(Topics.INSPECTIONS)
                                                            ? "g.inspections"
                                                            : "g.readings",
                                                    e.key().getBytes(StandardCharsets.UTF_8),
                                                    e.value().getBytes(StandardCharsets.UTF_8))));
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
        StreamExecutionEnvironment env = DustwatchJob.environment(c);
        env.setParallelism(2);
        // The production settings, but a watermark after every event: a replay reads hours of
        // events between two periodic watermarks, so whether the simulator's late events count as
        // late would depend on how fast the job runs.
        DustwatchJob.Timing production = DustwatchJob.Timing.from(c);
        DustwatchJob.build(
                env,
                DustwatchJob.sources(c, true),
                DustwatchJob.sinks(c),
                new DustwatchJob.Timing(
                        production.outOfOrderness(),
                        production.idleness(),
                        production.allowedLateness(),
                        production.dedupHorizon(),
                        production.zone(),
                        true),
                DustwatchJob.AqiSettings.from(c),
                DustwatchJob.AlertSettings.from(c),
                c.get(DustwatchOptions.MINUTE_POINTS));
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
                    Map<String, String> a = new java.util.TreeMap<>();
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
        // Other townships may have episodes of their own: the simulator's spillage raises PM10.
        assertThat(alerts("pollution_episode"))
                .filteredOn(e -> e.startsWith("township " + EPISODE_TOWNSHIP + " "))
                .containsExactly(
                        "township " + EPISODE_TOWNSHIP + " open",
                        "township " + EPISODE_TOWNSHIP + " resolved");
        Map<String, String> open =
                ALERTS.stream()
                        .filter(
                                a ->
                                        a.get("kind").equals("pollution_episode")
                                                && a.get("subject").equals(EPISODE_TOWNSHIP)
                                                && a.get("state").equals("open"))
                        .findFirst()
                        .orElseThrow();
        assertThat(Long.parseLong(open.get("windowStart")))
                .isBetween(
                        EPISODE_FROM.toEpochMilli(),
                        EPISODE_FROM.plus(Duration.ofHours(4)).toEpochMilli());
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
        long to = now.toInstant().toEpochMilli();
        long from = to - parse(q.timeFrom() != null ? q.timeFrom() : defaultRange, now);
        String interval = interval(from, to, q.interval());
        String text = grafana(q.text(), from, to, interval, firstValues(q.text()));
        JsonNode result =
                new ObjectMapper()
                        .readTree(INFLUX.client().query(DB, text))
                        .path("results")
                        .path(0);
        if (result.has("error")) {
            failures.add(q.where() + ": " + result.path("error").asText() + "\n    " + text);
            return;
        }
        JsonNode s = result.path("series");
        boolean values = false;
        for (JsonNode x : s) {
            for (JsonNode row : x.path("values")) {
                for (int i = 1; i < row.size(); i++) {
                    values |= !row.get(i).isNull();
                }
            }
        }
        if (!values) {
            failures.add(q.where() + ": no values\n    " + text);
        }
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
