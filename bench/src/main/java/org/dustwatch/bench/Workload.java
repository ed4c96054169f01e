package org.dustwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.Scenario;
import org.dustwatch.simulator.SimulationOptions;

/**
 * The benchmark's district and its events: a reference district scaled to the requested number of
 * checkpoints and stations, written as the CSV files the job reads, and the simulator's events
 * produced into Kafka. The throughput run's workload makes every stage work (bad, late and
 * duplicate records, a spike and an episode: {@link #options}).
 */
final class Workload {

    /** Roads: national, provincial and county roads, plus the district's industrial roads. */
    static final String[] ROAD_KINDS = {
        "G", "S", "X", "Kuangqu Rd ", "Shachang Rd ", "Gangkou Rd "
    };

    final Path checkpoints;
    final Path stations;
    final ReferenceData reference;
    final int roads;
    final int townships;

    private Workload(Path checkpoints, Path stations, int roads, int townships) throws IOException {
        this.checkpoints = checkpoints;
        this.stations = stations;
        this.reference = ReferenceData.load(checkpoints, stations);
        this.roads = roads;
        this.townships = townships;
    }

    /**
     * A district with {@code checkpoints} checkpoints on one road per 20 of them, and {@code
     * stations} stations; 40 townships (fewer for small districts).
     */
    static Workload district(Path dir, int checkpoints, int stations) throws IOException {
        Files.createDirectories(dir);
        int roads = Math.max(1, checkpoints / 20);
        int townships = Math.max(1, Math.min(40, stations / 5));
        StringBuilder cp =
                new StringBuilder("# bench district\nid,name,road,township,type,lat,lon\n");
        for (int i = 0; i < checkpoints; i++) {
            int r = i % roads;
            String road = road(r);
            String township = township((i / 7) % townships);
            cp.append(
                    String.format(
                            Locale.ROOT,
                            "CP-%04d,%s post %d,%s,%s,%s,%.5f,%.5f%n",
                            i + 1,
                            road,
                            i / roads + 1,
                            road,
                            township,
                            i % 10 == 9 ? "MOBILE" : "FIXED",
                            36.2 + (i % 37) * 0.01,
                            114.1 + (i % 41) * 0.01));
        }
        StringBuilder st = new StringBuilder("# bench district\nid,name,township,lat,lon\n");
        for (int i = 0; i < stations; i++) {
            st.append(
                    String.format(
                            Locale.ROOT,
                            "AQ-%03d,station %d,%s,%.5f,%.5f%n",
                            i + 1,
                            i + 1,
                            township(i % townships),
                            36.2 + (i % 19) * 0.02,
                            114.1 + (i % 23) * 0.02));
        }
        Path c = dir.resolve("checkpoints.csv");
        Path s = dir.resolve("stations.csv");
        Files.writeString(c, cp, StandardCharsets.UTF_8);
        Files.writeString(s, st, StandardCharsets.UTF_8);
        return new Workload(c, s, roads, townships);
    }

    static String road(int r) {
        String kind = ROAD_KINDS[r % ROAD_KINDS.length];
        return kind.length() == 1
                ? String.format(Locale.ROOT, "%s%03d", kind, 100 + r)
                : kind + (r + 1);
    }

    static String township(int t) {
        return String.format(Locale.ROOT, "Township-%02d", t + 1);
    }

    /** Shares of the records that are bad, late ({@link #LATE_BY}) and sent twice. */
    static final double BAD = 0.004, LATE = 0.003, DUPLICATE = 0.003;

    /**
     * How late a late record arrives: past the source lag (15 minutes) behind its partition's
     * frontier, so that the job refuses it (CLOCK_SKEW, or LATE behind the watermark) rather than
     * waits for it; the simulator's default of 15 minutes is on time for the robust watermark.
     */
    static final Duration LATE_BY = Duration.ofMinutes(20);

