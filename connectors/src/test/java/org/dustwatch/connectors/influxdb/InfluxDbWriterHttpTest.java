package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Reply;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer against a loopback HTTP server that injects failures, over both write APIs: the
 * request format, retry counts and delays, and that no point is lost except those the server
 * refused, which are counted.
 */
class InfluxDbWriterHttpTest {

    record Sample(String road, long n) {}

    static final PointConverter<Sample> CONVERTER =
            s -> Point.measurement("m").tag("road", s.road()).field("n", s.n()).time(1000 + s.n());

    final ScriptedHttpServer server;
    final FakeTime time = new FakeTime();
    final SinkMetrics metrics = SinkMetrics.simple();

    InfluxDbWriterHttpTest() throws IOException {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    InfluxDbSinkBuilder<Sample> builder(InfluxApi api) {
        InfluxDbSinkBuilder<Sample> b =
                InfluxDbSink.<Sample>builder()
                        .url(server.url())
                        .database("dustwatch")
                        .batchSize(100)
                        .requestTimeout(Duration.ofMillis(500))
                        .maxRetryDuration(Duration.ofMinutes(1))
                        .converter(CONVERTER);
        return api == InfluxApi.V1
                ? b.credentials("writer", Secret.of("pw", "test"))
                : b.v2("district", Secret.of("tok-123", "test"));
    }

    InfluxDbWriter<Sample> writer(InfluxDbSinkBuilder<Sample> b) {
        InfluxDbSinkConfig c = b.build().config();
        // Jitter pinned to its top: delays are exactly initial * 2^(n-1).
        return new InfluxDbWriter<>(
                c, CONVERTER, InfluxDbSink.transport(c), time, metrics, time, () -> 1.0, time);
    }

    static void write(InfluxDbWriter<Sample> w, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            w.write(new Sample("r" + (i % 2), i), null);
        }
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void sendsTheDocumentedRequest(InfluxApi api) throws Exception {
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 3);
            w.flush(false);
        }

