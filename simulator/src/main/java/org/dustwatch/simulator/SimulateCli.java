package org.dustwatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.dustwatch.cli.Args;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.model.Violation;

/** {@code bin/dustwatch simulate}: a district's inspections and readings, into Kafka or files. */
public final class SimulateCli {

    static final String USAGE =
            """
            usage: dustwatch simulate [options]

            Simulates the district in event time: trucks through checkpoints (night haulage peak,
            quiet weekends, cargo mixes per road, violation odds by cargo and checkpoint, mobile
            teams at night) and air-quality readings (daily PM curve, haze that builds and clears
            over days, weather, PM10 raised by spillage in the township), each station at its
            own cadence: the period, stamp and plan of its reference data, aligned to the period
            grid. Injects bad records, disorder, sensor faults and episodes on request. Sends to
            Kafka keyed by checkpoint or station id, or writes inspections.jsonl and
            readings.jsonl into a directory. The same seed and options give byte-identical
            output. Writes the ground truth as JSON.

            Time:
              --span D             event time covered, ISO-8601                (default PT2H)
              --days N             the same as --span P<N>D (historical backfill)
              --start INSTANT      first event time       (default: now minus the span, to the minute)
              --realtime           event time is now: emit each event when it is due (use --rate)
            Volume:
              --events N           inspections over the span, about            (default 20000)
              --rate N             with --realtime: about N events per second in all
              --reading-interval D every station's readings average D (whole minutes, PT1M to
                                   PT1H), overriding their own periods; PT0S for no readings
                                   (default: each station's period, PT5M where it declares none)
              --split-feeds IDS    stations whose PM monitor and gas analyser send apart, comma-
                                   separated, or none   (default AQ-04,AQ-09,AQ-15,AQ-20 if present)
            Faults and disorder (shares in [0, 1]):
              --bad-rate R         bad records: malformed, unknown ids, bad enums, impossible
                                   values, bad periods, oversized             (default 0.01)
              --out-of-order-rate R  emitted up to 20 s after later events     (default 0)
              --late-rate R        emitted --late-delay after their event time (default 0)
              --late-delay D       delay of late events                        (default PT15M)
              --duplicate-rate R   emitted twice                               (default 0)
              --missing-rate R     a pollutant missing from a reading          (default 0.02)
              --stuck-rate R       per station-hour: a sensor sticks for 1-3 h (default 0.002)
              --offline-rate R     per station-hour: offline for 30-120 min    (default 0.002)
            Episodes (several separated by ';'):
              --spike ROAD,FROM,DURATION,FACTOR        violation odds on a road × FACTOR
              --episode TOWNSHIP,FROM,DURATION,FACTOR  pollution in a township × FACTOR
              --scenario FILE      spikes and episodes as JSON (docs/simulator.md)
            Other:
              --fines V=YUAN,...   fine schedule (default UNCOVERED=200,OVERHEIGHT=500,
                                   OVERLOAD=1000,SPILLAGE=2000)
              --seed N             random seed                                 (default 1)
              --out kafka|DIR      where events go                             (default kafka)
              --bootstrap H:P      Kafka brokers                               (default 127.0.0.1:9092)
              --truth FILE         ground truth JSON (default DIR/ground-truth.json, or
                                   .dustwatch/simulation-truth.json for kafka)
              --checkpoints FILE, --stations FILE   your own reference data (both)
            """;

