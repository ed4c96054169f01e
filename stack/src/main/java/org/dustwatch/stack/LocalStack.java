package org.dustwatch.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.dustwatch.model.Topics;

/**
 * The detached local stack behind {@code bin/dustwatch stack}: a Kafka broker and influxd that
 * outlive the command that started them. Their pids and ports live in {@code
 * <home>/stack/stack.properties}, so {@code status} and {@code stop} find exactly the processes
 * that {@code start} created, and nothing else.
 */
public final class LocalStack {

    /**
     * What to start.
     *
     * @param kafkaPort the broker's port; the controller takes the next one
     * @param influxPort influxd's HTTP port; its RPC service takes port + 2
     * @param influxUrl an existing InfluxDB to use instead of starting influxd, or null
     * @param partitions partitions per topic
     */
    public record Options(int kafkaPort, int influxPort, String influxUrl, int partitions) {
        public static final int DEFAULT_KAFKA_PORT = 9092;
        public static final int DEFAULT_INFLUX_PORT = 8086;
        public static final int DEFAULT_PARTITIONS = 2;

        public static Options defaults() {
            return new Options(DEFAULT_KAFKA_PORT, DEFAULT_INFLUX_PORT, null, DEFAULT_PARTITIONS);
        }
    }

    private final Path home;
    private final Path dir;
    private final Path stateFile;
    private final PrintStream out;

    public LocalStack(Path home, PrintStream out) {
        this.home = home;
        this.dir = home.resolve("stack");
        this.stateFile = dir.resolve("stack.properties");
        this.out = out;
    }

    /** Starts whatever is not running yet, creates the topics and the database. */
    public void start(Options o, Path kafkaLib) {
        Properties state = readState();
        boolean kafkaUp = running(state, "kafka", KafkaBroker.MAIN_CLASS);
        boolean influxUp =
                o.influxUrl() == null
                        ? running(state, "influx", "influxd")
                        : true; // an external InfluxDB is never ours to start or stop
        if (kafkaUp) {
            out.printf(
                    "Kafka already running (pid %s) at %s%n",
                    state.get("kafka.pid"), bootstrap(state));
        } else {
            out.printf("Starting Kafka (KRaft, single node) on 127.0.0.1:%d ...%n", o.kafkaPort());
            long t0 = System.nanoTime();
            KafkaBroker b =
                    KafkaBroker.start(
                            new KafkaBroker.Config(
                                    kafkaLib,
                                    dir.resolve("kafka"),
                                    o.kafkaPort(),
                                    o.kafkaPort() + 1,
                                    "256m"),
                            dir.resolve("logs/kafka.log"));
            state.setProperty("kafka.pid", Long.toString(b.pid()));
            state.setProperty("kafka.bootstrap", b.bootstrap());
            writeState(state);
            out.printf("  Kafka up in %.1f s (pid %d)%n", seconds(t0), b.pid());
        }
        String bootstrap = bootstrap(state);
        KafkaBroker.createTopics(bootstrap, Topics.ALL, o.partitions());
        out.printf("  topics ready: %s%n", String.join(", ", Topics.ALL));

        if (o.influxUrl() != null) {
            InfluxServer.Client c = new InfluxServer.Client(o.influxUrl());
            if (!c.ping()) {
                throw new StackException("no InfluxDB answers at " + o.influxUrl() + "/ping");
            }
            state.remove("influx.pid");
            state.setProperty("influx.url", o.influxUrl());
            writeState(state);
            out.printf("Using the existing InfluxDB at %s%n", o.influxUrl());
        } else if (influxUp) {
            out.printf(
                    "influxd already running (pid %s) at %s%n",
                    state.get("influx.pid"), state.get("influx.url"));
        } else {
            Path influxd =
                    InfluxServer.locateInfluxd(home)
                            .orElseThrow(
                                    () ->
                                            new StackException(
                                                    "influxd not found: "
                                                            + InfluxServer.HOW_TO_INSTALL
                                                            + ". On a non-Debian system, point"
                                                            + " dustwatch at an existing InfluxDB"
                                                            + " with --influx-url URL"));
            out.printf("Starting influxd (%s) on 127.0.0.1:%d ...%n", influxd, o.influxPort());
            long t0 = System.nanoTime();
            InfluxServer s =
                    InfluxServer.start(
                            influxd,
                            new InfluxServer.Config(
                                    dir.resolve("influxdb"), o.influxPort(), o.influxPort() + 2),
                            dir.resolve("logs/influxd.log"));
            state.setProperty("influx.pid", Long.toString(s.pid()));
            state.setProperty("influx.url", s.url());
            writeState(state);
            out.printf("  influxd up in %.1f s (pid %d)%n", seconds(t0), s.pid());
        }
        new InfluxServer.Client(state.getProperty("influx.url")).createDatabase(Topics.DATABASE);
        out.printf("  database ready: %s%n", Topics.DATABASE);
        out.printf(
                "Stack is up. Kafka: %s  InfluxDB: %s  Logs: %s%n",
                bootstrap, state.getProperty("influx.url"), dir.resolve("logs"));
    }

