package org.dustwatch.simulator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.model.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dustwatch bench simulator}: how fast the simulator writes events to a file, side by
 * side in the same run with a baseline that writes the same events, already rendered, through the
 * same writer. The ratio tells what the simulation itself costs; the absolute figure tells whether
 * a benchmark of the pipeline could ever be generator-bound. Medians of several rounds, because the
 * machine is shared.
 */
@Command(
        name = "simulator",
        header = "The simulator's throughput to a file, beside a pre-rendered baseline.",
        description = {
            "The simulator's throughput to a file, beside a baseline that writes the same events,"
                    + " already rendered, through the same writer.",
            ""
        })
public final class SimulatorBenchmark implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = {
                "inspections per round, plus the stations' readings at their own cadences over"
                        + " the same week of event time (default ${DEFAULT-VALUE})"
            })
    long events = 2_000_000;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "rounds of each; the median is reported (default ${DEFAULT-VALUE})")
    int rounds = 3;

    @Override
    public Integer call() {
        try {
            run(
                    Cli.range("--events", events, 1_000, 1_000_000_000L),
                    Cli.range("--rounds", rounds, 1, 20));
        } catch (IOException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
        return 0;
    }

    static void run(long inspections, int rounds) throws IOException {
        ReferenceData district = ReferenceData.bundled();
        SimulationOptions base =
                SimulationOptions.defaults(
                        1, Instant.parse("2026-11-16T16:00:00Z"), Duration.ofDays(7), 1);
        SimulationOptions o =
                base.withInspectionsPerHour(
                        inspections / DistrictSimulator.expectedInspections(district, base));
        Path file = Files.createTempFile("dustwatch-bench-", ".jsonl");
        try {
            List<String> rendered = new ArrayList<>();
            new DistrictSimulator(district, o).forEachRemaining(e -> rendered.add(e.value()));
            long n = rendered.size();
            System.out.printf(
                    "simulator benchmark: %,d events (a week of the district), %d rounds, file %s%n",
                    n, rounds, file);
            double[] sim = new double[rounds];
            double[] baseline = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                // Alternate, so that drift in the machine's load hits both alike.
                baseline[r] =
                        timed(
                                n,
                                () -> {
                                    try (BufferedWriter w =
                                            Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                                        for (String line : rendered) {
                                            w.write(line);
                                            w.write('\n');
                                        }
                                    }
                                });
                sim[r] =
                        timed(
                                n,
                                () -> {
                                    try (BufferedWriter w =
                                            Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                                        DistrictSimulator s = new DistrictSimulator(district, o);
                                        while (s.hasNext()) {
                                            w.write(s.next().value());
                                            w.write('\n');
                                        }
                                    }
                                });
                System.out.printf(
                        "  round %d: simulator %,.0f events/s, baseline (pre-rendered) %,.0f events/s%n",
                        r + 1, sim[r], baseline[r]);
            }
            double s = median(sim), b = median(baseline);
            System.out.printf(
                    "median: simulator %,.0f events/s; baseline %,.0f events/s; ratio %.2f%n",
                    s, b, s / b);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    interface Body {
        void run() throws IOException;
    }

    private static double timed(long n, Body body) throws IOException {
        long t0 = System.nanoTime();
        body.run();
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
