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
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.model.Topics;
import org.dustwatch.stack.Endpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/dustwatch replay FILE --topic inspections|readings}: a JSONL file into Kafka. */
@Command(
        name = "replay",
        header = "A JSONL file into a Kafka topic (inspections, readings or a name).",
        sortOptions = false,
        description = {
            "Sends a JSONL file (one event per line) into a Kafka topic, keyed by the line's"
                    + " checkpointId or stationId. Lines are sent as they are, bad ones included:"
                    + " the jobs sort those into the dead-letter topic. Blank lines are skipped.",
            ""
        })
public final class ReplayCli implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin Cli.Help help;

    @Parameters(paramLabel = "FILE", description = "the JSONL file")
    Path file;

    @Option(
            names = "--topic",
            paramLabel = "T",
            required = true,
            description = "inspections, readings, or any topic name")
    String topic;

    @Option(
            names = "--rate",
            paramLabel = "N",
            description = "at most N lines per second; 0 = as fast as possible (default 0)")
    long rate;

    @Option(
            names = "--bootstrap",
            paramLabel = "H:P",
            description =
                    "Kafka brokers (default: the local stack's, else "
                            + Endpoints.DEFAULT_KAFKA
                            + ")")
    String bootstrap;

    /** For tests: the command on its own. */
    static int run(String[] argv) {
        return Cli.run(new ReplayCli(), argv);
    }

    @Override
    public Integer call() {
        String to =
                switch (topic) {
                    case "inspections" -> Topics.INSPECTIONS;
                    case "readings" -> Topics.READINGS;
                    default -> topic;
                };
        Cli.range("--rate", rate, 0, 10_000_000);
        if (!Files.isReadable(file)) {
            throw new Cli.Failure("no such file: " + file);
        }
        Endpoints.Endpoint kafka = Endpoints.local().kafka(bootstrap, "--bootstrap");
        Endpoints.requireKafka(kafka);
        long t0 = System.nanoTime();
        long n;
        try {
            n = replay(file, to, kafka.address(), rate);
        } catch (NoSuchFileException e) {
            throw new Cli.Failure("no such file: " + e.getFile(), e);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("replayed %,d records from %s into %s in %.1f s%n", n, file, to, secs);
        return 0;
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
