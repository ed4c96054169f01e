package org.dustwatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.model.Violation;
import org.dustwatch.stack.Endpoints;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/dustwatch simulate}: a district's inspections and readings, into Kafka or files. */
@Command(
        name = "simulate",
        header = "Inspections and readings of a simulated district, into Kafka or JSONL files.",
        sortOptions = false,
        abbreviateSynopsis = true,
        description = {
            "Simulates the district in event time: trucks through checkpoints (night haulage peak,"
                    + " quiet weekends, cargo mixes per road, violation odds by cargo and"
                    + " checkpoint, mobile teams at night) and air-quality readings (daily PM"
                    + " curve, haze that builds and clears over days, weather, PM10 raised by"
                    + " spillage in the township), each station at its own cadence: the period,"
                    + " stamp and plan of its reference data, aligned to the period grid."
                    + " Injects bad records, disorder, sensor faults and episodes on request.",
            "Sends to Kafka keyed by checkpoint or station id, or writes inspections.jsonl and"
                    + " readings.jsonl into a directory. The same seed and options give"
                    + " byte-identical output. Writes the ground truth as JSON.",
            ""
        })
public final class SimulateCli implements Callable<Integer> {

    @Mixin Cli.Help help;

    @ArgGroup(validate = false, heading = "Time:%n", order = 1)
    TimeOptions time = new TimeOptions();

    @ArgGroup(validate = false, heading = "Volume:%n", order = 2)
    VolumeOptions volume = new VolumeOptions();

    @ArgGroup(validate = false, heading = "Faults and disorder (shares in [0, 1]):%n", order = 3)
    FaultOptions faults = new FaultOptions();

    @ArgGroup(validate = false, heading = "Episodes (several separated by ';'):%n", order = 4)
    EpisodeOptions episodes = new EpisodeOptions();

    @ArgGroup(validate = false, heading = "Output and reference data:%n", order = 5)
    OtherOptions other = new OtherOptions();

    static final class TimeOptions {
        @Option(
                names = "--span",
                paramLabel = "D",
                description = "event time covered, ISO-8601 (default PT2H; PT10M with --realtime)")
        Duration span;

        @Option(
                names = "--days",
                paramLabel = "N",
                description = "the same as --span P<N>D (historical backfill)")
        Integer days;

        @Option(
                names = "--start",
                paramLabel = "INSTANT",
                description = "first event time (default: now minus the span, to the minute)")
        Instant start;

        @Option(
                names = "--realtime",
                description = "event time is now: emit each event when it is due (use --rate)")
        boolean realtime;
    }

    static final class VolumeOptions {
        @Option(
                names = "--events",
                paramLabel = "N",
                description = "inspections over the span, about (default ${DEFAULT-VALUE})")
        long events = 20_000;

        @Option(
                names = "--rate",
                paramLabel = "N",
                description = "with --realtime: about N events per second in all")
        Long rate;

        @Option(
                names = "--reading-interval",
                paramLabel = "D",
                description = {
                    "every station's readings average D (whole minutes, PT1M to PT1H),"
                            + " overriding their own periods; PT0S for no readings",
                    "(default: each station's period, PT5M where it declares none)"
                })
        Duration readingInterval;

        @Option(
                names = "--split-feeds",
                paramLabel = "IDS",
                description = {
                    "stations whose PM monitor and gas analyser send apart, comma-separated, or"
                            + " none",
                    "(default AQ-04,AQ-09,AQ-15,AQ-20 if present)"
                })
        String splitFeeds;
    }

    static final class FaultOptions {
        @Option(
                names = "--bad-rate",
                paramLabel = "R",
                description =
                        "bad records: malformed, unknown ids, bad enums, impossible values, bad"
                                + " periods, oversized (default ${DEFAULT-VALUE})")
        double badRate = 0.01;

        @Option(
                names = "--out-of-order-rate",
                paramLabel = "R",
                description = "emitted up to 20 s after later events (default ${DEFAULT-VALUE})")
        double outOfOrderRate = 0;

        @Option(
                names = "--late-rate",
                paramLabel = "R",
                description =
                        "emitted --late-delay after their event time (default ${DEFAULT-VALUE})")
        double lateRate = 0;

        @Option(
                names = "--late-delay",
                paramLabel = "D",
                description = "delay of late events (default ${DEFAULT-VALUE})")
        Duration lateDelay = Duration.ofMinutes(15);

        @Option(
                names = "--duplicate-rate",
                paramLabel = "R",
                description = "emitted twice (default ${DEFAULT-VALUE})")
        double duplicateRate = 0;

        @Option(
                names = "--missing-rate",
                paramLabel = "R",
                description = "a pollutant missing from a reading (default ${DEFAULT-VALUE})")
        double missingRate = 0.02;