    /**
     * Simulation options for about {@code events} events over {@code days} days from {@code start}.
     * With {@code everyStage}, the workload makes every stage of the job work: 1% of the records
     * are bad, late or duplicate ({@link #BAD}, {@link #LATE}, {@link #DUPLICATE}), and the last
     * day has a violation spike on a road and a pollution episode in a township ({@link
     * #scenario}). Without, it is clean, as the freshness run's is.
     */
    static SimulationOptions options(
            Workload w,
            long events,
            int days,
            Duration readingInterval,
            Instant start,
            boolean everyStage) {
        double readingsTotal =
                readingInterval.isZero()
                        ? 0
                        : (double) w.reference.stations().size()
                                * days
                                * Duration.ofDays(1).toMillis()
                                / readingInterval.toMillis();
        double inspections = Math.max(0, events - readingsTotal);
        SimulationOptions d =
                SimulationOptions.defaults(
                        42, start, Duration.ofDays(days), inspections / (days * 24.0));
        return d.withReadingInterval(readingInterval)
                .withDeliveryFaults(
                        everyStage ? BAD : 0, 0, everyStage ? LATE : 0, everyStage ? DUPLICATE : 0)
                .withLateDelay(LATE_BY)
                // stuck sensors and stations that go silent
                .withStationFaults(
                        d.missingRate(),
                        everyStage ? d.stuckRate() : 0,
                        everyStage ? d.offlineRate() : 0)
                .withScenario(
                        everyStage
                                ? scenario(w, start.plus(Duration.ofDays(days - 1)))
                                : Scenario.none());
    }

    /**
     * On the day from {@code lastDay}: violations x5 for two hours from 01:00 (local) on the mine
     * road, or the first road in a small district, where the night's traffic gives the spike
     * detector counts to judge; and pollution x4 for six hours from 02:00 in the first township,
     * enough for its AQI to rise into an episode.
     */
    static Scenario scenario(Workload w, Instant lastDay) {
        String road = road(w.roads > 3 ? 3 : 0);
        return new Scenario(
                java.util.List.of(
                        new Scenario.Spike(
                                road, lastDay.plus(Duration.ofHours(1)), Duration.ofHours(2), 5)),
                java.util.List.of(
                        new Scenario.Episode(
                                township(0),
                                lastDay.plus(Duration.ofHours(2)),
                                Duration.ofHours(6),
                                4)));
    }

    /**
     * Produces the simulation into the two topics; returns {inspections, readings}. In real time,
     * each event is sent when its event time comes.
     */
    static long[] produce(
            String bootstrap,
            String inspectionsTopic,
            String readingsTopic,
            DistrictSimulator sim,
            boolean realtime,
            Progress progress) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        long[] n = new long[2];
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            while (sim.hasNext()) {
                var e = sim.next();
                if (realtime) {
                    waitUntil(eventTime(e.value()));
                }
                boolean inspection = e.topic().equals(Topics.INSPECTIONS);
                producer.send(
                        new ProducerRecord<>(
                                inspection ? inspectionsTopic : readingsTopic,
                                e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8),
                                e.value().getBytes(StandardCharsets.UTF_8)));
                n[inspection ? 0 : 1]++;
                progress.tick(n[0] + n[1]);
            }
            producer.flush();
        }
        progress.done(n[0] + n[1]);
        return n;
    }

    /** The {@code ts} of a generated record, epoch ms (the simulator writes some as ISO text). */
    static long eventTime(String json) {
        int i = json.indexOf("\"ts\":") + 5;
        if (json.charAt(i) == '"') {
            return java.time.OffsetDateTime.parse(json.substring(i + 1, json.indexOf('"', i + 1)))
                    .toInstant()
                    .toEpochMilli();
        }
        int j = i;
        while (j < json.length() && Character.isDigit(json.charAt(j))) {
            j++;
        }
        return Long.parseLong(json, i, j, 10);
    }

    private static void waitUntil(long due) {
        long wait = due - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
