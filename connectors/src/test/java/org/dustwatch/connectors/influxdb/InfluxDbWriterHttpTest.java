package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Reply;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The writer against a loopback HTTP server that injects failures, over both write APIs: the
 * request format, retry counts and delays, that no point is lost except those the server refused,
 * which are counted, and what a checkpoint waits for and keeps. The test's thread is the writer's
 * mailbox thread; the writer's own I/O thread sends.
 */
class InfluxDbWriterHttpTest {

    record Sample(String road, long n) {}

    static final PointConverter<Sample> CONVERTER =
            s -> Point.measurement("m").tag("road", s.road()).field("n", s.n()).time(1000 + s.n());

    final ScriptedHttpServer server;
    final FakeTime time = new FakeTime();
    final TestWriterContext context = new TestWriterContext(time);
    final ScheduledThreadPoolExecutor io = time.scheduler();
    final SinkMetrics metrics = SinkMetrics.simple();

    InfluxDbWriterHttpTest() throws IOException {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
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
        return writer(b, List.of());
    }

    InfluxDbWriter<Sample> writer(
            InfluxDbSinkBuilder<Sample> b, Collection<BufferedRequestState<String>> restored) {
        InfluxDbSinkConfig c = b.build().config();
        // Jitter pinned to its top: delays are exactly initial * 2^(n-1).
        return new InfluxDbWriter<>(
                c,
                CONVERTER,
                InfluxDbSink.transport(c),
                context,
                restored,
                io,
                time,
                () -> 1.0,
                metrics);
    }