        @Option(
                names = "--stuck-rate",
                paramLabel = "R",
                description =
                        "per station-hour: a sensor sticks for 1-3 h (default ${DEFAULT-VALUE})")
        double stuckRate = 0.002;

        @Option(
                names = "--offline-rate",
                paramLabel = "R",
                description = "per station-hour: offline for 30-120 min (default ${DEFAULT-VALUE})")
        double offlineRate = 0.002;
    }

    static final class EpisodeOptions {
        @Option(
                names = "--spike",
                paramLabel = "ROAD,FROM,DURATION,FACTOR",
                description = "violation odds on a road × FACTOR")
        String spike;

        @Option(
                names = "--episode",
                paramLabel = "TOWNSHIP,FROM,DURATION,FACTOR",
                description = "pollution in a township × FACTOR")
        String episode;

        @Option(
                names = "--scenario",
                paramLabel = "FILE",
                description = "spikes and episodes as JSON (docs/simulator.md)")
        Path scenario;
    }

    static final class OtherOptions {
        @Option(
                names = "--fines",
                paramLabel = "V=YUAN,...",
                description =
                        "fine schedule (default UNCOVERED=200,OVERHEIGHT=500,OVERLOAD=1000,"
                                + "SPILLAGE=2000)")
        String fines;

        @Option(
                names = "--seed",
                paramLabel = "N",
                description = "random seed (default ${DEFAULT-VALUE})")
        long seed = 1;

        @Option(
                names = "--out",
                paramLabel = "kafka|DIR",
                description = "where events go (default ${DEFAULT-VALUE})")
        String out = "kafka";

        @Option(
                names = "--bootstrap",
                paramLabel = "H:P",
                description =
                        "Kafka brokers (default: the local stack's, else "
                                + Endpoints.DEFAULT_KAFKA
                                + ")")
        String bootstrap;

        @Option(
                names = "--truth",
                paramLabel = "FILE",
                description = {
                    "ground truth JSON (default DIR/ground-truth.json, or"
                            + " $DUSTWATCH_HOME/simulation-truth.json for kafka)"
                })
        Path truth;

        @Option(
                names = "--checkpoints",
                paramLabel = "FILE",
                description = "your own checkpoints (with --stations)")
        Path checkpoints;

        @Option(
                names = "--stations",
                paramLabel = "FILE",
                description = "your own stations (with --checkpoints)")
        Path stations;
    }

    /** The simulator image's entry point (docker/Dockerfile). */
    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    /** For tests: the command on its own. */
    static int run(String[] argv) {
        return Cli.run(new SimulateCli(), argv);
    }

