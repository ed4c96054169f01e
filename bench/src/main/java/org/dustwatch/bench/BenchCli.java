package org.dustwatch.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.flink.core.execution.JobClient;
import org.dustwatch.bench.alerts.AlertBenchmark;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.InfluxOptions;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.simulator.SimulatorBenchmark;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.InfluxServer;
import org.dustwatch.stack.KafkaBroker;
import org.dustwatch.stack.Ports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dustwatch bench}: one run that measures dustwatch end to end beside the machine's
 * ceiling, the raw-ingest alternative and the Flink SQL peer ({@link SqlPeer}), on a stack of its
 * own (a Kafka broker and an influxd on free loopback ports, under {@code $DUSTWATCH_HOME/bench}).
 * docs/benchmarks.md explains each figure. A benchmark, not a test: it reports and never fails on a
 * number.
 */
@Command(
        name = "bench",
        header =
                "End-to-end benchmark: beside the ceiling, raw ingest and Flink SQL; queries,"
                        + " freshness.",
        sortOptions = false,
        description = {
            "The end-to-end benchmark: dustwatch beside the machine's ceiling, raw ingest and"
                    + " the plain Flink SQL a user would write (into InfluxDB through the"
                    + " project's sink, and into blackhole), with query latency, freshness and"
                    + " memory, on a Kafka broker and an influxd of its own (free loopback ports,"
                    + " data under $DUSTWATCH_HOME/bench). The workload makes every stage work;"
                    + " the run fails if one wrote nothing.",
            ""
        },
        footer = {
            "",
            "A quick run: bin/dustwatch bench --events 200000 --days 3 --freshness-for PT2M",
            "Flink's and Kafka's log: $DUSTWATCH_HOME/logs/bench.log"
        },
        subcommands = {SimulatorBenchmark.class, AlertBenchmark.class, ReportBenchmark.class})
