package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Reply;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ordering invariant that exactly-once-by-overwrite needs: corrections of one series and
 * timestamp, written in order through 503s, 500s, 429s, timeouts and a checkpoint with a restore,
 * are stored last-wins, as InfluxDB would store them (a request the server answered 2xx is stored
 * when it arrives, in arrival order; one it answered with an error is not).
 */
class InfluxDbWriterOrderingTest {

    /** Version {@code v} of the value of {@code series} at {@code ts}: a later one corrects it. */
    record Result(String series, long ts, long v) {}

    static final PointConverter<Result> CONVERTER =
            r -> Point.measurement("m").tag("s", r.series()).field("v", r.v()).time(r.ts());

    final ScriptedHttpServer server;
    final FakeTime time = new FakeTime();
    final TestWriterContext context = new TestWriterContext(time);
    final ScheduledThreadPoolExecutor io = time.scheduler();

    InfluxDbWriterOrderingTest() throws Exception {
        server = new ScriptedHttpServer();
    }

    @AfterEach
    void stop() {
        io.shutdownNow();
        server.close();
    }

    InfluxDbWriter<Result> writer(List<BufferedRequestState<String>> restored) {
        InfluxDbSinkConfig c =
                InfluxDbSink.<Result>builder()
                        .url(server.url())
                        .database("dustwatch")
                        .batchSize(7)
                        .maxBufferedPoints(30)
                        .requestTimeout(Duration.ofMillis(200))
                        .backoff(Duration.ofMillis(1), Duration.ofMillis(50))
                        .gzip(false)
                        .converter(CONVERTER)
                        .build()
                        .config();
        return new InfluxDbWriter<>(
                c,
                CONVERTER,
                InfluxDbSink.transport(c),
                context,
                restored,
                io,
                time,
                () -> 0.5,
                SinkMetrics.simple());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void correctionsArriveLastWinsThroughFailuresRetriesAndARestore(long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            int dice = random.nextInt(10);
            server.then(
                    switch (dice) {
                        case 0 -> Reply.of(503);
                        case 1 -> Reply.of(500);
                        case 2 -> Reply.of(429).withHeader("Retry-After", "0");
                        // Stored on arrival, answered after the client gave up: retried anyway.
                        case 3 -> Reply.of(204).delayed(400);
                        default -> Reply.of(204);
                    });
        }
        // Three versions of every (series, ts), each version written after the one it corrects,
        // interleaved with other series as window firings would be.
        List<Result> stream = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            for (long ts = 0; ts < 15; ts++) {
                for (String s : List.of("a", "b", "c")) {
                    stream.add(new Result(s, 1_000 * (ts + v), v));
                }
            }
        }
        Map<String, Long> expected = new LinkedHashMap<>();
        for (Result r : stream) {
            expected.put(r.series() + "@" + r.ts(), r.v());
        }

        InfluxDbWriter<Result> first = writer(List.of());
        int cut = stream.size() / 2;
        for (Result r : stream.subList(0, cut)) {
            first.write(r, null);
        }
        first.flush(false); // a checkpoint, mid-stream, with lines still unacknowledged
        List<BufferedRequestState<String>> state = first.snapshotState(1);
        first.close(); // the task fails; the restored writer carries on from the checkpoint

        try (InfluxDbWriter<Result> second = writer(state)) {
            for (Result r : stream.subList(cut, stream.size())) {
                second.write(r, null);
            }
            second.flush(true);
        }

        Map<String, Long> stored = new LinkedHashMap<>();
        int failures = 0;
        for (Request q : server.requests()) {
            if (!q.stored()) {
                failures++;
                continue;
            }
            for (String line : q.body().split("\n")) {
                // m,s=a v=2i 3000
                String[] parts = line.split(" ");
                String series = parts[0].substring("m,s=".length());
                long v = Long.parseLong(parts[1].substring(2, parts[1].length() - 1));
                stored.put(series + "@" + parts[2], v);
            }
        }
        assertThat(failures).as("the script injected failures").isPositive();
        assertThat(stored).isEqualTo(expected);
    }
}
