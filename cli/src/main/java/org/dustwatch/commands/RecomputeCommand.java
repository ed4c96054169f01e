package org.dustwatch.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.recompute.InfluxRange;
import org.dustwatch.jobs.recompute.Recompute;
import org.dustwatch.jobs.recompute.RecomputeRange;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.Endpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code dustwatch recompute --from DATE --to DATE}: the monthly revision (docs/operations.md). The
 * job's own topology, bounded, over the corrected input of a past range of local days and its
 * warm-up, into the range's points in InfluxDB, which it deletes first ({@link Recompute}).
 */
@Command(
        name = "recompute",
        header = "Recompute past local days from the topics, with corrections and late events.",
        sortOptions = false,
        customSynopsis =
                "dustwatch recompute --from DATE --to DATE [--config=FILE] [--KEY VALUE ...]",
        description = {
            "Recomputes every result point of the local days FROM to TO (inclusive, in"
                    + " pipeline.time-zone) from what the topics hold: per inspection eventId the"
                    + " highest revision, and the events the live job refused as LATE or"
                    + " CLOCK_SKEW. It reads the input topics and dustwatch.dlq from before the"
                    + " range's warm-up (30 days with the default alert settings), deletes the"
                    + " range's points of the result measurements in InfluxDB, runs the job"
                    + " bounded and writes only the range. Alerts are not sent to their topic"
                    + " again; the pipeline measurement stays as the live job wrote it.",
            "",
            "It refuses a range that the running job may still change (TO's day must have"
                    + " ended, plus the allowed lateness, before the newest pipeline minute in"
                    + " InfluxDB). Plates are hashed under the live job's key: the same"
                    + " --plates.key-file or --config as run, else $DUSTWATCH_HOME/plate.key."
                    + " It deletes through InfluxDB 1.x's query API, so it takes a 1.x --influx.url.",
            ""
        })
public final class RecomputeCommand implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Spec CommandSpec spec;

    @Option(
            names = "--from",
            paramLabel = "DATE",
            required = true,
            description = "first local day, e.g. 2026-11-01")
    String from;

    @Option(
            names = "--to",
            paramLabel = "DATE",
            required = true,
            description = "last local day, included, e.g. 2026-11-30")
    String to;

    @Mixin JobFlags job;

    @Unmatched List<String> settings = new ArrayList<>();

    private final Path home;
    private final Map<String, String> env;

    public RecomputeCommand() {
        this(DustwatchHome.resolve(), System.getenv());
    }

    RecomputeCommand(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        Endpoints endpoints = new Endpoints(home);
        Endpoints.Endpoint kafka = job.kafka(endpoints);
        Endpoints.Endpoint influx = job.influx(endpoints);
        List<String> args = new ArrayList<>();
        job.addTo(args, home, env, kafka, influx, settings);
        DustwatchConfig config = JobFlags.load(args, env);
        if (!job.plateKeyConfigured(env) && !Files.exists(home.resolve("plate.key"))) {
            throw new UsageException(
                    "no plate key: give the live job's (--plates.key-file or --config); a new key"
                            + " would not match the hashes in the dead letters");
        }
        Settings s;
        RecomputeRange range;
        try {
            s = Settings.from(config);
            range = RecomputeRange.of(from, to, s);
            new InfluxRange(config);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        JobFlags.requireEndpoints(kafka, influx, config);
        java.io.PrintWriter out = spec.commandLine().getOut();
        Recompute.Summary sum;
        try {
            sum =
                    new Recompute(config, s, line -> out.println("  " + line), Clock.systemUTC())
                            .run(range);
        } catch (IllegalArgumentException e) {
            throw new Cli.Failure(e.getMessage(), e);
        } catch (Exception e) {
            throw new Cli.Failure(
                    "the recompute failed: "
                            + RunCommand.rootCause(e)
                            + "; the range's points may be deleted: run it again",
                    e);
        }
        out.print(summary(sum));
        out.flush();
        return 0;
    }

    /** The last lines: what was read, superseded, re-admitted and written. */
    static String summary(Recompute.Summary s) {
        StringBuilder b =
                new StringBuilder(
                        "Recomputed " + s.range().from() + " to " + s.range().to() + ":\n");
        s.read().forEach((t, n) -> b.append(String.format("  read %,12d records of %s%n", n, t)));
        long dead = s.deadLetters().values().stream().mapToLong(Long::longValue).sum();
        b.append(String.format("  read %,12d dead letters %s%n", dead, s.deadLetters()));
        b.append(
                String.format(
                        "  kept %,12d records the live job refused, refused%n", s.refusedAsLive()));
        b.append(
                String.format(
                        "  left %,12d events outside the range and its warm-up%n", s.outside()));
        b.append(
                String.format(
                        "  superseded %,6d records by a higher revision (%,d corrections count in the range)%n",
                        s.superseded(), s.corrections()));
        b.append(String.format("  dropped %,9d repeated records%n", s.duplicates()));
        b.append(
                String.format(
                        "  re-admitted %,5d LATE or CLOCK_SKEW events in the range%n",
                        s.readmitted()));
        b.append("  counted " + s.counted() + "\n");
        s.written()
                .forEach(
                        (k, n) ->
                                b.append(
                                        String.format(
                                                "  wrote %,11d %s results into the range%n",
                                                n, k)));
        b.append(
                String.format(
                        "  skipped %,9d results of the warm-up (not written)%n", s.warmUpPoints()));
        if (s.refusedByTheRun() > 0) {
            b.append(
                    String.format(
                            "  WARNING: the run itself refused %,d events (late in its own input): the range is not exact%n",
                            s.refusedByTheRun()));
        }
        return b.toString();
    }
}
