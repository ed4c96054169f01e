package org.dustwatch.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.dustwatch.cli.Cli;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.report.InfluxQl;
import org.dustwatch.report.ReportPeriod;
import org.dustwatch.report.ReportQueries;
import org.dustwatch.report.ReportRequest;
import org.dustwatch.report.SpillageMethod;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.InfluxServer;
import org.dustwatch.stack.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dustwatch bench report}: how long the campaign report of a month takes to build for a
 * large district (issue #22), on an influxd of its own. It writes two months of the points the
 * report reads, in the pipeline's schema (docs/schema.md), for {@code --checkpoints} checkpoints
 * and {@code --stations} stations, then times {@link ReportQueries#build} for the second month
 * (with the first as its previous period and both as the campaign), district-wide and for one
 * township. The figures are synthetic; the report's time depends on the points it reads, not on
 * their values. A benchmark, not a test: it reports and never fails on a number.
 */
@Command(
        name = "report",
        header = "The time to build a month's campaign report for a large district.",
        sortOptions = false,
        description = {
            "Writes two months of the pipeline's points for a district of --checkpoints checkpoints"
                    + " into an influxd of its own (free loopback port, data under"
                    + " $DUSTWATCH_HOME/bench-report), then times the campaign report of the"
                    + " second month, district-wide and for one township (docs/benchmarks.md).",
            ""
        })
public final class ReportBenchmark implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Option(
            names = "--checkpoints",
            paramLabel = "N",
            description = "checkpoints in the district (default ${DEFAULT-VALUE})")
    int checkpoints = 1000;

    @Option(
            names = "--stations",
            paramLabel = "N",
            description = "air-quality stations (default ${DEFAULT-VALUE})")
    int stations = 200;

    @Option(
            names = "--month",
            paramLabel = "YYYY-MM",
            description = "the month reported (default ${DEFAULT-VALUE})")
    String month = "2026-11";

    @Option(
            names = "--runs",
            paramLabel = "N",
            description = "timed builds of each report (default ${DEFAULT-VALUE})")
    int runs = 5;

    static final String DB = "bench_report";

    @Override
    public Integer call() throws Exception {
        Cli.range("--checkpoints", checkpoints, 1, 100_000);
        Cli.range("--stations", stations, 1, 10_000);
        Cli.range("--runs", runs, 1, 100);
        ReportPeriod period = ReportPeriod.parse(month, null, null);
        PrintStream out = System.out;
        Path work = DustwatchHome.resolve().resolve("bench-report");
        BenchCli.deleteRecursively(work);
        Files.createDirectories(work);
        Path influxd =
                InfluxServer.locateInfluxd(DustwatchHome.resolve())
                        .orElseThrow(() -> new IllegalStateException(InfluxServer.HOW_TO_INSTALL));
        Workload w = Workload.district(work.resolve("district"), checkpoints, stations);
        ReferenceData ref = w.reference;
        try (InfluxServer influx =
                InfluxServer.start(
                        influxd,
                        new InfluxServer.Config(
                                work.resolve("influxdb"), Ports.free(), Ports.free()),
                        work.resolve("influxd.log"))) {
            influx.client().createDatabase(DB);
            ReportPeriod both = ReportPeriod.span(period.previous().from(), period.to());
            long t0 = System.nanoTime();
            long points =
                    BenchPoints.write(influx.client(), DB, ref, both, new SplittableRandom(22));
            out.printf(
                    Locale.ROOT,
                    "wrote %,d points (%s to %s, %d checkpoints, %d stations) in %.1f s%n",
                    points,
                    both.from(),
                    both.to(),
                    checkpoints,
                    stations,
                    (System.nanoTime() - t0) / 1e9);
            String township = ref.townships().first();
            time(
                    out,
                    influx.url(),
                    new ReportRequest(period, null, null, both.from(), ref),
                    "district");
            time(
                    out,
                    influx.url(),
                    new ReportRequest(period, township, null, both.from(), ref),
                    "township " + township);
        }
        return 0;
    }

    private void time(PrintStream out, String url, ReportRequest request, String what) {
        List<Double> seconds = new ArrayList<>();
        AtomicInteger queries = new AtomicInteger();
        java.util.Map<String, Double> slowest = new java.util.HashMap<>();
        for (int i = 0; i < runs; i++) {
            queries.set(0);
            InfluxQl influx =
                    new InfluxQl(url, DB)
                            .onQuery(
                                    (q, d) -> {
                                        queries.incrementAndGet();
                                        slowest.merge(q, d.toNanos() / 1e9 / runs, Double::sum);
                                    });
            long t = System.nanoTime();
            new ReportQueries(influx, SpillageMethod.DEFAULT, Clock.systemUTC()).build(request);
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        List<Double> sorted = new ArrayList<>(seconds);
        Collections.sort(sorted);
        out.printf(
                Locale.ROOT,
                "%s, %s: %d queries; first build %.2f s, median of %d %.2f s, fastest %.2f s%n",
                request.period().from().toString().substring(0, 7),
                what,
                queries.get(),
                seconds.get(0),
                runs,
                sorted.get(sorted.size() / 2),
                sorted.get(0));
        slowest.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByValue(java.util.Comparator.reverseOrder()))
                .limit(3)
                .forEach(e -> out.printf(Locale.ROOT, "  %.2f s  %s%n", e.getValue(), e.getKey()));
    }
}