        List<Request> rs = server.requests();
        assertThat(rs).hasSize(1);
        Request r = rs.get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.header("content-encoding")).isEqualTo("gzip");
        assertThat(r.body())
                .isEqualTo("m,road=r0 n=0i 1000\nm,road=r1 n=1i 1001\nm,road=r0 n=2i 1002");
        if (api == InfluxApi.V1) {
            assertThat(r.path()).isEqualTo("/write");
            assertThat(r.query()).isEqualTo("precision=ms&db=dustwatch");
            assertThat(r.header("authorization")).isEqualTo("Basic d3JpdGVyOnB3"); // writer:pw
        } else {
            assertThat(r.path()).isEqualTo("/api/v2/write");
            assertThat(r.query()).contains("org=district", "bucket=dustwatch", "precision=ms");
            assertThat(r.header("authorization")).isEqualTo("Token tok-123");
        }
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(3);
        assertThat(metrics.batches().getCount()).isEqualTo(1);
        assertThat(metrics.bytesSent().getCount()).isPositive();
    }

    @Test
    void v1SendsTheRetentionPolicyAndNoAuthWhenNoneIsSet() throws Exception {
        try (InfluxDbWriter<Sample> w =
                writer(
                        InfluxDbSink.<Sample>builder()
                                .url(server.url())
                                .database("d b")
                                .retentionPolicy("one_year")
                                .gzip(false)
                                .converter(CONVERTER))) {
            write(w, 1);
            w.flush(true);
        }
        Request r = server.requests().get(0);
        assertThat(r.query()).isEqualTo("precision=ms&db=d+b&rp=one_year");
        assertThat(r.header("authorization")).isNull();
        assertThat(r.header("content-encoding")).isNull();
        assertThat(r.body()).isEqualTo("m,road=r0 n=0i 1000");
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void honoursRetryAfterOn429(InfluxApi api) throws Exception {
        server.then(Reply.of(429, "{\"message\":\"slow down\"}").withHeader("Retry-After", "3"));
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 5);
            w.flush(false);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
        assertThat(time.sleeps).containsExactly(Duration.ofSeconds(3));
        assertThat(metrics.retries().getCount()).isEqualTo(1);
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(5);
        assertThat(metrics.pointsRejected().getCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void retries503And500WithExponentialBackoff(InfluxApi api) throws Exception {
        server.then(Reply.of(503, "{\"message\":\"unavailable\"}"))
                .then(Reply.of(500, "{\"message\":\"engine: cache full\"}"))
                .then(Reply.of(502, "{\"message\":\"bad gateway\"}"));
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 4);
            w.flush(false);
        }

        assertThat(server.requests()).hasSize(4);
        assertThat(time.sleeps)
                .containsExactly(
                        Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800));
        assertThat(metrics.retries().getCount()).isEqualTo(3);
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(4);
    }

    @Test
    void reportsEachDataBatchAsASinkPointInItsNextBatchAndNotReportsOfReports() throws Exception {
        server.then(Reply.of(503, "{\"message\":\"unavailable\"}"));
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1)).reportAs("aqi", 3)) {
            write(w, 4);
            w.flush(false); // data (after one retry), then the report on it
            w.flush(false); // nothing left: no request
        }
        List<ScriptedHttpServer.Request> r = server.requests();
        assertThat(r).hasSize(3);
        assertThat(r.get(1).body()).isEqualTo(r.get(0).body());
        assertThat(r.get(2).body())
                .isEqualTo(
                        "sink,sink=aqi,subtask=3 latency_ms=200i,rejected=0i,retries=1i,written=4i "
                                + time.millis());
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void retriesATimeout(InfluxApi api) throws Exception {
        server.then(Reply.of(204).delayed(1_500));
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 2);
            w.flush(false);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps).containsExactly(Duration.ofMillis(200));
        assertThat(metrics.retries().getCount()).isEqualTo(1);
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void countsThePointsOfAPartialWriteAndDoesNotRetryThem(InfluxApi api) throws Exception {
        String body =
                api == InfluxApi.V1
                        ? "{\"error\":\"partial write: field type conflict: input field \\\"n\\\" on"
                                + " measurement \\\"m\\\" is type integer, already exists as type"
                                + " float dropped=2\"}"
                        : "{\"code\":\"invalid\",\"message\":\"partial write error (3 written):"
                                + " unable to parse 'x': bad; unable to parse 'y': bad\"}";
        server.then(Reply.of(400, body));
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 5);
            w.flush(false);
            // The next batch is unaffected.
            write(w, 1);
            w.flush(false);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(time.sleeps).isEmpty();
        assertThat(metrics.pointsRejected().getCount()).isEqualTo(2);
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(4);
        assertThat(metrics.retries().getCount()).isZero();
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void failsFastOn401WithAClearMessage(InfluxApi api) throws Exception {
        server.then(
                Reply.of(401, "{\"code\":\"unauthorized\",\"message\":\"unauthorized access\"}"));
        try (InfluxDbWriter<Sample> w = writer(builder(api))) {
            write(w, 2);
            assertThatThrownBy(() -> w.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining(
                            "401 Unauthorized: check the InfluxDB user/password or token")
                    .hasMessageNotContaining("tok-123")
                    .hasMessageNotContaining("pw");
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(metrics.pointsWritten().getCount()).isZero();
    }

    @Test
    void failsFastOn404NamingTheMissingDatabase() throws Exception {
        server.then(Reply.of(404, "{\"error\":\"database not found: \\\"dustwatch\\\"\"}"));
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1))) {
            write(w, 1);
            assertThatThrownBy(() -> w.flush(false))
                    .hasMessageContaining("404 Not Found")
                    .hasMessageContaining("database not found");
        }
    }

    @Test
    void givesUpAfterTheMaximumRetryDurationSoTheJobRestartsFromItsCheckpoint() throws Exception {
        for (int i = 0; i < 50; i++) {
            server.then(Reply.of(503));
        }
        try (InfluxDbWriter<Sample> w =
                writer(builder(InfluxApi.V1).maxRetryDuration(Duration.ofSeconds(10)))) {
            write(w, 3);
            assertThatThrownBy(() -> w.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("still failing after")
                    .hasMessageContaining("restarts from its last checkpoint");
        }
        // 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 6.4 s: the seventh failure is past 10 s.
        assertThat(time.sleeps).hasSize(6);
        assertThat(server.requests()).hasSize(7);
        assertThat(metrics.pointsWritten().getCount()).isZero();
        assertThat(metrics.pointsRejected().getCount()).isZero();
    }

    @Test
    void flushesBySizeAndByTimerAndNotWhenEmpty() throws Exception {
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1).batchSize(3))) {
            assertThat(time.pendingTimers()).isEqualTo(1);
            write(w, 4); // three go at once, one waits
            assertThat(server.requests()).hasSize(1);

            time.fireTimers(); // the flush interval passes
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).body()).isEqualTo("m,road=r1 n=3i 1003");
            assertThat(time.pendingTimers()).isEqualTo(1);

            time.fireTimers();
            w.flush(true);
            assertThat(server.requests()).hasSize(2);
        }
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(4);
    }
}
