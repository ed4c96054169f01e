package org.dustwatch.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.dustwatch.cli.Cli;
import org.dustwatch.report.CampaignReportCli;
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
 * {@code dustwatch demo}: a fresh local stack of its own, the last seven whole local days of the
 * simulated district at its real volume with one violation spike and one pollution episode, the
 * jobs run bounded, what landed, and the campaign report of the week.
 */
@Command(
        name = "demo",
        header = "A fresh local stack, a simulated district, the pipeline, and its results.",
        sortOptions = false,
        description = {
            "Starts a fresh local stack of its own (real Kafka and influxd, data in"
                    + " $DUSTWATCH_HOME/demo), simulates the last seven whole local days of the"
                    + " bundled district at its real volume: N inspections (1%% bad records), each"
                    + " station's readings at its own cadence (one-minute, five-minute or hourly"
                    + " averages, some from split feeds), a violation spike at night on the"
                    + " sixth day and a pollution episode on the fifth. Runs the jobs in bounded"
                    + " mode on a local Flink MiniCluster, prints what landed, and writes the"
                    + " campaign report of the week. Stops its stack at the end unless"
                    + " --keep-running (it then prints how to query and stop it).",
            ""
        })
public final class DemoCommand implements Callable<Integer> {

    /** The district's zone: the demo's week is seven whole local days. */
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** How often the demo says the pipeline is still running. */
    static final Duration PROGRESS = Duration.ofSeconds(5);

    @Mixin Cli.Help help;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = {
                "inspections to simulate over the week (default ${DEFAULT-VALUE}: the bundled",
                "district's real volume, about 2,150 a day)"
            })
    long events = 15_000;

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

        Week week = Week.endingToday(ZONE);
        step(
                "Simulating a week of the district at its real volume: "
                        + events
                        + " inspections and each station's readings at its own cadence, "
                        + week.first()
                        + " to "
                        + week.last()
                        + ", with a violation spike on "
                        + week.spike().split(",")[0]
                        + " and a pollution episode in "
                        + week.episode().split(",")[0]);
        check(
                "the simulation",
                Cli.run(
                        new SimulateCli(),
                        new String[] {
                            "--events", Long.toString(events),
                            "--start", week.start().toString(),
                            "--span", "P" + Week.DAYS + "D",
                            "--seed", "7",
                            "--spike", week.spike(),
                            "--episode", week.episode(),
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
        step("The campaign report of the week (bin/dustwatch campaign-report; docs/report.md)");
        check(
                "the campaign report",
                Cli.run(
                        new CampaignReportCli(),
                        new String[] {
                            "--from", week.first().toString(),
                            "--to", week.last().toString(),
                            "--influx-url", influx,
                            "--out", home.resolve("reports").toString()
                        }));
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
     * The demo's week: the seven whole local days before today, a ×5 violation spike for four hours
     * from 01:00 of the sixth day on Kuangqu Road (at the district's volume a smaller or shorter
     * one is mostly undetectable: docs/alerts.md), and a ×3 pollution episode for twelve hours from
     * 06:00 of the fifth day in Xihe.
     */
    record Week(LocalDate first, ZoneId zone) {
        static final int DAYS = 7;

        static Week endingToday(ZoneId zone) {
            return new Week(LocalDate.now(zone).minusDays(DAYS), zone);
        }

        LocalDate last() {
            return first.plusDays(DAYS - 1);
        }

        Instant start() {
            return first.atStartOfDay(zone).toInstant();
        }

        String spike() {
            return "Kuangqu Road,"
                    + first.plusDays(5).atTime(1, 0).atZone(zone).toInstant()
                    + ",PT4H,5";
        }

        String episode() {
            return "Xihe," + first.plusDays(4).atTime(6, 0).atZone(zone).toInstant() + ",PT12H,3";
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
