package org.dustwatch.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import org.dustwatch.cli.Cli;
import org.dustwatch.jobs.DustwatchJob;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.Endpoints;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/**
 * {@code dustwatch run}: the jobs on a local Flink MiniCluster in this JVM, through the job's own
 * entry point, {@link DustwatchJob#main}, the one {@code flink run} calls on a cluster. It adds the
 * local stack's endpoints and a local plate key unless they are given, checks that Kafka and
 * InfluxDB answer, and passes every other argument through unchanged.
 */
@Command(
        name = "run",
        header = "The jobs on a local Flink MiniCluster; --bounded to drain and exit.",
        sortOptions = false,
        modelTransformer = RunCommand.Settings.class,
        customSynopsis = "dustwatch run [--bounded] [--config=FILE] [--KEY VALUE ...]",
        description = {
            "Runs the dustwatch jobs on a local Flink MiniCluster: inspections and readings from"
                    + " Kafka, aggregated per checkpoint, road, township and station in 1-minute,"
                    + " 1-hour and 1-day windows, into InfluxDB; bad and too-late records into"
                    + " dustwatch.dlq.",
            "",
            "Without --kafka.bootstrap and --influx.url it uses the local stack's (bin/dustwatch"
                    + " stack), else those of the job's settings. Without a plate key (--plates.key-file,"
                    + " --plates.key-env, --config, DUSTWATCH_PLATE_KEY), plates are hashed under"
                    + " a random key kept in $DUSTWATCH_HOME/plate.key.",
            "The same jar runs unchanged on a cluster: flink run jobs/target/dustwatch-jobs-*.jar"
                    + " ... Flink's own log goes to $DUSTWATCH_HOME/logs/run.log.",
            ""
        })
public final class RunCommand implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Option(
            names = "--bounded",
            description =
                    "read up to the offsets that are latest at start, fire every window, exit")
    boolean bounded;

    @Mixin JobFlags job;

    @Unmatched List<String> settings = new ArrayList<>();

    private final Path home;
    private final Map<String, String> env;

    public RunCommand() {
        this(DustwatchHome.resolve(), System.getenv());
    }

    /** Runs against the local stack under {@code home}, as the demo does with its own. */
    RunCommand(Path home, Map<String, String> env) {
        this.home = home;
        this.env = env;
    }

    /** The job's settings, listed under the options: the same list as the job's --help. */
    public static final class Settings implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<String> footer = new ArrayList<>();
            footer.add("");
            footer.add("Any setting of the jobs as --KEY VALUE (file < DUSTWATCH_KEY < flag):");
            for (ConfigOption<?> o : DustwatchOptions.all()) {
                footer.add(
                        String.format(
                                        "  %-28s %s",
                                        o.key(), o.hasDefaultValue() ? o.defaultValue() : "(unset)")
                                .replace("%", "%%"));
            }
            footer.add("  kafka.properties.*           passed to the Kafka clients");
            footer.add("docs/configuration.md says what each one means.");
            spec.usageMessage().footer(footer.toArray(String[]::new));
            return spec;
        }
    }

    @Override
    public Integer call() throws IOException {
        Endpoints endpoints = new Endpoints(home);
        Endpoints.Endpoint kafka = job.kafka(endpoints);
        Endpoints.Endpoint influx = job.influx(endpoints);
        List<String> args = jobArgs(kafka, influx);
        JobFlags.requireEndpoints(kafka, influx, JobFlags.load(args, env));
        if (!job.plateKeyConfigured(env)) {
            LocalPlateKey.ensure(home);
        }
        try {
            DustwatchJob.main(args.toArray(String[]::new));
        } catch (Exception e) {
            throw new Cli.Failure(
                    "the jobs failed: "
                            + rootCause(e)
                            + "; Flink's log: "
                            + System.getProperty("dustwatch.log.file", "(the console)"),
                    e);
        }
        return 0;
    }

    /** What {@link DustwatchJob#main} gets, the endpoints resolved by {@link Endpoints}. */
    List<String> jobArgs() {
        Endpoints endpoints = new Endpoints(home);
        return jobArgs(job.kafka(endpoints), job.influx(endpoints));
    }

    private List<String> jobArgs(Endpoints.Endpoint kafka, Endpoints.Endpoint influx) {
        List<String> args = new ArrayList<>();
        if (bounded) {
            args.add("--bounded");
        }
        job.addTo(args, home, env, kafka, influx, settings);
        return args;
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