    /** The writer's exception, as the task would see it: the IOException in the chain. */
    static IOException failure(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof IOException io) {
                return io;
            }
        }
        throw new AssertionError("expected an IOException, got " + t, t);
    }

    static List<String> lines(List<BufferedRequestState<String>> state) {
        List<String> out = new ArrayList<>();
        for (BufferedRequestState<String> s : state) {
            for (RequestEntryWrapper<String> e : s.getBufferedRequestEntries()) {
                out.add(e.getRequestEntry());
            }
        }
        return out;
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
            w.flush(true);
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
            w.flush(true);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
        assertThat(time.delays).containsExactly(Duration.ofSeconds(3));
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
            w.flush(true);
        }

        assertThat(server.requests()).hasSize(4);
        assertThat(time.delays)
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
            w.flush(true); // data (after one retry), then the report on it
            w.flush(true); // nothing left: no request
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
            w.flush(true);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(time.delays).containsExactly(Duration.ofMillis(200));
        assertThat(metrics.retries().getCount()).isEqualTo(1);
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(2);
    }

    /**
     * InfluxDB may still apply a request that timed out. Its retry carries exactly its lines, and
     * nothing newer (a correction of one of them, say), which waits for the next request.
     */
    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void afterATimeoutTheRetryCarriesExactlyTheRetriedLinesAndNothingNewer(InfluxApi api)
            throws Exception {
        server.then(Reply.of(204).delayed(1_500)); // stored, answered after the client gave up
        try (InfluxDbWriter<Sample> w = writer(builder(api).batchSize(100))) {
            write(w, 2);
            time.advance(Duration.ofSeconds(1)); // the flush interval: both go
            assertThat(w.inFlight()).isOne();
            // Newer lines, while the request is out: a correction of the first one among them.
            w.write(new Sample("r0", 0), null);
            w.write(new Sample("r1", 5), null);
            w.flush(true);
        }

        List<Request> rs = server.requests();
        assertThat(rs).hasSize(3);
        assertThat(rs.get(0).body()).isEqualTo("m,road=r0 n=0i 1000\nm,road=r1 n=1i 1001");
        assertThat(rs.get(1).body()).as("the retry").isEqualTo(rs.get(0).body());
        assertThat(rs.get(2).body()).isEqualTo("m,road=r0 n=0i 1000\nm,road=r1 n=5i 1005");
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(4);
    }

    @Test
    void afterA503TheRetryTakesNewerLinesAlong() throws Exception {
        server.then(Reply.of(503));
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1).batchSize(100))) {
            write(w, 2);
            time.advance(Duration.ofSeconds(1));
            w.write(new Sample("r0", 7), null);
            w.flush(true);
        }
        List<Request> rs = server.requests();
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).body())
                .isEqualTo("m,road=r0 n=0i 1000\nm,road=r1 n=1i 1001\nm,road=r0 n=7i 1007");
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
            w.flush(true);
            // The next batch is unaffected.
            write(w, 1);
            w.flush(true);
        }

        assertThat(server.requests()).hasSize(2);
        assertThat(time.delays).isEmpty();
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
            assertThat(failure(() -> w.flush(true)))
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
            assertThat(failure(() -> w.flush(true)))
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
            assertThat(failure(() -> w.flush(true)))
                    .hasMessageContaining("still failing after 7 attempts over 12 s")
                    .hasMessageContaining("(last: HTTP 503)")
                    .hasMessageContaining(server.url() + "/write")
                    .hasMessageContaining("restarts from its last checkpoint");
        }
        // 0.2 + 0.4 + 0.8 + 1.6 + 3.2 + 6.4 s: the seventh failure is past 10 s.
        assertThat(time.delays).hasSize(6);
        assertThat(server.requests()).hasSize(7);
        assertThat(metrics.pointsWritten().getCount()).isZero();
        assertThat(metrics.pointsRejected().getCount()).isZero();
    }

    @Test
    void flushesBySizeAndByTimerAndNotWhenEmpty() throws Exception {
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1).batchSize(3))) {
            write(w, 4); // three go at once, one waits
            assertThat(server.awaitRequests(1)).hasSize(1);
            context.settle(w);
            assertThat(server.requests()).hasSize(1);
            assertThat(w.buffered()).isEqualTo(1);

            time.advance(Duration.ofSeconds(1)); // the flush interval passes
            context.settle(w);
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).body()).isEqualTo("m,road=r1 n=3i 1003");

            time.advance(Duration.ofSeconds(1)); // nothing buffered: no request
            context.settle(w);
            w.flush(true);
            assertThat(server.requests()).hasSize(2);
        }
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(4);
    }

    @Test
    void aRetryGoesOutAfterItsBackoffNotAtTheNextFlushTick() throws Exception {
        server.then(Reply.of(503));
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1).batchSize(100))) {
            write(w, 2); // fewer than a batch: they wait for the flush interval
            time.advance(Duration.ofSeconds(1));
            context.settle(w); // sent, refused, backed off, sent again: no tick in between
            assertThat(server.requests()).hasSize(2);
            assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
            assertThat(w.buffered()).isZero();
        }
        assertThat(time.delays).containsExactly(Duration.ofMillis(200));
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(2);
    }

    @Test
    void aCheckpointSendsNothingNewAndKeepsTheUnsentLinesInItsState() throws Exception {
        try (InfluxDbWriter<Sample> w = writer(builder(InfluxApi.V1))) {
            write(w, 3);
            w.flush(false);
            assertThat(lines(w.snapshotState(1)))
                    .containsExactly(
                            "m,road=r0 n=0i 1000", "m,road=r1 n=1i 1001", "m,road=r0 n=2i 1002");
        }
        assertThat(server.requests()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(InfluxApi.class)
    void aCheckpointDuring503WaitsForOneAttemptAndItsBackoffAndKeepsTheRetriedLinesFirst(
            InfluxApi api) throws Exception {
        server.failing(Reply.of(503, "{\"message\":\"unavailable\"}"));
        List<BufferedRequestState<String>> state;
        try (InfluxDbWriter<Sample> w = writer(builder(api).batchSize(2))) {
            write(w, 5); // r0 0 and r1 1 go at once, and fail
            server.awaitRequests(1);
            w.flush(false); // waits for that attempt and its backoff, sends nothing else
            assertThat(w.inFlight()).isZero();
            state = w.snapshotState(1);
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(time.delays).containsExactly(Duration.ofMillis(200));
        assertThat(lines(state))
                .containsExactly(
                        "m,road=r0 n=0i 1000",
                        "m,road=r1 n=1i 1001",
                        "m,road=r0 n=2i 1002",
                        "m,road=r1 n=3i 1003",
                        "m,road=r0 n=4i 1004");

        // Restored through the state's serializer, the lines go first, before any new line.
        LineStateSerializer serde = new LineStateSerializer();
        BufferedRequestState<String> back =
                serde.deserialize(serde.getVersion(), serde.serialize(state.get(0)));
        server.failing(null);
        try (InfluxDbWriter<Sample> w = writer(builder(api).batchSize(100), List.of(back))) {
            w.write(new Sample("r9", 9), null);
            w.flush(true);
        }
        List<Request> rs = server.requests();
        assertThat(rs).hasSize(2);
        assertThat(rs.get(1).body())
                .isEqualTo(
                        "m,road=r0 n=0i 1000\nm,road=r1 n=1i 1001\nm,road=r0 n=2i 1002\n"
                                + "m,road=r1 n=3i 1003\nm,road=r0 n=4i 1004\nm,road=r9 n=9i 1009");
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(6);
    }

    @Test
    void retryAfterIsHonouredOnlyUpToTheMaximumBackoffSoACheckpointNeverWaitsLonger()
            throws Exception {
        server.then(Reply.of(429).withHeader("Retry-After", "3600"));
        try (InfluxDbWriter<Sample> w =
                writer(
                        builder(InfluxApi.V1)
                                .backoff(Duration.ofMillis(100), Duration.ofSeconds(2)))) {
            write(w, 1);
            w.flush(true);
        }
        assertThat(time.delays).containsExactly(Duration.ofSeconds(2));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void writeWaitsOnlyWhenTheBufferIsFull() throws Exception {
        server.failing(Reply.of(503));
        try (InfluxDbWriter<Sample> w =
                writer(builder(InfluxApi.V1).batchSize(2).maxBufferedPoints(6))) {
            write(w, 6); // two in flight (failing), four buffered: no wait yet
            assertThat(w.buffered()).isEqualTo(4);
            server.failing(null);
            for (int i = 6; i < 10; i++) { // waits for room, while the retries succeed
                w.write(new Sample("r" + (i % 2), i), null);
            }
            w.flush(true);
        }
        assertThat(metrics.pointsWritten().getCount()).isEqualTo(10);
        // In order, and every point once among the stored requests.
        List<String> stored = new ArrayList<>();
        for (Request r : server.requests()) {
            if (r.stored()) {
                stored.addAll(List.of(r.body().split("\n")));
            }
        }
        assertThat(stored).hasSize(10);
        for (int i = 0; i < 10; i++) {
            assertThat(stored.get(i)).endsWith(" n=" + i + "i " + (1000 + i));
        }
    }
}
