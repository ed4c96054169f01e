package org.dustwatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dustwatch.cli.Cli;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/dustwatch report}: what landed in InfluxDB and in the dead-letter topic. */
@Command(
        name = "report",
        header = "What landed in InfluxDB and in the dead-letter topic.",
        sortOptions = false,
        description = {
            "Prints what the pipeline wrote: points per InfluxDB measurement, campaign totals, the"
                    + " checkpoints with the highest violation rate, air quality and AQI, alerts,"
                    + " and dead letters by reason.",
            ""
        })
public final class ReportCli implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin Cli.Help help;

    @Option(
            names = "--influx-url",
            paramLabel = "URL",
            description =
                    "InfluxDB (default: the local stack's, else " + Endpoints.DEFAULT_INFLUX + ")")
    String influxUrl;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "database (default ${DEFAULT-VALUE})")
    String database = Topics.DATABASE;

    @Option(
            names = "--bootstrap",
            paramLabel = "H:P",
            description = {
                "Kafka brokers (default: the local stack's, else " + Endpoints.DEFAULT_KAFKA + ",",
                "whose dead letters are left out if no broker answers there)"
            })
    String bootstrap;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Endpoints endpoints = Endpoints.local();
        Endpoints.Endpoint influxAt = endpoints.influx(influxUrl, "--influx-url");
        Endpoints.requireInflux(influxAt);
        Endpoints.Endpoint kafkaAt = endpoints.kafka(bootstrap, "--bootstrap");
        String bootstrap = kafkaAt.address();
        if (kafkaAt.source() == Endpoints.Source.DEFAULT) {
            // Without a stack or a flag the report is of InfluxDB alone if no broker answers.
            if (!Endpoints.kafkaAnswers(bootstrap, Endpoints.TIMEOUT)) {
                bootstrap = null;
            }
        } else {
            Endpoints.requireKafka(kafkaAt);
        }
        try {
            print(influxAt.address(), database, bootstrap, out);
        } catch (StackException | IOException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
        return 0;
    }

    /** Everything the report prints; dead letters only with a {@code bootstrap}. */
    static void print(String url, String db, String bootstrap, PrintStream out) throws IOException {
        InfluxServer.Client influx = new InfluxServer.Client(url);
        out.println("InfluxDB " + url + ", database " + db + ":");
        JsonNode measurements = series(influx.query(db, "SHOW MEASUREMENTS"));
        if (measurements.isEmpty()) {
            out.println("  (no measurements yet)");
        }
        for (JsonNode m : measurements.path(0).path("values")) {
            String name = m.get(0).asText();
            JsonNode count = series(influx.query(db, "SELECT count(*) FROM \"" + name + "\""));
            long points = 0;
            for (JsonNode v : count.path(0).path("values").path(0)) {
                if (v.isNumber()) {
                    points = Math.max(points, v.asLong());
                }
            }
            out.printf("  %-28s %,10d points%n", name, points);
        }
        if (measurements.toString().contains("checkpoint_inspections")) {
            JsonNode totals =
                    series(
                            influx.query(
                                    db,
                                    "SELECT sum(inspected), sum(violating), sum(fines_yuan)"
                                            + " FROM checkpoint_inspections WHERE \"window\" = '1m'"));
            JsonNode t = totals.path(0).path("values").path(0);
            long inspected = t.path(1).asLong();
            long violating = t.path(2).asLong();
            out.printf(
                    "%nCampaign totals (1-minute windows): %,d inspected, %,d violating (%.1f%%),"
                            + " fines %,d yuan%n",
                    inspected,
                    violating,
                    inspected == 0 ? 0.0 : 100.0 * violating / inspected,
                    t.path(3).asLong());
            JsonNode per =
                    series(
                            influx.query(
                                    db,
                                    "SELECT sum(inspected), sum(violating) FROM"
                                            + " checkpoint_inspections WHERE \"window\" = '1m'"
                                            + " GROUP BY checkpoint"));
            Map<Double, String> ranked = new TreeMap<>((x, y) -> Double.compare(y, x));
            for (JsonNode s : per) {
                JsonNode v = s.path("values").path(0);
                double rate = v.path(2).asDouble() / Math.max(1, v.path(1).asLong());
                ranked.merge(
                        rate,
                        String.format(
                                "%s (%d of %d)",
                                s.path("tags").path("checkpoint").asText(),
                                v.path(2).asLong(),
                                v.path(1).asLong()),
                        (p, q) -> p + ", " + q);
            }
            out.println("Highest violation rates:");
            ranked.entrySet().stream()
                    .limit(5)
                    .forEach(e -> out.printf("  %5.1f%%  %s%n", 100 * e.getKey(), e.getValue()));
        }
        if (measurements.toString().contains("township_air_quality")) {
            airQuality(influx, db, measurements.toString().contains("\"aqi\""), out);
        }
        if (measurements.toString().contains("\"alerts\"")) {
            out.println("\nAlerts opened, by kind (docs/alerts.md):");
            for (JsonNode s :
                    series(
                            influx.query(
                                    db,
                                    "SELECT count(\"id\") FROM \"alerts\" WHERE \"state\" ="
                                            + " 'open' GROUP BY \"kind\""))) {
                out.printf(
                        "  %-18s %,8d%n",
                        s.path("tags").path("kind").asText(),
                        s.path("values").path(0).path(1).asLong());
            }
        }
        if (bootstrap != null) {
            Map<String, Long> reasons = deadLettersByReason(bootstrap);
            long total = reasons.values().stream().mapToLong(Long::longValue).sum();
            out.printf("%nDead letters in %s: %,d%n", Topics.DEAD_LETTERS, total);
            reasons.forEach((r, n) -> out.printf("  %-18s %,8d%n", r, n));
        }
    }

    /**
     * The latest hourly means of each township beside its latest real-time AQI report, and the
     * district's report. A report whose AQI is not published (HJ 633—2026 5.3.1; written with
     * {@code status} NA and {@code aqi} -1, docs/schema.md) prints as NA with the pollutants it
     * misses, never as -1.
     */
    static void airQuality(InfluxServer.Client influx, String db, boolean aqi, PrintStream out)
            throws IOException {
        JsonNode air =
                series(
                        influx.query(
                                db,
                                "SELECT last(pm25_mean), last(pm10_mean), last(o3_mean)"
                                        + " FROM township_air_quality WHERE \"window\" = '1h'"
                                        + " GROUP BY township"));
        Map<String, String> reports = new TreeMap<>();
        String district = null;
        if (aqi) {
            // last() of each field is the latest report's: every aqi point has every field
            String latest =
                    "SELECT last(status), last(aqi), last(category_en), last(primary_pollutant),"
                            + " last(missing) FROM aqi WHERE \"window\" = '1h' AND \"scope\" = ";
            for (JsonNode s : series(influx.query(db, latest + "'township' GROUP BY township"))) {
                reports.put(
                        s.path("tags").path("township").asText(),
                        aqiReport(s.path("values").path(0)));
            }
            for (JsonNode s : series(influx.query(db, latest + "'district'"))) {
                district = aqiReport(s.path("values").path(0));
            }
        }
        out.println("\nAir quality, latest hourly township means (µg/m³) and real-time AQI:");
        out.printf("  %-12s %7s %7s %7s   %s%n", "township", "PM2.5", "PM10", "O3", "AQI");
        for (JsonNode s : air) {
            JsonNode v = s.path("values").path(0);
            String township = s.path("tags").path("township").asText();
            out.printf(
                    "  %-12s %7.1f %7.1f %7.1f   %s%n",
                    township,
                    v.path(1).asDouble(Double.NaN),
                    v.path(2).asDouble(Double.NaN),
                    v.path(3).asDouble(Double.NaN),
                    reports.getOrDefault(township, "-"));
        }
        if (district != null) {
            out.printf("  %-12s %7s %7s %7s   %s%n", "district", "", "", "", district);
        }
    }

    /**
     * One real-time report from {@code [time, status, aqi, category_en, primary_pollutant,
     * missing]}: {@code 190 Moderately polluted (PM10)}, or {@code NA not published: no valid PM10
     * (HJ 633—2026 5.3.1)}.
     */
    static String aqiReport(JsonNode v) {
        String missing = v.path(5).asText("").replace(",", ", ");
        // "NA", or -1 from a writer that left status out
        if (v.path(1).asText("").equals("NA") || v.path(2).asLong(-1) < 0) {
            return String.format(
                    "%4s  not published%s",
                    "NA",
                    missing.isEmpty() ? "" : ": no valid " + missing + " (HJ 633—2026 5.3.1)");
        }
        String primary = v.path(4).asText("");
        return String.format(
                "%4d  %s%s%s",
                v.path(2).asLong(),
                v.path(3).asText(),
                primary.isEmpty() ? "" : " (" + primary + ")",
                missing.isEmpty() ? "" : "; without " + missing);
    }

    private static JsonNode series(String json) throws IOException {
        return JSON.readTree(json).path("results").path(0).path("series");
    }

    /** Reads the dead-letter topic from the start to its current end. */
    static Map<String, Long> deadLettersByReason(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<String, Long> reasons = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts =
                    c.partitionsFor(Topics.DEAD_LETTERS, Duration.ofSeconds(10)).stream()
                            .map(i -> new TopicPartition(i.topic(), i.partition()))
                            .toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline
                    && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                c.poll(Duration.ofMillis(200))
                        .forEach(
                                r ->
                                        reasons.merge(
                                                DeadLetter.fromJson(r.value()).reason().name(),
                                                1L,
                                                Long::sum));
            }
        }
        return reasons;
    }
}