public final class BenchCli implements Callable<Integer> {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Mixin Cli.Help help;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "events in the workload (default ${DEFAULT-VALUE})")
    long events = 5_000_000;

    @Option(
            names = "--days",
            paramLabel = "D",
            description =
                    "days the workload spans, ending at last midnight (default ${DEFAULT-VALUE})")
    int days = 30;

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
            names = "--parallelism",
            paramLabel = "N",
            description = {
                "parallelism of the job (default: half the cores, at least 1; each parallel"
                        + " instance is a pipeline of about 20 tasks)"
            })
    Integer parallelism;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = {
                "consumer threads of the ceiling, clients of the raw ingest, partitions of the"
                        + " topics (default: the cores)"
            })
    Integer threads;

    @Option(
            names = "--freshness-rate",
            paramLabel = "N",
            description = "events/s of the real-time freshness run (default ${DEFAULT-VALUE})")
    long freshnessRate = 10_000;

    @Option(
            names = "--freshness-for",
            paramLabel = "D",
            description = "its length, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration freshnessFor = Duration.ofMinutes(3);

    @Option(names = "--no-freshness", description = "skip the freshness run")
    boolean noFreshness;

    @Option(
            names = "--minute-points",
            paramLabel = "M",
            description = {
                "pipeline.minute-points of the throughput run: NONE (default), AREAS or ALL (the"
                        + " freshness run always writes AREAS)"
            })
    String minutePoints = "NONE";

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = {
                "a job setting for dustwatch's runs (throughput and freshness), repeatable, as in"
                        + " docs/configuration.md: e.g. --set influx.flush-interval=250ms"
            })
    Map<String, String> set = new LinkedHashMap<>();

    @Option(
            names = "--profile",
            description = {
                "profile the job run with async-profiler: the CPU share of each task in the"
                        + " report, profile.html (a flame graph) and profile.collapsed beside the"
                        + " results"
            })
    boolean profile;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "where results.json and results.md go (default $DUSTWATCH_HOME/bench)")
    Path out;

    /** For tests: the command on its own. */
    static int run(String[] argv) {
        return Cli.run(new BenchCli(), argv);
    }

    @Override
    public Integer call() throws Exception {
        Settings s = Settings.from(this);
        if (s.profile()) {
            try {
                Profile.load();
            } catch (IllegalStateException e) {
                throw new UsageException(e.getMessage());
            }
        }
        new BenchCli.Run(s).execute();
        return 0;
    }

    record Settings(
            long events,
            int days,
            int checkpoints,
            int stations,
            int parallelism,
            int threads,
            double freshnessRate,
            Duration freshnessFor,
            boolean freshness,
            String minutePoints,
            Map<String, String> jobSettings,
            boolean profile,
            Path out) {

        static String minutePoints(String v) {
            String m = v.toUpperCase(Locale.ROOT);
            if (!Set.of("ALL", "AREAS", "NONE").contains(m)) {
                throw new UsageException(
                        "--minute-points must be ALL, AREAS or NONE, was '" + v + "'");
            }
            return m;
        }

        static Settings from(BenchCli a) {
            if (a.freshnessFor.toSeconds() < 90) {
                throw new UsageException("--freshness-for must be at least PT90S");
            }
            int cores = Runtime.getRuntime().availableProcessors();
            return new Settings(
                    Cli.range("--events", a.events, 10_000, 1_000_000_000),
                    Cli.range("--days", a.days, 2, 365),
                    Cli.range("--checkpoints", a.checkpoints, 1, 100_000),
                    Cli.range("--stations", a.stations, 1, 10_000),
                    Cli.range(
                            "--parallelism",
                            a.parallelism != null ? a.parallelism : Math.max(1, cores / 2),
                            1,
                            64),
                    Cli.range("--threads", a.threads != null ? a.threads : cores, 1, 64),
                    Cli.range("--freshness-rate", a.freshnessRate, 100, 1_000_000),
                    a.freshnessFor,
                    !a.noFreshness,
                    minutePoints(a.minutePoints),
                    JobSettings.of(a.set),
                    a.profile,
                    a.out != null ? a.out : DustwatchHome.resolve().resolve("bench"));
        }
    }

    /** One benchmark run on its own stack. */
    static final class Run {
        final Settings s;
        final Map<String, Object> results = new LinkedHashMap<>();

        Run(Settings s) {
            this.s = s;
        }

        void execute() throws Exception {
            Path work = s.out().resolve("work");
            deleteRecursively(work);
            Files.createDirectories(work);
            Path kafkaLib =
                    Path.of(System.getProperty("dustwatch.kafka.lib", "kafka-dist/target/lib"));
            Path influxd =
                    InfluxServer.locateInfluxd(DustwatchHome.resolve())
                            .orElseThrow(
                                    () -> new IllegalStateException(InfluxServer.HOW_TO_INSTALL));
            step("Starting a Kafka broker and an influxd of the benchmark's own");
            try (KafkaBroker kafka =
                            KafkaBroker.start(
                                    new KafkaBroker.Config(
                                            kafkaLib,
                                            work.resolve("kafka"),
                                            Ports.free(),
                                            Ports.free(),
                                            "1g"),
                                    work.resolve("kafka.log"));
                    InfluxServer influx =
                            InfluxServer.start(
                                    influxd,
                                    new InfluxServer.Config(
                                            work.resolve("influxdb"), Ports.free(), Ports.free()),
                                    work.resolve("influxd.log"))) {
                measure(kafka, influx, work);
            }
            write();
        }

        void measure(KafkaBroker kafka, InfluxServer influx, Path work) throws Exception {
            int p = s.threads();
            Workload w = Workload.district(work.resolve("district"), s.checkpoints(), s.stations());
            LocalDate today = LocalDate.now(ZONE);
            Instant end = today.atStartOfDay(ZONE).toInstant();
            Instant start = end.minus(Duration.ofDays(s.days()));
            SimulationOptions o =
                    Workload.options(w, s.events(), s.days(), Duration.ofMinutes(5), start, true);
            kafka.createTopics(List.of("bench.inspections", "bench.readings"), p);
            kafka.createTopics(List.of("bench.dlq", "bench.alerts"), 1);
            influx.client().createDatabase("bench");
            influx.client().createDatabase("bench_raw");

            step(
                    String.format(
                            Locale.ROOT,
                            "Workload: %d checkpoints on %d roads, %d stations, %,d events over %d days,"
                                    + " into Kafka",
                            s.checkpoints(),
                            w.roads,
                            s.stations(),
                            s.events(),
                            s.days()));
            long expected =
                    Math.round(DistrictSimulator.expectedInspections(w.reference, o))
                            + (long) s.stations() * s.days() * 288;
            long[] produced =
                    Workload.produce(
                            kafka.bootstrap(),
                            "bench.inspections",
                            "bench.readings",
                            new DistrictSimulator(w.reference, o),
                            false,
                            new Progress("produced", expected));
            long events = produced[0] + produced[1];
            results.put("events", events);
            results.put("inspections", produced[0]);
            results.put("readings", produced[1]);

            step(
                    "1/7 The ceiling: Kafka consume + parse into records, "
                            + p
                            + " threads, no Flink");
            results.put("load_before_ceiling", load());
            long t = System.nanoTime();
            long[] ceiling =
                    Ceiling.run(
                            kafka.bootstrap(),
                            "bench.inspections",
                            "bench.readings",
                            w.reference,
                            p,
                            new Progress("parsed", events));
            double ceilingRate = ceiling[1] / ((System.nanoTime() - t) / 1e9);
            results.put("ceiling_events_per_s", Math.round(ceilingRate));

            int jp = s.parallelism();
            step("2/7 dustwatch: the full job, --bounded, Kafka to InfluxDB, parallelism " + jp);
            Map<String, String> job = new HashMap<>(s.jobSettings());
            job.put("kafka.bootstrap", kafka.bootstrap());
            job.put("kafka.topic.inspections", "bench.inspections");
            job.put("kafka.topic.readings", "bench.readings");
            job.put("kafka.topic.dead-letters", "bench.dlq");
            job.put("kafka.topic.alerts", "bench.alerts");
            job.put("kafka.starting-offsets", "EARLIEST");
            job.put("kafka.group-id", "dustwatch-bench");
            job.put("pipeline.checkpoint-dir", work.resolve("checkpoints").toUri().toString());
            job.put("influx.url", influx.url());
            job.put("influx.database", "bench");
            job.put("reference.checkpoints", w.checkpoints.toString());
            job.put("reference.stations", w.stations.toString());
            // At this density a checkpoint sees about one truck a minute: minute points would be
            // as many as the events. A site this size writes hours and days (docs/benchmarks.md).
            job.put("pipeline.minute-points", s.minutePoints());
            results.put("load_before_dustwatch", load());
            Profile profile = s.profile() ? Profile.start() : null;
            JobRun.Result d =
                    JobRun.run(job, jp, true, events, new Progress("read by the job", events));
            if (profile != null) {
                results.put("profile", Profile.json(profile.stop(s.out())));
            }
            double rate = events / d.seconds();
            long points = sum(influx, "bench", "SELECT sum(\"written\") FROM \"sink\"");
            results.put("dustwatch_events_per_s", Math.round(rate));
            results.put("dustwatch_seconds", round1(d.seconds()));
            results.put("dustwatch_events_per_s_per_core", Math.round(rate / p));
            results.put("dustwatch_cpu_cores_used", round2(d.cpuSeconds() / d.seconds()));
            results.put(
                    "dustwatch_cpu_s_per_million_events", round1(d.cpuSeconds() * 1e6 / events));
            if (d.steadyEvents() > 0) { // a run too short for two progress samples has none
                results.put("dustwatch_steady_events_per_s", Math.round(d.steadyEventsPerS()));
                results.put(
                        "dustwatch_steady_cpu_s_per_million_events",
                        round1(d.steadyCpuSeconds() * 1e6 / d.steadyEvents()));
            }
            results.put("dustwatch_peak_heap_mib", d.peakHeapBytes() >> 20);
            results.put("jvm_max_heap_mib", d.maxHeapBytes() >> 20);
            results.put("dustwatch_gc_share", round2(d.gcSeconds() / d.seconds()));
            results.put("dustwatch_checkpoints", d.checkpoints());
            results.put("dustwatch_checkpoint_avg_ms", d.checkpointAvgMs());
            results.put("dustwatch_checkpoint_max_ms", d.checkpointMaxMs());
            results.put("dustwatch_checkpoint_state_max_mib", d.checkpointStateMaxBytes() >> 20);
            results.put("dustwatch_points_written", points);
            // every stage's output; the run fails if one did no work
            long deadLetters =
                    Drain.run(
                            kafka.bootstrap(),
                            List.of("bench.dlq"),
                            1,
                            i -> (topic, value) -> {},
                            new Progress("dead letters read back", events / 100));
            StageChecks.check(influx, "bench", deadLetters, results);
            results.put("dustwatch_minute_points", s.minutePoints());
            results.put("points_per_event", round2((double) points / events));

            SqlPeer.measure(influx, w.reference, job, jp, events, s.out(), results);

            step("5/7 Raw ingest: every event a point, 5,000-line batches, " + p + " clients");
            results.put("load_before_raw_ingest", load());
            t = System.nanoTime();
            RawIngest.run(
                    kafka.bootstrap(),
                    "bench.inspections",
                    "bench.readings",
                    w.reference,
                    influx.url(),
                    "bench_raw",
                    p,
                    new Progress("written", events));
            double raw = events / ((System.nanoTime() - t) / 1e9);
            results.put("raw_ingest_events_per_s", Math.round(raw));

            results.put("load_after_raw_ingest", load());
            step("6/7 Dashboard query: violation rate per road, 1-h resolution");
            List<Queries.Result> q = new ArrayList<>();
            q.add(
                    Queries.run(
                            influx.client(),
                            "bench",
                            "bench_raw",
                            "24 hours",
                            end.minus(Duration.ofDays(1)).toEpochMilli(),
                            end.toEpochMilli()));
            q.add(
                    Queries.run(
                            influx.client(),
                            "bench",
                            "bench_raw",
                            s.days() + " days",
                            start.toEpochMilli(),
                            end.toEpochMilli()));
            List<Map<String, Object>> qs = new ArrayList<>();
            for (Queries.Result r : q) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("range", r.range());
                m.put("pre_aggregated_ms", round1(r.preAggregatedMs()));
                m.put("raw_ms", round1(r.rawMs()));
                m.put("speedup", round1(r.speedup()));
                m.put("road_hours_compared", r.hours());
                m.put("road_hours_equal", r.equal());
                qs.add(m);
            }
            results.put("queries", qs);

            if (s.freshness()) {
                step(
                        String.format(
                                Locale.ROOT,
                                "7/7 Freshness: %,.0f events/s in real time for %d s, the job"
                                        + " unbounded",
                                s.freshnessRate(),
                                s.freshnessFor().toSeconds()));
                freshness(kafka, influx, w, job, p, jp);
            }
        }

        void freshness(
                KafkaBroker kafka,
                InfluxServer influx,
                Workload w,
                Map<String, String> base,
                int p,
                int jp)
                throws Exception {
            kafka.createTopics(List.of("fresh.inspections", "fresh.readings"), p);
            influx.client().createDatabase("fresh");
            Map<String, String> job = new HashMap<>(base);
            job.put("kafka.topic.inspections", "fresh.inspections");
            job.put("kafka.topic.readings", "fresh.readings");
            job.put("kafka.group-id", "dustwatch-fresh");
            job.put("influx.database", "fresh");
            job.put("pipeline.minute-points", "AREAS"); // the roads' minutes are what is timed
            JobClient client = JobRun.start(job, jp);
            try {
                Thread.sleep(15_000); // the job's sources assigned and reading
                long from = (System.currentTimeMillis() / 60_000 + 1) * 60_000;
                long until = from + s.freshnessFor().toMillis() - 60_000;
                SimulationOptions d =
                        Workload.options(
                                w,
                                Math.round(s.freshnessRate() * (until - from + 120_000) / 1000.0),
                                1,
                                Duration.ofMinutes(1),
                                Instant.ofEpochMilli(from - 60_000),
                                false);
                SimulationOptions o =
                        d.withSpan(Duration.ofMillis(until - from + 120_000))
                                .withInspectionsPerHour(
                                        (s.freshnessRate() - s.stations() / 60.0) * 3600);
                Freshness.producer(
                                kafka.bootstrap(),
                                "fresh.inspections",
                                "fresh.readings",
                                new DistrictSimulator(w.reference, o))
                        .start();
                List<Double> samples = Freshness.measure(influx.client(), "fresh", from, until);
                Freshness.Result r = Freshness.summarize(s.freshnessRate(), samples);
                results.put("freshness_rate_events_per_s", Math.round(r.rate()));
                results.put("freshness_windows", r.samples());
                results.put("freshness_p50_s", round2(r.p50Seconds()));
                results.put("freshness_p99_s", round2(r.p99Seconds()));
                results.put("freshness_max_s", round2(r.maxSeconds()));
            } finally {
                client.cancel().get();
            }
        }

        void write() throws Exception {
            results.put("machine_cores", Runtime.getRuntime().availableProcessors());
            results.put("job_parallelism", s.parallelism());
            results.put("job_settings", new TreeMap<>(s.jobSettings()));
            DustwatchConfig effective = DustwatchConfig.load(s.jobSettings(), Map.of());
            results.put(
                    "influx_flush_interval",
                    effective.get(InfluxOptions.INFLUX_FLUSH_INTERVAL).toString());
            results.put("influx_batch_size", effective.get(InfluxOptions.INFLUX_BATCH_SIZE));
            results.put("threads", s.threads());
            results.put("java", System.getProperty("java.version"));
            results.put("finished", Instant.now().toString());
            Files.createDirectories(s.out());
            ObjectMapper json = new ObjectMapper();
            ObjectNode node = json.valueToTree(results);
            Files.writeString(
                    s.out().resolve("results.json"),
                    json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n");
            String md = Report.markdown(results, s);
            Files.writeString(s.out().resolve("results.md"), md);
            System.out.println();
            System.out.print(md);
            System.out.println(
                    "\nWritten to " + s.out().resolve("results.json") + " and results.md");
        }
    }

    static long sum(InfluxServer influx, String db, String q) throws Exception {
        var n =
                new ObjectMapper()
                        .readTree(influx.client().query(db, q))
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0)
                        .path("values")
                        .path(0)
                        .path(1);
        return n.asLong(-1);
    }

    /** The machine's load averages over 1, 5 and 15 minutes, as uptime prints them. */
    static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    static void step(String s) {
        System.err.println("==> " + s);
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round2(double v) {
        return Math.round(v * 100) / 100.0;
    }

    static void deleteRecursively(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
