package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors that retrying cannot fix fail at once, over both APIs: a certificate the writer does not
 * trust, and a server that does not speak HTTP. Neither is retried for {@code maxRetryDuration}.
 */
class InfluxDbWriterFatalTest {

    record Sample(long n) {}

    static final PointConverter<Sample> CONVERTER =
            s -> Point.measurement("m").field("n", s.n()).time(1000 + s.n());

    @TempDir static Path dir;
    static SSLContext serverTls;
    static Path serverCertPem;

    final FakeTime time = new FakeTime();
    final TestWriterContext context = new TestWriterContext(time);
    final ScheduledThreadPoolExecutor io = time.scheduler();
    final SinkMetrics metrics = SinkMetrics.simple();

    /** A self-signed certificate for 127.0.0.1, made with the JDK's keytool. */
    @BeforeAll
    static void certificate() throws Exception {
        Path store = dir.resolve("server.p12");
        serverCertPem = dir.resolve("server.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "test-only");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-keystore",
                store.toString(),
                "-storepass",
                "test-only",
                "-file",
                serverCertPem.toString());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "test-only".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "test-only".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
    }

    static void keytool(String... args) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
    }

    InfluxDbWriter<Sample> writer(String url, InfluxApi api, String caFile) {
        InfluxDbSinkBuilder<Sample> b =
                InfluxDbSink.<Sample>builder()
                        .url(url)
                        .database("dustwatch")
                        .requestTimeout(Duration.ofSeconds(5))
                        .caFile(caFile)
                        .converter(CONVERTER);
        if (api == InfluxApi.V2) {
            b.v2("district", Secret.of("tok", "test"));
        }
        InfluxDbSinkConfig c = b.build().config();
        return new InfluxDbWriter<>(
                c,
                CONVERTER,
                InfluxDbSink.transport(c),
                context,
                List.of(),
                io,
                time,
                () -> 1.0,
                metrics);
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void anUntrustedCertificateFailsAtOnce(InfluxApi api) throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(serverTls);
                InfluxDbWriter<Sample> w = writer(server.url(), api, null)) {
            w.write(new Sample(1), null);
            IOException e = InfluxDbWriterHttpTest.failure(() -> w.flush(true));
            assertThat(e)
                    .hasMessageContaining("cannot be written to, not retried")
                    .hasMessageContaining("certificate of InfluxDB is not trusted")
                    .hasMessageContaining("influx.ca-file");
            assertThat(server.requests()).isEmpty();
        }
        assertThat(time.delays).as("no backoff, no retry").isEmpty();
        assertThat(metrics.retries().getCount()).isZero();
        assertThat(metrics.pointsWritten().getCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void theSameServerIsWrittenToWhenItsCertificateIsTrusted(InfluxApi api) throws Exception {
        try (ScriptedHttpServer server = new ScriptedHttpServer(serverTls);
                InfluxDbWriter<Sample> w = writer(server.url(), api, serverCertPem.toString())) {
            w.write(new Sample(1), null);
            w.flush(true);
            assertThat(server.requests()).hasSize(1);
        }
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void aServerThatAnswersGarbageFailsAtOnce(InfluxApi api) throws Exception {
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket garbage = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread t =
                    new Thread(
                            () -> {
                                while (!garbage.isClosed()) {
                                    try (Socket s = garbage.accept()) {
                                        connections.incrementAndGet();
                                        s.getInputStream().read(new byte[8192]);
                                        OutputStream out = s.getOutputStream();
                                        out.write(
                                                "SSH-2.0-OpenSSH_9.2\r\nnot http at all\r\n\r\n"
                                                        .getBytes(StandardCharsets.US_ASCII));
                                        out.flush();
                                    } catch (IOException closed) {
                                        // the test is over
                                    }
                                }
                            },
                            "garbage-server");
            t.setDaemon(true);
            t.start();
            try (InfluxDbWriter<Sample> w =
                    writer("http://127.0.0.1:" + garbage.getLocalPort(), api, null)) {
                w.write(new Sample(1), null);
                IOException e = InfluxDbWriterHttpTest.failure(() -> w.flush(true));
                assertThat(e).hasMessageContaining("did not answer in HTTP");
            }
        }
        assertThat(connections.get()).isEqualTo(1);
        assertThat(time.delays).isEmpty();
        assertThat(metrics.retries().getCount()).isZero();
    }

    /**
     * An Error on the I/O thread (an assertion in a transport, an OutOfMemoryError) fails the job
     * at once with that Error as the cause, instead of leaving the request open until the watchdog
     * (which the test's time never fires: without the fix, the flush waits until the timeout).
     */
    @Test
    @Timeout(30)
    void anErrorOnTheIoThreadFailsAtOnceWithItsCause() throws Exception {
        AssertionError bug = new AssertionError("transport bug");
        InfluxTransport throwing =
                new InfluxTransport() {
                    @Override
                    public Response send(byte[] body) {
                        throw bug;
                    }

                    @Override
                    public Duration timeout() {
                        return Duration.ofSeconds(5);
                    }

                    @Override
                    public String endpoint() {
                        return "http://127.0.0.1:1/write";
                    }

                    @Override
                    public void close() {}
                };
        InfluxDbSinkConfig c =
                InfluxDbSink.<Sample>builder()
                        .url("http://127.0.0.1:1")
                        .database("dustwatch")
                        .converter(CONVERTER)
                        .build()
                        .config();
        try (InfluxDbWriter<Sample> w =
                new InfluxDbWriter<>(
                        c, CONVERTER, throwing, context, List.of(), io, time, () -> 1.0, metrics)) {
            w.write(new Sample(1), null);
            IOException e = InfluxDbWriterHttpTest.failure(() -> w.flush(true));
            assertThat(e).hasMessageContaining("transport bug").hasCause(bug);
        }
        assertThat(time.delays).as("not retried").isEmpty();
        assertThat(metrics.pointsWritten().getCount()).isZero();
    }
}
