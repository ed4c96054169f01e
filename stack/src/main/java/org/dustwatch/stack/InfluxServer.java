package org.dustwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real InfluxDB 1.x server ({@code influxd} from Debian's {@code influxdb} package) with a
 * configuration of its own: loopback ports, all state under one data directory, no phoning home.
 * Also a small client for the v1 HTTP API, used by the stack and by tests to read results back.
 */
public final class InfluxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** Environment variable naming an influxd binary to use instead of searching for one. */
    public static final String INFLUXD_ENV = "DUSTWATCH_INFLUXD";

    /** How to get influxd, for error messages. */
    public static final String HOW_TO_INSTALL =
            "run `bin/dustwatch setup`, which extracts Debian's influxdb package into"
                    + " .dustwatch/tools (apt-get download + dpkg -x), or set "
                    + INFLUXD_ENV
                    + " to an influxd 1.x binary";

    /**
     * @param dataDir meta, data and wal directories live here
     * @param httpPort the HTTP API on 127.0.0.1
     * @param rpcPort the backup/restore RPC service on 127.0.0.1
     */
    public record Config(Path dataDir, int httpPort, int rpcPort, Tls tls) {
        public Config(Path dataDir, int httpPort, int rpcPort) {
            this(dataDir, httpPort, rpcPort, null);
        }

        public String url() {
            return (tls == null ? "http://" : "https://") + Ports.LOOPBACK + ":" + httpPort;
        }
    }

    /**
     * HTTPS for the API.
     *
     * @param certificate the server's certificate (PEM)
     * @param privateKey its private key (PEM)
     * @param clientContext what this class's own {@link Client} trusts to reach it
     */
    public record Tls(Path certificate, Path privateKey, javax.net.ssl.SSLContext clientContext) {}

    private final Config config;
    private final ServiceProcess process;
    private final Client client;

    private InfluxServer(Config config, ServiceProcess process) {
        this.config = config;
        this.process = process;
        this.client =
                new Client(
                        config.url(), config.tls() == null ? null : config.tls().clientContext());
    }

    /**
     * Finds influxd: {@value #INFLUXD_ENV}, then {@code <home>/tools/influxdb/usr/bin/influxd} (the
     * unprivileged install), then the PATH.
     */
    public static Optional<Path> locateInfluxd(Path dustwatchHome) {
        String env = System.getenv(INFLUXD_ENV);
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isExecutable);
        }
        Path local = dustwatchHome.resolve("tools/influxdb/usr/bin/influxd");
        if (Files.isExecutable(local)) {
            return Optional.of(local);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "influxd");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts influxd and waits until {@code /ping} answers. */
    public static InfluxServer start(Path influxd, Config config, Path logFile) {
        Ports.requireFree(config.httpPort(), "influxd", "--influx-port");
        Ports.requireFree(config.rpcPort(), "influxd's RPC service", "--influx-port");
        try {
            Files.createDirectories(config.dataDir());
            Path conf = writeConfig(config);
            List<String> cmd = new ArrayList<>(List.of(influxd.toString(), "run", "-config"));
            cmd.add(conf.toString());
            ServiceProcess p = ServiceProcess.start("influxd", cmd, config.dataDir(), logFile);
            InfluxServer server = new InfluxServer(config, p);
            try {
                server.awaitReady();
            } catch (RuntimeException e) {
                p.stop(Duration.ofSeconds(10));
                throw e;
            }
            LOG.info("influxd up at {} (pid {})", config.url(), p.pid());
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return config.url();
    }

    public long pid() {
        return process.pid();
    }

    public Client client() {
        return client;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Stops influxd abruptly, as a crash would (for failure tests). */
    public void kill() {
        process.kill();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            if (client.ping()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for influxd", e);
            }
        }
        throw new StackException(
                "influxd did not answer at "
                        + config.url()
                        + "/ping within "
                        + START_TIMEOUT.toSeconds()
                        + " s. Its last output:\n"
                        + process.tail());
    }

    private static Path writeConfig(Config c) throws IOException {
        Path d = c.dataDir();
        String conf =
                """
                # Written by dustwatch; edits are overwritten.
                reporting-disabled = true
                bind-address = "%1$s:%3$d"

                [meta]
                  dir = "%4$s/meta"

                [data]
                  dir = "%4$s/data"
                  wal-dir = "%4$s/wal"
                  query-log-enabled = false

                [monitor]
                  store-enabled = false

                [subscriber]
                  enabled = false

                [continuous_queries]
                  enabled = false

                [http]
                  enabled = true
                  bind-address = "%1$s:%2$d"
                  log-enabled = false
                  max-body-size = 67108864
                %5$s
                [logging]
                  level = "warn"
                  suppress-logo = true
                """
                        .formatted(
                                Ports.LOOPBACK,
                                c.httpPort(),
                                c.rpcPort(),
                                d.toAbsolutePath(),
                                c.tls() == null
                                        ? ""
                                        : "  https-enabled = true\n  https-certificate = \""
                                                + c.tls().certificate().toAbsolutePath()
                                                + "\"\n  https-private-key = \""
                                                + c.tls().privateKey().toAbsolutePath()
                                                + "\"\n");
        Path file = d.resolve("influxdb.conf");
        Files.writeString(file, conf);
        return file;
    }

    /** A minimal client for the InfluxDB v1 HTTP API: ping, query and write. */
    public static final class Client {
        private final String url;
        private final HttpClient http;

        public Client(String url) {
            this(url, null);
        }

        /** A client for an https:// url whose certificate {@code tls} trusts. */
        public Client(String url, javax.net.ssl.SSLContext tls) {
            this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (tls != null) {
                b.sslContext(tls);
            }
            this.http = b.build();
        }

        public boolean ping() {
            try {
                HttpResponse<Void> r =
                        http.send(
                                HttpRequest.newBuilder(URI.create(url + "/ping"))
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                return r.statusCode() == 204;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Runs InfluxQL and returns the JSON response; fails on an HTTP or query error. */
        public String query(String database, String influxql) {
            String form =
                    "q="
                            + URLEncoder.encode(influxql, StandardCharsets.UTF_8)
                            + (database == null
                                    ? ""
                                    : "&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8))
                            + "&epoch=ms";
            HttpResponse<String> r =
                    send(
                            HttpRequest.newBuilder(URI.create(url + "/query"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new StackException(
                        "InfluxQL failed (HTTP "
                                + r.statusCode()
                                + "): "
                                + influxql
                                + " -> "
                                + r.body());
            }
            return r.body();
        }

        public void createDatabase(String database) {
            query(null, "CREATE DATABASE \"" + database.replace("\"", "\\\"") + "\"");
        }

        /** Writes line protocol with millisecond precision. */
        public void write(String database, String lines) {
            HttpResponse<String> r =
                    send(
                            HttpRequest.newBuilder(
                                            URI.create(
                                                    url
                                                            + "/write?precision=ms&db="
                                                            + URLEncoder.encode(
                                                                    database,
                                                                    StandardCharsets.UTF_8)))
                                    .POST(HttpRequest.BodyPublishers.ofString(lines)));
            if (r.statusCode() != 204) {
                throw new StackException("write failed (HTTP " + r.statusCode() + "): " + r.body());
            }
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(
                        request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new StackException("cannot reach InfluxDB at " + url + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while talking to InfluxDB", e);
            }
        }
    }
}