    private SimulateCli() {}

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        try {
            Args a =
                    Args.parse(
                            argv,
                            Set.of(
                                    "span",
                                    "days",
                                    "start",
                                    "events",
                                    "rate",
                                    "reading-interval",
                                    "split-feeds",
                                    "bad-rate",
                                    "out-of-order-rate",
                                    "late-rate",
                                    "late-delay",
                                    "duplicate-rate",
                                    "missing-rate",
                                    "stuck-rate",
                                    "offline-rate",
                                    "spike",
                                    "episode",
                                    "scenario",
                                    "fines",
                                    "seed",
                                    "out",
                                    "bootstrap",
                                    "truth",
                                    "checkpoints",
                                    "stations"),
                            Set.of("realtime"));
            if (a.help()) {
                System.out.print(USAGE);
                return 0;
            }
            if (!a.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
            }
            boolean realtime = a.flag("realtime");
            Duration span =
                    a.string("days", null) != null
                            ? Duration.ofDays(a.longValue("days", 1, 1, 3650))
                            : duration(a, "span", realtime ? "PT10M" : "PT2H");
            if (span.isZero() || span.isNegative()) {
                throw new UsageException("--span must be positive");
            }
            Instant start =
                    realtime
                            ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                            : a.string("start", null) == null
                                    ? Instant.now().minus(span).truncatedTo(ChronoUnit.MINUTES)
                                    : instant(a.string("start", null));
            ReferenceData reference =
                    ReferenceData.loadOrBundled(a.path("checkpoints"), a.path("stations"));
            Duration interval =
                    a.string("reading-interval", null) == null
                            ? null
                            : duration(a, "reading-interval", null);
            if (interval != null && !interval.isZero()) {
                try {
                    SimulationOptions.checkPeriod(interval, "--reading-interval");
                } catch (IllegalArgumentException e) {
                    throw new UsageException(e.getMessage());
                }
            }
            Set<String> split = splitFeeds(a.string("split-feeds", null), reference);
            double hours = span.toMillis() / 3_600_000.0;
            double perHour = a.longValue("events", 20_000, 0, 2_000_000_000L) / hours;
            Scenario scenario =
                    (a.path("scenario") == null
                                    ? Scenario.none()
                                    : Scenario.read(a.path("scenario")))
                            .with(a.string("spike", null), a.string("episode", null));
            SimulationOptions options =
                    new SimulationOptions(
                            a.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                            start,
                            span,
                            perHour,
                            interval,
                            rate(a, "bad-rate", 0.01),
                            rate(a, "out-of-order-rate", 0),
                            Duration.ofSeconds(20),
                            rate(a, "late-rate", 0),
                            duration(a, "late-delay", "PT15M"),
                            rate(a, "duplicate-rate", 0),
                            rate(a, "missing-rate", 0.02),
                            rate(a, "stuck-rate", 0.002),
                            rate(a, "offline-rate", 0.002),
                            fines(a.string("fines", null)),
                            scenario,
                            split);
            if (realtime && a.string("rate", null) != null) {
                double readingsPerHour = DistrictSimulator.readingsPerHour(reference, options);
                options =
                        options.withInspectionsPerHour(
                                Math.max(
                                        0,
                                        a.longValue("rate", 0, 1, 10_000_000) * 3600.0
                                                - readingsPerHour));
            } else {
                // Scale the traffic so that --events holds for this very span.
                double expected = DistrictSimulator.expectedInspections(reference, options);
                double target = a.longValue("events", 20_000, 0, 2_000_000_000L);
                options =
                        options.withInspectionsPerHour(
                                expected == 0 ? 0 : perHour * target / expected);
            }
            DistrictSimulator sim = new DistrictSimulator(reference, options);
            String out = a.string("out", "kafka");
            Path truthFile =
                    a.path("truth") != null
                            ? a.path("truth")
                            : out.equals("kafka")
                                    ? defaultTruthFile()
                                    : Path.of(out, "ground-truth.json");
            long t0 = System.nanoTime();
            long[] sent;
            if (out.equals("kafka")) {
                try (KafkaOutput k = new KafkaOutput(a.string("bootstrap", "127.0.0.1:9092"))) {
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
        } catch (UsageException e) {
            System.err.println("dustwatch simulate: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException
                | IllegalStateException
                | IOException
                | UncheckedIOException e) {
            System.err.println("dustwatch simulate: error: " + e.getMessage());
            return 1;
        }
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

    private static Duration duration(Args a, String name, String fallback) {
        String s = a.string(name, fallback);
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative()) {
                throw new UsageException("--" + name + " must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--" + name + " must be an ISO-8601 duration like PT2H, was '" + s + "'");
        }
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--start must be an instant like 2026-11-28T00:00:00Z, was '" + s + "'");
        }
    }

    private static double rate(Args a, String name, double fallback) {
        String s = a.string(name, null);
        if (s == null) {
            return fallback;
        }
        try {
            double r = Double.parseDouble(s);
            if (!(r >= 0 && r <= 1)) {
                throw new UsageException("--" + name + " must be in [0, 1], was " + s);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, was '" + s + "'");
        }
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
