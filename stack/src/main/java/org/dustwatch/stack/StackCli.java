package org.dustwatch.stack;

import java.nio.file.Path;
import java.util.Set;
import org.dustwatch.cli.Args;
import org.dustwatch.cli.UsageException;

/** {@code bin/dustwatch stack start|stop|status}: the real local Kafka broker and influxd. */
public final class StackCli {

    static final String USAGE =
            """
            usage: dustwatch stack start|stop|status [options]

            Runs a real Apache Kafka broker (KRaft, single node) and a real influxd on 127.0.0.1,
            with all their data, logs and pid files under .dustwatch/stack.

              start   start what is not running, wait for health, create topics and database
              stop    stop exactly the processes that start started
              status  show what runs (exit 0 only if both services are up)

            options for start:
              --kafka-port N     broker port; the KRaft controller uses N+1   (default 9092)
              --influx-port N    influxd HTTP port; its RPC service uses N+2  (default 8086)
              --influx-url URL   use an existing InfluxDB (1.x, or 2.x/3.x v1-compat) instead of
                                 starting influxd, e.g. http://127.0.0.1:8086
              --partitions N     partitions per topic                         (default 2)
              --kafka-lib DIR    the broker's class path (default kafka-dist/target/lib)
            """;

    private StackCli() {}

    public static void main(String[] argv) {
        System.exit(run(argv));
    }

    static int run(String[] argv) {
        try {
            Args a =
                    Args.parse(
                            argv,
                            Set.of(
                                    "kafka-port",
                                    "influx-port",
                                    "influx-url",
                                    "partitions",
                                    "kafka-lib"),
                            Set.of());
            if (a.help()) {
                System.out.print(USAGE);
                return 0;
            }
            if (a.positional().size() != 1) {
                throw new UsageException("expected one of start, stop, status");
            }
            LocalStack stack = new LocalStack(DustwatchHome.resolve(), System.out);
            switch (a.positional().get(0)) {
                case "start" -> {
                    LocalStack.Options o =
                            new LocalStack.Options(
                                    a.intValue(
                                            "kafka-port",
                                            LocalStack.Options.DEFAULT_KAFKA_PORT,
                                            1024,
                                            65534),
                                    a.intValue(
                                            "influx-port",
                                            LocalStack.Options.DEFAULT_INFLUX_PORT,
                                            1024,
                                            65533),
                                    a.string("influx-url", null),
                                    a.intValue(
                                            "partitions",
                                            LocalStack.Options.DEFAULT_PARTITIONS,
                                            1,
                                            64));
                    Path lib =
                            a.path("kafka-lib") != null
                                    ? a.path("kafka-lib")
                                    : Path.of(
                                            System.getProperty(
                                                    "dustwatch.kafka.lib",
                                                    "kafka-dist/target/lib"));
                    stack.start(o, lib.toAbsolutePath());
                    return 0;
                }
                case "stop" -> {
                    stack.stop();
                    return 0;
                }
                case "status" -> {
                    return stack.status() ? 0 : 3;
                }
                default ->
                        throw new UsageException(
                                "unknown command '"
                                        + a.positional().get(0)
                                        + "': expected start, stop or status");
            }
        } catch (UsageException e) {
            System.err.println("dustwatch stack: " + e.getMessage());
            return 2;
        } catch (StackException e) {
            System.err.println("dustwatch stack: error: " + e.getMessage());
            return 1;
        }
    }
}