    /** Stops the processes that {@link #start} recorded; returns how many it stopped. */
    public int stop() {
        Properties state = readState();
        int stopped = 0;
        stopped += stopOne(state, "influx", "influxd");
        stopped += stopOne(state, "kafka", KafkaBroker.MAIN_CLASS);
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (stopped == 0) {
            out.println("Nothing to stop: the stack is not running.");
        }
        return stopped;
    }

    /** Prints the state of each service; returns true if both run. */
    public boolean status() {
        Properties state = readState();
        boolean kafka = report(state, "kafka", KafkaBroker.MAIN_CLASS, bootstrap(state));
        boolean influx;
        if (state.getProperty("influx.url") != null && state.getProperty("influx.pid") == null) {
            influx = new InfluxServer.Client(state.getProperty("influx.url")).ping();
            out.printf(
                    "influx   external %s (%s)%n",
                    state.getProperty("influx.url"), influx ? "answers" : "does not answer");
        } else {
            influx = report(state, "influx", "influxd", state.getProperty("influx.url"));
        }
        return kafka && influx;
    }

    /** The broker address recorded by {@code start}, or null if the stack is not up. */
    public Optional<String> kafkaBootstrap() {
        Properties s = readState();
        return running(s, "kafka", KafkaBroker.MAIN_CLASS)
                ? Optional.of(bootstrap(s))
                : Optional.empty();
    }

    /** The InfluxDB URL recorded by {@code start}. */
    public Optional<String> influxUrl() {
        return Optional.ofNullable(readState().getProperty("influx.url"));
    }

    private boolean report(Properties state, String key, String marker, String address) {
        String pid = state.getProperty(key + ".pid");
        String label = String.format("%-8s ", key);
        if (pid == null) {
            out.println(label + "stopped");
            return false;
        }
        if (ServiceProcess.find(Long.parseLong(pid), marker).isPresent()) {
            out.println(label + "running  pid " + pid + "  " + address);
            return true;
        }
        out.println(
                label
                        + "not running, but a stale pid file names pid "
                        + pid
                        + " (`bin/dustwatch stack stop` clears it)");
        return false;
    }

    private int stopOne(Properties state, String key, String marker) {
        String pid = state.getProperty(key + ".pid");
        if (pid == null) {
            return 0;
        }
        Optional<ProcessHandle> h = ServiceProcess.find(Long.parseLong(pid), marker);
        if (h.isEmpty()) {
            out.printf("%s: pid %s is gone; removed the stale entry%n", key, pid);
            return 0;
        }
        out.printf("Stopping %s (pid %s) ...%n", key, pid);
        ServiceProcess.stop(h.get(), key, Duration.ofSeconds(30));
        return 1;
    }

    private static boolean running(Properties state, String key, String marker) {
        String pid = state.getProperty(key + ".pid");
        return pid != null && ServiceProcess.find(Long.parseLong(pid), marker).isPresent();
    }

    private static String bootstrap(Properties state) {
        return state.getProperty("kafka.bootstrap");
    }

    private Properties readState() {
        Properties p = new Properties();
        if (Files.exists(stateFile)) {
            try (InputStream in = Files.newInputStream(stateFile)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return p;
    }

    private void writeState(Properties p) {
        try {
            Files.createDirectories(dir);
            try (OutputStream o = Files.newOutputStream(stateFile)) {
                p.store(o, "dustwatch local stack: pids and addresses of the processes it started");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
