package org.dustwatch.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.util.ParameterTool;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.DustwatchJob;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.jobs.config.InfluxOptions;
import org.dustwatch.jobs.config.KafkaOptions;
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

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "settings file ('key: value' per line); see docs/configuration.md")
    Path config;

    @Option(
            names = "--kafka.bootstrap",
            paramLabel = "H:P",
            description = "Kafka brokers (default: the local stack's, else the setting)")
    String kafkaBootstrap;

    @Option(
            names = "--influx.url",
            paramLabel = "URL",
            description = "InfluxDB (default: the local stack's, else the setting)")
    String influxUrl;

    @Option(
            names = "--plates.key-file",
            paramLabel = "FILE",
            description = "the key plates are hashed under (default: $DUSTWATCH_HOME/plate.key)")
    Path plateKeyFile;

    @Option(
            names = "--plates.key-env",
            paramLabel = "VAR",
            description = "the variable that holds the key instead")
    String plateKeyEnv;

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
        Endpoints.Endpoint kafka = endpoints.kafka(kafkaBootstrap, "--kafka.bootstrap");
        Endpoints.Endpoint influx = endpoints.influx(influxUrl, "--influx.url");
        List<String> args = jobArgs(kafka, influx);
        DustwatchConfig job = settings(args);
        Endpoints.requireKafka(
                effective(kafka, job.get(KafkaOptions.KAFKA_BOOTSTRAP), Endpoints.DEFAULT_KAFKA),
                job.kafkaProperties());
        Endpoints.requireInflux(
                effective(influx, job.get(InfluxOptions.INFLUX_URL), Endpoints.DEFAULT_INFLUX));
        if (!plateKeyConfigured()) {
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
        return jobArgs(
                endpoints.kafka(kafkaBootstrap, "--kafka.bootstrap"),
                endpoints.influx(influxUrl, "--influx.url"));
    }

    private List<String> jobArgs(Endpoints.Endpoint kafka, Endpoints.Endpoint influx) {
        List<String> args = new ArrayList<>();
        if (bounded) {
            args.add("--bounded");
        }
        add(args, "--config", config);
        // The stack's endpoints, or the ones given; without either, the job's settings decide.
        add(args, "--kafka.bootstrap", kafka.source() == Endpoints.Source.DEFAULT ? null : kafka);
        add(args, "--influx.url", influx.source() == Endpoints.Source.DEFAULT ? null : influx);
        add(
                args,
                "--plates.key-file",
                plateKeyConfigured() ? plateKeyFile : home.resolve("plate.key"));
        add(args, "--plates.key-env", plateKeyEnv);
        args.addAll(settings);
        return args;
    }

    private boolean plateKeyConfigured() {
        return LocalPlateKey.configured(
                plateKeyFile != null || plateKeyEnv != null, config != null, env);
    }

    /** The job's settings as it will load them: a bad one is a usage error before any work. */
    private DustwatchConfig settings(List<String> args) {
        try {
            return DustwatchConfig.load(
                    ParameterTool.fromArgs(args.toArray(String[]::new)).toMap(), env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + e.getMessage());
        }
    }

    /**
     * Where the job will connect: the endpoint passed to it, or, without one, the job's setting,
     * from --config, a DUSTWATCH_ variable or the job's default.
     */
    static Endpoints.Endpoint effective(
            Endpoints.Endpoint resolved, String setting, String localDefault) {
        if (resolved.source() != Endpoints.Source.DEFAULT || setting.equals(localDefault)) {
            return new Endpoints.Endpoint(setting, resolved.source(), resolved.origin());
        }
        return new Endpoints.Endpoint(
                setting, Endpoints.Source.GIVEN, "the job's settings: --config or DUSTWATCH_*");
    }

    private static void add(List<String> args, String flag, Object value) {
        if (value instanceof Endpoints.Endpoint e) {
            value = e.address();
        }
        if (value != null) {
            args.add(flag);
            args.add(value.toString());
        }
    }

    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
