package org.dustwatch.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.dustwatch.cli.Cli;

/**
 * Where every command finds Kafka and InfluxDB, the same way: the address given on its command
 * line, else the running local stack's (as {@code bin/dustwatch stack start} recorded it in {@code
 * $DUSTWATCH_HOME/stack/stack.properties}), else a local stack's defaults. And a check, before any
 * work starts, that something answers there: a service that does not is one line naming the address
 * tried and where that address came from.
 */
public final class Endpoints {

    public static final String DEFAULT_KAFKA =
            Ports.LOOPBACK + ":" + LocalStack.Options.DEFAULT_KAFKA_PORT;
    public static final String DEFAULT_INFLUX =
            "http://" + Ports.LOOPBACK + ":" + LocalStack.Options.DEFAULT_INFLUX_PORT;

    /** How long a check waits for an answer. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Where an address came from. */
    public enum Source {
        /** the command line, or settings the user gave */
        GIVEN,
        /** the running local stack */
        STACK,
        /** nothing said otherwise: a local stack's default */
        DEFAULT
    }

    /**
     * An address to use.
     *
     * @param address {@code host:port,...} for Kafka, a URL for InfluxDB
     * @param source where it came from
     * @param origin what gave it, for messages: a flag such as {@code --bootstrap}, or the state
     *     file
     */
    public record Endpoint(String address, Source source, String origin) {
        /** Why this address was tried, as the end of a message. */
        String why() {
            return switch (source) {
                case GIVEN -> "(from " + origin + ")";
                case STACK ->
                        "(the local stack's, from " + origin + "; see bin/dustwatch stack status)";
                case DEFAULT -> "(start one with: bin/dustwatch stack start)";
            };
        }
    }

    private final Path home;

    /** The endpoints of the local stack under {@code home} ({@code $DUSTWATCH_HOME}). */
    public Endpoints(Path home) {
        this.home = home;
    }

    /** The endpoints of the local stack under {@link DustwatchHome#resolve()}. */
    public static Endpoints local() {
        return new Endpoints(DustwatchHome.resolve());
    }

    /** The Kafka brokers: {@code given} (from {@code flag}), the stack's, or the default. */
    public Endpoint kafka(String given, String flag) {
        if (given != null) {
            return new Endpoint(given, Source.GIVEN, flag);
        }
        return stack().kafkaBootstrap()
                .map(b -> new Endpoint(b, Source.STACK, stateFile()))
                .orElse(new Endpoint(DEFAULT_KAFKA, Source.DEFAULT, null));
    }

    /** The InfluxDB URL: {@code given} (from {@code flag}), the stack's, or the default. */
    public Endpoint influx(String given, String flag) {
        if (given != null) {
            return new Endpoint(given, Source.GIVEN, flag);
        }
        return stack().influxUrl()
                .map(u -> new Endpoint(u, Source.STACK, stateFile()))
                .orElse(new Endpoint(DEFAULT_INFLUX, Source.DEFAULT, null));
    }

    /** The Kafka brokers the local stack runs, if it runs. */
    public Optional<String> stackKafka() {
        return stack().kafkaBootstrap();
    }

    /** The InfluxDB the local stack recorded, if it was started. */
    public Optional<String> stackInflux() {
        return stack().influxUrl();
    }

    private LocalStack stack() {
        return new LocalStack(home, new PrintStream(PrintStream.nullOutputStream()));
    }

    private String stateFile() {
        return home.resolve("stack/stack.properties").toString();
    }

    /**
     * Fails with one line unless a Kafka broker answers at {@code e} within a few seconds.
     *
     * @param clientProperties more client settings, e.g. for SASL_SSL; may be empty
     */
    public static void requireKafka(Endpoint e, Properties clientProperties) {
        kafkaProblem(e.address(), clientProperties, TIMEOUT)
                .ifPresent(p -> fail(p + " at " + e.address() + " " + e.why()));
    }

    /** {@link #requireKafka(Endpoint, Properties)} with no more client settings. */
    public static void requireKafka(Endpoint e) {
        requireKafka(e, new Properties());
    }

    /** Fails with one line unless an InfluxDB answers {@code /ping} at {@code e}. */
    public static void requireInflux(Endpoint e) {
        influxProblem(e.address(), TIMEOUT)
                .ifPresent(p -> fail(p + " at " + e.address() + " " + e.why()));
    }

    /** Whether a Kafka broker answers at {@code bootstrap} within {@code timeout}. */
    public static boolean kafkaAnswers(String bootstrap, Duration timeout) {
        return kafkaProblem(bootstrap, new Properties(), timeout).isEmpty();
    }

    /**
     * What keeps a client from Kafka at {@code bootstrap}, to be followed by " at ADDRESS": empty
     * if a broker answered an admin request within {@code timeout}.
     */
    static Optional<String> kafkaProblem(
            String bootstrap, Properties clientProperties, Duration timeout) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        Admin admin;
        try {
            admin = Admin.create(p);
        } catch (KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Optional.of("no usable Kafka address (" + cause.getMessage() + ")");
        }
        try {
            admin.describeCluster().nodes().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("no Kafka broker answers");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                return Optional.of("no Kafka broker answers");
            }
            return Optional.of(
                    "Kafka refused an admin request (" + e.getCause().getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking Kafka");
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    /**
     * What keeps a client from InfluxDB at {@code url}, to be followed by " at URL": empty if
     * anything answered HTTP there. A TLS handshake that fails counts as an answer: the client that
     * needs it reports that in its own terms.
     */
    static Optional<String> influxProblem(String url, Duration timeout) {
        URI ping;
        try {
            ping = URI.create(url.endsWith("/") ? url + "ping" : url + "/ping");
            if (ping.getHost() == null) {
                return Optional.of("no usable InfluxDB URL");
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("no usable InfluxDB URL");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            http.send(
                    HttpRequest.newBuilder(ping).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.discarding());
            return Optional.empty();
        } catch (SSLException e) {
            return Optional.empty();
        } catch (IOException | UncheckedIOException e) {
            return Optional.of("no InfluxDB answers");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking InfluxDB");
        }
    }

    private static void fail(String message) {
        throw new Cli.Failure(message);
    }
}
