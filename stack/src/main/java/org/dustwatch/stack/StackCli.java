package org.dustwatch.stack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/dustwatch stack start|stop|status}: the real local Kafka broker and influxd. */
@Command(
        name = "stack",
        header = "The real local Kafka broker (KRaft) and influxd on 127.0.0.1.",
        synopsisSubcommandLabel = "(start | stop | status)",
        description = {
            "Runs a real Apache Kafka broker (KRaft, single node) and a real influxd on"
                    + " 127.0.0.1, with all their data, logs and pid files under"
                    + " $DUSTWATCH_HOME/stack.",
            ""
        },
        subcommands = {StackCli.Start.class, StackCli.Stop.class, StackCli.Status.class})
public final class StackCli implements Callable<Integer> {

    @Mixin Cli.Help help;
    @Spec CommandSpec spec;

    /** For tests: the command on its own. */
    static int run(String[] argv) {
        return Cli.run(new StackCli(), argv);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "expected one of start, stop, status");
    }

    private static LocalStack stack() {
        return new LocalStack(DustwatchHome.resolve(), System.out);
    }

    @Command(
            name = "start",
            header = "Start the local stack.",
            sortOptions = false,
            description = {
                "Start what is not running, wait until it answers, create the topics and the"
                        + " database.",
                ""
            })
    static final class Start implements Callable<Integer> {
        @Mixin Cli.Help help;

        @Option(
                names = "--kafka-port",
                paramLabel = "N",
                description =
                        "broker port; the KRaft controller uses N+1 (default ${DEFAULT-VALUE})")
        int kafkaPort = LocalStack.Options.DEFAULT_KAFKA_PORT;

        @Option(
                names = "--influx-port",
                paramLabel = "N",
                description =
                        "influxd HTTP port; its RPC service uses N+2 (default ${DEFAULT-VALUE})")
        int influxPort = LocalStack.Options.DEFAULT_INFLUX_PORT;

        @Option(
                names = "--influx-url",
                paramLabel = "URL",
                description =
                        "use an existing InfluxDB (1.x, or 2.x/3.x v1-compat) instead of starting"
                                + " influxd, e.g. http://127.0.0.1:8086")
        String influxUrl;

        @Option(
                names = "--partitions",
                paramLabel = "N",
                description = "partitions per topic (default ${DEFAULT-VALUE})")
        int partitions = LocalStack.Options.DEFAULT_PARTITIONS;

        @Option(
                names = "--kafka-lib",
                paramLabel = "DIR",
                description = "the broker's class path (default kafka-dist/target/lib)")
        Path kafkaLib;

        @Override
        public Integer call() {
            LocalStack.Options o =
                    new LocalStack.Options(
                            Cli.range("--kafka-port", kafkaPort, 1024, 65534),
                            Cli.range("--influx-port", influxPort, 1024, 65533),
                            influxUrl,
                            Cli.range("--partitions", partitions, 1, 64));
            Path lib =
                    kafkaLib != null
                            ? kafkaLib
                            : Path.of(
                                    System.getProperty(
                                            "dustwatch.kafka.lib", "kafka-dist/target/lib"));
            try {
                stack().start(o, lib.toAbsolutePath());
            } catch (StackException e) {
                throw new Cli.Failure(e.getMessage(), e);
            }
            return 0;
        }
    }

    @Command(
            name = "stop",
            header = "Stop the local stack.",
            description = {"Stop exactly the processes that start started.", ""})
    static final class Stop implements Callable<Integer> {
        @Mixin Cli.Help help;

        @Override
        public Integer call() {
            try {
                stack().stop();
            } catch (StackException e) {
                throw new Cli.Failure(e.getMessage(), e);
            }
            return 0;
        }
    }

    @Command(
            name = "status",
            header = "Show what runs.",
            description = {"Show what runs; exit 0 only if both services are up, else 3.", ""})
    static final class Status implements Callable<Integer> {
        @Mixin Cli.Help help;

        @Override
        public Integer call() {
            return stack().status() ? 0 : 3;
        }
    }
}
