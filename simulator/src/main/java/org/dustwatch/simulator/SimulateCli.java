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
import java.util.Set;
import org.dustwatch.cli.Args;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.ReferenceData;

/** {@code bin/dustwatch simulate}: generates inspections into Kafka or a JSONL file. */
public final class SimulateCli {

    static final String USAGE =
            """
            usage: dustwatch simulate [options]

            Generates truck inspections (with a share of bad records) and air-quality readings for
            the district, and sends them to Kafka keyed by checkpoint or station id, or writes
            inspections.jsonl and readings.jsonl into a directory (for `dustwatch replay`).

              --events N           how many inspection records                (default 20000)
              --reading-interval D one reading per station per D, ISO-8601; PT0S for none
                                                                              (default PT1M)
              --span DURATION      event time they cover, ISO-8601            (default PT2H)
              --start INSTANT      first event time, e.g. 2026-11-28T00:00:00Z
                                   (default: now minus the span, to the minute)
              --seed N             random seed; same seed and options, same output (default 1)
              --bad-rate R         share of bad records in [0, 1]             (default 0.01)
              --out kafka|DIR      Kafka, or a directory for the JSONL files  (default kafka)
              --bootstrap H:P      Kafka brokers                              (default 127.0.0.1:9092)
              --checkpoints FILE   your own checkpoints CSV (with --stations)
              --stations FILE      your own stations CSV (with --checkpoints)
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
                                    "events",
                                    "reading-interval",
                                    "span",
                                    "start",
                                    "seed",
                                    "bad-rate",
                                    "out",
                                    "bootstrap",
                                    "checkpoints",
                                    "stations"),
                            Set.of());
            if (a.help()) {
                System.out.print(USAGE);
                return 0;
            }
            if (!a.positional().isEmpty()) {
                throw new UsageException("unexpected argument '" + a.positional().get(0) + "'");
            }
            long events = a.longValue("events", 20_000, 0, 1_000_000_000L);
            Duration span = duration(a.string("span", "PT2H"));
            Instant start =
                    a.string("start", null) == null
                            ? Instant.now().minus(span).truncatedTo(ChronoUnit.MINUTES)
                            : instant(a.string("start", null));
            double badRate = rate(a.string("bad-rate", "0.01"));
            ReferenceData reference =
                    ReferenceData.loadOrBundled(a.path("checkpoints"), a.path("stations"));
            InspectionGenerator gen =
                    new InspectionGenerator(
                            reference,
                            a.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                            start,
                            span,
                            events,
                            badRate);
            Duration interval = Duration.parse(a.string("reading-interval", "PT1M"));
            ReadingGenerator readings =
                    interval.isZero()
                            ? null
                            : new ReadingGenerator(
                                    reference,
                                    a.longValue("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
                                    start,
                                    span,
                                    interval);
            String out = a.string("out", "kafka");
            long t0 = System.nanoTime();
            long sent;
            long readingsSent = 0;
            if (out.equals("kafka")) {
                String bootstrap = a.string("bootstrap", "127.0.0.1:9092");
                try (KafkaOutput k = new KafkaOutput(bootstrap)) {
                    sent = drain(gen, events, "inspections sent", k::send);
                    if (readings != null) {
                        readingsSent = drain(readings, readings.count(), "readings sent", k::send);
                    }
                }
            } else {
                Path dir = Path.of(out);
                Files.createDirectories(dir);
                sent = toFile(gen, dir.resolve("inspections.jsonl"), events);
                if (readings != null) {
                    readingsSent =
                            toFile(readings, dir.resolve("readings.jsonl"), readings.count());
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "simulated %,d inspections and %,d readings from %s over %s into %s in %.1f s"
                            + " (%,.0f records/s)%n",
                    sent,
                    readingsSent,
                    start,
                    span,
                    out,
                    secs,
                    (sent + readingsSent) / Math.max(secs, 1e-9));
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

    private static long drain(
            java.util.Iterator<SimEvent> gen,
            long total,
            String verb,
            java.util.function.Consumer<SimEvent> sink) {
        long n = 0;
        Progress progress = new Progress(verb, total);
        while (gen.hasNext()) {
            sink.accept(gen.next());
            progress.tick(++n);
        }
        progress.done(n);
        return n;
    }

    private static long toFile(java.util.Iterator<SimEvent> gen, Path file, long total)
            throws IOException {
        long n = 0;
        Progress progress = new Progress(file.getFileName() + " written", total);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            while (gen.hasNext()) {
                w.write(gen.next().value());
                w.write('\n');
                progress.tick(++n);
            }
        }
        progress.done(n);
        return n;
    }

    private static Duration duration(String s) {
        try {
            Duration d = Duration.parse(s);
            if (d.isNegative() || d.isZero()) {
                throw new UsageException("--span must be positive, was " + s);
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new UsageException(
                    "--span must be an ISO-8601 duration like PT2H, was '" + s + "'");
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

    private static double rate(String s) {
        try {
            double r = Double.parseDouble(s);
            if (!(r >= 0 && r <= 1)) {
                throw new UsageException("--bad-rate must be in [0, 1], was " + s);
            }
            return r;
        } catch (NumberFormatException e) {
            throw new UsageException("--bad-rate must be a number, was '" + s + "'");
        }
    }

    /** A progress line on standard error, at most twice a second. */
    static final class Progress {
        private final String verb;
        private final long total;
        private long lastPrint = System.nanoTime();

        Progress(String verb, long total) {
            this.verb = verb;
            this.total = total;
        }

        void tick(long n) {
            if ((n & 1023) == 0 && System.nanoTime() - lastPrint > 500_000_000L) {
                lastPrint = System.nanoTime();
                System.err.printf(
                        "\r  %s %,d of %,d (%d%%)",
                        verb, n, total, total == 0 ? 100 : n * 100 / total);
            }
        }

        void done(long n) {
            System.err.printf("\r  %s %,d of %,d (100%%)%n", verb, n, total);
        }
    }
}
