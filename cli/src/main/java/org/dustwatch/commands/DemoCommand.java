package org.dustwatch.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dustwatch.cli.Cli;
import org.dustwatch.simulator.SimulateCli;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.Endpoints;
import org.dustwatch.stack.LocalStack;
import org.dustwatch.stack.Ports;
import org.dustwatch.stack.ReportCli;
import org.dustwatch.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dustwatch demo}: a fresh local stack of its own, the last three whole hours of a simulated
 * district, the jobs run bounded, and what landed.
 */
@Command(
        name = "demo",
        header = "A fresh local stack, a simulated district, the pipeline, and its results.",
        sortOptions = false,
        description = {
            "Starts a fresh local stack of its own (real Kafka and influxd, data in"
                    + " $DUSTWATCH_HOME/demo), simulates N inspections (1%% bad records) and each"
                    + " station's readings at its own cadence (one-minute, five-minute or hourly"
                    + " averages, some from split feeds) over the last three whole hours (so that"
                    + " every hour has a real-time AQI report), runs the jobs in bounded mode on a"
                    + " local Flink MiniCluster, and prints what landed. Stops its stack at the"
                    + " end unless --keep-running (it then prints how to query and stop it).",
            ""
        })
public final class DemoCommand implements Callable<Integer> {

    /** How often the demo says the pipeline is still running. */
    static final Duration PROGRESS = Duration.ofSeconds(5);

    @Mixin Cli.Help help;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "inspections to simulate (default ${DEFAULT-VALUE})")
    long events = 20_000;

    @Option(names = "--keep-running", description = "leave Kafka and influxd running afterwards")
    boolean keepRunning;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        Cli.range("--events", events, 0, 2_000_000_000L);
        long t0 = System.nanoTime();
        // The demo has a stack of its own, started empty each time, so that it never mixes with
        // (or wipes) the data of a stack started with `bin/dustwatch stack start`.
        Path home = DustwatchHome.resolve().resolve("demo");
        new LocalStack(home, new PrintStream(PrintStream.nullOutputStream())).stop();
        deleteRecursively(home.resolve("stack"));
        LocalStack stack = new LocalStack(home, out);
        AtomicBoolean stopped = new AtomicBoolean();
        Thread stopOnExit =
                new Thread(
                        () -> {
                            if (stopped.compareAndSet(false, true)) {
                                stop(stack);
                            }
                        },
                        "dustwatch-demo-stop");
        if (!keepRunning) {
            // Also when the JVM ends early: Ctrl-C, or a System.exit in the job's main.
            Runtime.getRuntime().addShutdownHook(stopOnExit);
        }
        try {
            demo(home, stack, t0);
        } finally {
            if (!keepRunning) {
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnExit);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs (or ran) anyway
                }
                stopOnExit.run();
            }
        }
        return 0;
    }

    private void demo(Path home, LocalStack stack, long t0) {
        step("Starting a fresh local stack for the demo (data in " + home + ")");
        try {
            stack.start(options(), kafkaLib());
        } catch (StackException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
        Endpoints endpoints = new Endpoints(home);
        String bootstrap = endpoints.stackKafka().orElseThrow();
        String influx = endpoints.stackInflux().orElseThrow();

        // Three whole hours ending at the start of this hour: a partial hour has no valid AQI
        // hour yet.
        Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        step(
                "Simulating "
                        + events
                        + " inspections and each station's readings at its own cadence, from "
                        + from
                        + " for three hours");
        check(
                "the simulation",
                Cli.run(
                        new SimulateCli(),
                        new String[] {
                            "--events", Long.toString(events),
                            "--start", from.toString(),
                            "--span", "PT3H",
                            "--bootstrap", bootstrap,
                            "--truth", home.resolve("simulation-truth.json").toString()
                        }));

        String log = System.getProperty("dustwatch.log.file", "the console");
        step("Running the jobs (bounded) on a local Flink MiniCluster; log: " + log);
        long j0 = System.nanoTime();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread job =
                new Thread(
                        () ->
                                exit.set(
                                        Cli.run(
                                                new RunCommand(home, System.getenv()),
                                                new String[] {"--bounded"})),
                        "dustwatch-demo-job");
        job.start();
        try {
            while (job.isAlive()) {
                job.join(PROGRESS.toMillis());
                if (job.isAlive()) {
                    out.printf("  still running after %d s%n", seconds(j0));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Cli.Failure("interrupted", e);
        }
        check("the pipeline", exit.get());
        out.printf("  pipeline finished in %d s%n", seconds(j0));

        step("What landed");
        check(
                "the report",
                Cli.run(
                        new ReportCli(),
                        new String[] {"--influx-url", influx, "--bootstrap", bootstrap}));
        out.printf("%nDemo done in %d s.%n", seconds(t0));
        if (keepRunning) {
            out.printf(
                    "The demo stack is still running. Inspect it with%n"
                            + "  DUSTWATCH_HOME=%s bin/dustwatch report%n"
                            + "and stop it with%n"
                            + "  DUSTWATCH_HOME=%s bin/dustwatch stack stop%n",
                    home, home);
        }
    }

    /**
     * The local stack's default ports if they are free; else free ones, so that the demo runs
     * beside a stack of {@code bin/dustwatch stack start} or another program on 9092 or 8086.
     */
    static LocalStack.Options options() {
        LocalStack.Options d = LocalStack.Options.defaults();
        int kafka = d.kafkaPort(), influx = d.influxPort();
        if (Ports.inUse(kafka) || Ports.inUse(kafka + 1)) {
            kafka = freeWithNext(1);
        }
        if (Ports.inUse(influx) || Ports.inUse(influx + 2)) {
            influx = freeWithNext(2);
        }
        return new LocalStack.Options(kafka, influx, null, d.partitions());
    }

    /** A free port whose successor {@code offset} ports on is free too. */
    private static int freeWithNext(int offset) {
        for (int i = 0; i < 50; i++) {
            int p = Ports.free();
            if (p < 65000 && !Ports.inUse(p + offset)) {
                return p;
            }
        }
        throw new Cli.Failure("no free ports on " + Ports.LOOPBACK + " for the demo's stack");
    }

    private static Path kafkaLib() {
        return Path.of(System.getProperty("dustwatch.kafka.lib", "kafka-dist/target/lib"))
                .toAbsolutePath();
    }

    private void stop(LocalStack stack) {
        step("Stopping the demo stack");
        try {
            stack.stop();
        } catch (RuntimeException e) {
            System.err.println("dustwatch demo: could not stop the demo stack: " + e.getMessage());
        }
    }

    private static void check(String what, int exit) {
        if (exit != 0) {
            // the command said why on standard error
            throw new Cli.Failure(what + " failed (exit " + exit + ")");
        }
    }

    private void step(String s) {
        out.println("==> " + s);
    }

    private static long seconds(long t0) {
        return (System.nanoTime() - t0) / 1_000_000_000L;
    }

    private static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
