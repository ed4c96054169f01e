package org.dustwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;
import org.dustwatch.cli.Args;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.Topics;

/** {@code bin/dustwatch replay FILE --topic inspections|readings}: a JSONL file into Kafka. */
public final class ReplayCli {

    static final String USAGE =
            """
            usage: dustwatch replay FILE --topic inspections|readings|TOPIC [options]

            Sends a JSONL file (one event per line) into a Kafka topic, keyed by the line's
            checkpointId or stationId. Lines are sent as they are, bad ones included: the jobs
            sort those into the dead-letter topic. Blank lines are skipped.

              --topic T        inspections, readings, or any topic name   (required)
              --rate N         at most N lines per second; 0 = as fast as possible (default 0)
              --bootstrap H:P  Kafka brokers                              (default 127.0.0.1:9092)
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayCli() {}

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        try {
            Args a = Args.parse(argv, Set.of("topic", "rate", "bootstrap"), Set.of());
            if (a.help()) {
                System.out.print(USAGE);
                return 0;
            }
            if (a.positional().size() != 1) {
                throw new UsageException("expected one FILE (see --help)");
            }
            String topic =
                    switch (a.string("topic", "")) {
                        case "" -> throw new UsageException("--topic is required");
                        case "inspections" -> Topics.INSPECTIONS;
                        case "readings" -> Topics.READINGS;
                        default -> a.string("topic", "");
                    };
            long rate = a.longValue("rate", 0, 0, 10_000_000);
            Path file = Path.of(a.positional().get(0));
            long t0 = System.nanoTime();
            long n = replay(file, topic, a.string("bootstrap", "127.0.0.1:9092"), rate);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "replayed %,d records from %s into %s in %.1f s%n", n, file, topic, secs);
            return 0;
        } catch (UsageException e) {
            System.err.println("dustwatch replay: " + e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            System.err.println("dustwatch replay: error: no such file: " + e.getFile());
            return 1;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            System.err.println("dustwatch replay: error: " + e.getMessage());
            return 1;
        }
    }

    static long replay(Path file, String topic, String bootstrap, long rate) throws IOException {
        long total;
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            total = lines.filter(l -> !l.isBlank()).count();
        }
        long n = 0;
        long started = System.nanoTime();
        SimulateCli.Progress progress = new SimulateCli.Progress("sent", total);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                KafkaOutput out = new KafkaOutput(bootstrap)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                out.send(new SimEvent(topic, keyOf(line), line, System.currentTimeMillis()));
                progress.tick(++n);
                if (rate > 0) {
                    long due = started + n * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException("interrupted", e);
                        }
                    }
                }
            }
        }
        progress.done(n);
        return n;
    }

    /** The checkpoint or station id of a line, or null if it has neither (or is not JSON). */
    static String keyOf(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            for (String field : new String[] {"checkpointId", "stationId"}) {
                JsonNode id = node.path(field);
                if (id.isTextual()) {
                    return id.asText();
                }
            }
        } catch (IOException e) {
            // Not JSON: sent without a key; the jobs will route it to the dead-letter topic.
        }
        return null;
    }
}