    @Override
    public Integer call() {
        try {
            return simulate();
        } catch (IllegalArgumentException
                | IllegalStateException
                | IOException
                | UncheckedIOException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
    }

    private int simulate() throws IOException {
        boolean realtime = time.realtime;
        Duration span =
                time.days != null
                        ? Duration.ofDays(Cli.range("--days", time.days, 1, 3650))
                        : time.span != null
                                ? time.span
                                : Duration.parse(realtime ? "PT10M" : "PT2H");
        if (span.isZero() || span.isNegative()) {
            throw new UsageException("--span must be positive");
        }
        Instant start =
                realtime
                        ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        : time.start == null
                                ? Instant.now().minus(span).truncatedTo(ChronoUnit.MINUTES)
                                : time.start;
        ReferenceData reference = ReferenceData.loadOrBundled(other.checkpoints, other.stations);
        Duration interval = volume.readingInterval;
        if (interval != null) {
            notNegative("--reading-interval", interval);
            if (!interval.isZero()) {
                try {
                    SimulationOptions.checkPeriod(interval, "--reading-interval");
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
        }
        Set<String> split = splitFeeds(volume.splitFeeds, reference);
        long events = Cli.range("--events", volume.events, 0, 2_000_000_000L);
        double hours = span.toMillis() / 3_600_000.0;
        double perHour = events / hours;
        Scenario scenario =
                (episodes.scenario == null ? Scenario.none() : Scenario.read(episodes.scenario))
                        .with(episodes.spike, episodes.episode);
        SimulationOptions options =
                new SimulationOptions(
                        other.seed,
                        start,
                        span,
                        perHour,
                        interval,
                        Cli.share("--bad-rate", faults.badRate),
                        Cli.share("--out-of-order-rate", faults.outOfOrderRate),
                        Duration.ofSeconds(20),
                        Cli.share("--late-rate", faults.lateRate),
                        notNegative("--late-delay", faults.lateDelay),
                        Cli.share("--duplicate-rate", faults.duplicateRate),
                        Cli.share("--missing-rate", faults.missingRate),
                        Cli.share("--stuck-rate", faults.stuckRate),
                        Cli.share("--offline-rate", faults.offlineRate),
                        fines(other.fines),
                        scenario,
                        split);
        if (realtime && volume.rate != null) {
            double readingsPerHour = DistrictSimulator.readingsPerHour(reference, options);
            options =
                    options.withInspectionsPerHour(
                            Math.max(
                                    0,
                                    Cli.range("--rate", volume.rate, 1, 10_000_000) * 3600.0
                                            - readingsPerHour));
        } else {
            // Scale the traffic so that --events holds for this very span.
            double expected = DistrictSimulator.expectedInspections(reference, options);
            options =
                    options.withInspectionsPerHour(expected == 0 ? 0 : perHour * events / expected);
        }
        String out = other.out;
        String bootstrap = null;
        if (out.equals("kafka")) {
            Endpoints.Endpoint kafka = Endpoints.local().kafka(other.bootstrap, "--bootstrap");
            Endpoints.requireKafka(kafka);
            bootstrap = kafka.address();
        }
        DistrictSimulator sim = new DistrictSimulator(reference, options);
        Path truthFile =
                other.truth != null
                        ? other.truth
                        : out.equals("kafka")
                                ? defaultTruthFile()
                                : Path.of(out, "ground-truth.json");
        long t0 = System.nanoTime();
        long[] sent;
        if (bootstrap != null) {
            try (KafkaOutput k = new KafkaOutput(bootstrap)) {
                sent = drain(sim, realtime, k::send);
            }
        } else {
            sent = toFiles(sim, Path.of(out), realtime);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        GroundTruth truth = sim.groundTruth();
        if (truthFile.getParent() != null) {
            Files.createDirectories(truthFile.getParent());
        }
        truth.write(truthFile);
        summary(truth, sent, out, secs, truthFile);
        return 0;
    }

    private static Duration notNegative(String option, Duration d) {
        if (d.isNegative()) {
            throw new UsageException(option + " must not be negative");
        }
        return d;
    }

    interface Sink {
        void send(SimEvent e) throws IOException;
    }

    /**
     * Sends every event; in real time, each when its emit time comes. Returns {inspections,
     * readings}.
     */
    static long[] drain(DistrictSimulator sim, boolean realtime, Sink sink) throws IOException {
        long[] n = new long[2];
        Progress progress = new Progress();
        while (sim.hasNext()) {
            SimEvent e = sim.next();
            if (realtime) {
                waitUntilDue(e);
            }
            sink.send(e);
            n[e.topic().equals(Topics.INSPECTIONS) ? 0 : 1]++;
            progress.tick(n[0] + n[1]);
        }
        progress.done(n[0] + n[1]);
        return n;
    }

    private static void waitUntilDue(SimEvent e) {
        long wait = e.emitAt() - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ie);
            }
        }
    }

    /** The {@code ts} of a generated record (epoch ms or the simulator's ISO form), 0 if none. */
    static long dueTime(String json) {
        int i = json.indexOf("\"ts\":");
        if (i < 0) {
            return 0;
        }
        i += 5;
        try {
            if (json.charAt(i) == '"') {
                return java.time.OffsetDateTime.parse(
                                json.substring(i + 1, json.indexOf('"', i + 1)))
                        .toInstant()
                        .toEpochMilli();
            }
            int j = i;
            while (j < json.length() && Character.isDigit(json.charAt(j))) {
                j++;
            }
            return Long.parseLong(json.substring(i, j));
        } catch (RuntimeException badRecord) {
            return 0;
        }
    }

    private static long[] toFiles(DistrictSimulator sim, Path dir, boolean realtime)
            throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter insp =
                        Files.newBufferedWriter(
                                dir.resolve("inspections.jsonl"), StandardCharsets.UTF_8);
                BufferedWriter read =
                        Files.newBufferedWriter(
                                dir.resolve("readings.jsonl"), StandardCharsets.UTF_8)) {
            return drain(
                    sim,
                    realtime,
                    e -> {
                        BufferedWriter w = e.topic().equals(Topics.INSPECTIONS) ? insp : read;
                        w.write(e.value());
                        w.write('\n');
                    });
        }
    }

    private static void summary(
            GroundTruth t, long[] sent, String out, double secs, Path truthFile) {
        System.out.printf(
                "simulated %s to %s into %s: %,d inspections and %,d readings generated, %,d records"
                        + " sent in %.1f s (%,.0f records/s)%n",
                t.start(),
                t.end(),
                out,
                t.inspections(),
                t.readings(),
                sent[0] + sent[1],
                secs,
                (sent[0] + sent[1]) / Math.max(secs, 1e-9));
        System.out.printf("  stations:      %s%n", cadences(t));
        System.out.printf(
                "  bad records:   %s%n", t.badRecords().isEmpty() ? "none" : t.badRecords());
        System.out.printf(
                "  disorder:      %,d out of order, %,d late, %,d duplicates%n",
                t.outOfOrder(), t.late(), t.duplicates());
        System.out.printf(
                "  sensor faults: %,d missing values, %d stuck sensors, %d station outages%n",
                t.missingValues(), t.stuckSensors().size(), t.offlineStations().size());
        t.spikes()
                .forEach(
                        s ->
                                System.out.printf(
                                        "  spike:         %s from %s for %s ×%s%n",
                                        s.road(), s.from(), s.duration(), s.factor()));
        t.episodes()
                .forEach(
                        e ->
                                System.out.printf(
                                        "  episode:       %s from %s for %s ×%s%n",
                                        e.township(), e.from(), e.duration(), e.factor()));
        System.out.printf("  ground truth:  %s%n", truthFile);
    }

    /**
     * E.g. "3 at PT1M, 15 at PT5M, 2 at PT1H (END-stamped); 4 split feeds; 1 with a reduced plan".
     */
    static String cadences(GroundTruth t) {
        Map<String, int[]> byPeriod = new java.util.TreeMap<>();
        int split = 0, reduced = 0;
        for (GroundTruth.StationTruth s : t.stations().values()) {
            String key = s.period() + (s.stamp().equals("END") ? " (END-stamped)" : "");
            byPeriod.computeIfAbsent(key, k -> new int[1])[0]++;
            split += s.split() ? 1 : 0;
            reduced += s.plan().size() < 6 ? 1 : 0;
        }
        StringBuilder b = new StringBuilder();
        byPeriod.entrySet().stream()
                .sorted(
                        java.util.Comparator.comparing(
                                e -> Duration.parse(e.getKey().split(" ")[0])))
                .forEach(
                        e ->
                                b.append(b.length() == 0 ? "" : ", ")
                                        .append(e.getValue()[0])
                                        .append(" at ")
                                        .append(e.getKey()));
        return b
                + "; "
                + split
                + " split feed"
                + (split == 1 ? "" : "s")
                + "; "
                + reduced
                + " with a reduced plan";
    }

    /** $DUSTWATCH_HOME/simulation-truth.json, or ./simulation-truth.json outside the launcher. */
    static Path defaultTruthFile() {
        String home = System.getenv("DUSTWATCH_HOME");
        return home == null || home.isBlank()
                ? Path.of("simulation-truth.json")
                : Path.of(home, "simulation-truth.json");
    }

    /** The ids of {@code --split-feeds}: the default when absent, none for "none". */
    static Set<String> splitFeeds(String spec, ReferenceData reference) {
        if (spec == null) {
            return SimulationOptions.DEFAULT_SPLIT_FEEDS;
        }
        if (spec.strip().equals("none")) {
            return Set.of();
        }
        Set<String> ids = new java.util.TreeSet<>();
        for (String id : spec.split(",")) {
            if (reference.station(id.strip()) == null) {
                throw new UsageException(
                        "--split-feeds names '" + id.strip() + "', which is not a station");
            }
            ids.add(id.strip());
        }
        return ids;
    }

    static Map<Violation, Integer> fines(String spec) {
        Map<Violation, Integer> f = new EnumMap<>(SimulationOptions.defaultFines());
        if (spec == null) {
            return f;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.split("=");
            try {
                f.put(Violation.valueOf(kv[0].strip()), Integer.parseInt(kv[1].strip()));
            } catch (RuntimeException e) {
                throw new UsageException(
                        "--fines takes VIOLATION=YUAN,... (e.g. SPILLAGE=2000), was '"
                                + part
                                + "'");
            }
        }
        return f;
    }

    /** A progress line on standard error, at most twice a second. */
    static final class Progress {
        private final String verb;
        private final long total;
        private long lastPrint = System.nanoTime();

        Progress() {
            this("records sent", -1);
        }

        Progress(String verb, long total) {
            this.verb = verb;
            this.total = total;
        }

        void tick(long n) {
            if ((n & 1023) == 0 && System.nanoTime() - lastPrint > 500_000_000L) {
                lastPrint = System.nanoTime();
                if (total > 0) {
                    System.err.printf("\r  %s %,d of %,d (%d%%)", verb, n, total, n * 100 / total);
                } else {
                    System.err.printf("\r  %s %,d", verb, n);
                }
            }
        }

        void done(long n) {
            System.err.printf(
                    "\r  %s %,d%s%n",
                    verb, n, total > 0 ? " of " + String.format("%,d", total) + " (100%)" : "");
        }
    }
}
