package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Reply;
import org.dustwatch.connectors.influxdb.ScriptedHttpServer.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Checkpoints complete while InfluxDB answers 503: a MiniCluster job writes to a loopback server
 * that answers 503 to every write until at least three checkpoints have completed during that
 * phase; then it recovers, and every point arrives exactly once, in order per subtask.
 */
class InfluxDbSinkCheckpointIT {

    @RegisterExtension
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    static volatile boolean failing = true;
    static final AtomicInteger CHECKPOINTS_DURING_503 = new AtomicInteger();

    /** How long each checkpoint's flush took during the 503 phase: the barrier's wait, in ms. */
    static final List<Long> FLUSH_MS_DURING_503 = new CopyOnWriteArrayList<>();

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    static final Duration BACKOFF_MAX = Duration.ofMillis(500);

    /** A checkpoint's flush waits for one attempt and one backoff; this much more for a busy CI. */
    static final Duration SLACK = Duration.ofSeconds(2);

    public record Seq(int subtask, long n) {}

    /** Slow while InfluxDB fails, so that the input lasts through the phase; counts checkpoints. */
    static final class Throttle extends RichMapFunction<Long, Seq> implements CheckpointListener {
        @Override
        public Seq map(Long n) throws Exception {
            if (failing) {
                Thread.sleep(1);
            }
            return new Seq(getRuntimeContext().getTaskInfo().getIndexOfThisSubtask(), n);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (failing) {
                CHECKPOINTS_DURING_503.incrementAndGet();
            }
        }
    }

    /** The sink as it is, with each checkpoint's flush timed. */
    static final class TimedFlushes<T>
            implements Sink<T>, SupportsWriterState<T, BufferedRequestState<String>> {
        private final InfluxDbSink<T> inner;

        TimedFlushes(InfluxDbSink<T> inner) {
            this.inner = inner;
        }

        @Override
        public StatefulSinkWriter<T, BufferedRequestState<String>> createWriter(
                WriterInitContext context) throws IOException {
            return restoreWriter(context, List.of());
        }

        @Override
        public StatefulSinkWriter<T, BufferedRequestState<String>> restoreWriter(
                WriterInitContext context, Collection<BufferedRequestState<String>> state) {
            StatefulSinkWriter<T, BufferedRequestState<String>> w =
                    inner.restoreWriter(context, state);
            return new StatefulSinkWriter<>() {
                @Override
                public void write(T element, Context ctx) throws IOException, InterruptedException {
                    w.write(element, ctx);
                }

                @Override
                public void flush(boolean endOfInput) throws IOException, InterruptedException {
                    boolean during = failing && !endOfInput;
                    long t0 = System.nanoTime();
                    w.flush(endOfInput);
                    if (during) {
                        FLUSH_MS_DURING_503.add((System.nanoTime() - t0) / 1_000_000);
                    }
                }

                @Override
                public List<BufferedRequestState<String>> snapshotState(long checkpointId)
                        throws IOException {
                    return w.snapshotState(checkpointId);
                }

                @Override
                public void close() throws Exception {
                    w.close();
                }
            };
        }

        @Override
        public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
            return inner.getWriterStateSerializer();
        }
    }

    @Test
    void checkpointsCompleteWhileInfluxDbAnswers503AndEveryPointArrivesOnceInOrder()
            throws Exception {
        int n = 40_000;
        try (ScriptedHttpServer server = new ScriptedHttpServer()) {
            server.failing(Reply.of(503, "{\"error\":\"overloaded\"}"));
            InfluxDbSink<Seq> sink =
                    InfluxDbSink.<Seq>builder()
                            .url(server.url())
                            .database("dustwatch")
                            .batchSize(200)
                            .maxBufferedPoints(n)
                            .flushInterval(Duration.ofMillis(100))
                            .requestTimeout(REQUEST_TIMEOUT)
                            .backoff(Duration.ofMillis(50), BACKOFF_MAX)
                            .maxRetryDuration(Duration.ofMinutes(5))
                            .converter(
                                    (Seq s) ->
                                            Point.measurement("m")
                                                    .tag("subtask", Integer.toString(s.subtask()))
                                                    .field("n", s.n())
                                                    .time(s.n()))
                            .build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(300);
            env.fromSequence(0, n - 1)
                    .map(new Throttle())
                    .sinkTo(new TimedFlushes<>(sink))
                    .name("influx");
            JobClient job = env.executeAsync("sink-it-checkpoint-during-503");

            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            // Long enough for several attempts, backoffs and checkpoints.
            while ((CHECKPOINTS_DURING_503.get() < 3 || server.requests().size() < 12)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int refused = server.requests().size();
            failing = false;
            server.failing(null);
            assertThat(CHECKPOINTS_DURING_503.get())
                    .as("checkpoints completed while every write was answered 503")
                    .isGreaterThanOrEqualTo(3);
            job.getJobExecutionResult().get(5, TimeUnit.MINUTES);

            Map<String, Long> last = new HashMap<>();
            Map<Long, Integer> seen = new HashMap<>();
            List<String> outOfOrder = new ArrayList<>();
            for (Request r : server.requests()) {
                if (!r.stored()) {
                    continue;
                }
                for (String line : r.body().split("\n")) {
                    // m,subtask=0 n=17i 17
                    String[] parts = line.split(" ");
                    long v = Long.parseLong(parts[2]);
                    seen.merge(v, 1, Integer::sum);
                    Long before = last.put(parts[0], v);
                    if (before != null && before >= v) {
                        outOfOrder.add(before + " then " + v + " on " + parts[0]);
                    }
                }
            }
            assertThat(refused).as("writes refused with 503").isPositive();
            assertThat(seen).hasSize(n);
            assertThat(seen.values()).allMatch(c -> c == 1, "each point stored once");
            assertThat(outOfOrder).isEmpty();
            System.out.printf(
                    "Checkpoint during 503: %d checkpoints completed while %d writes were refused;"
                            + " the sink's checkpoint flushes took %s ms%n",
                    CHECKPOINTS_DURING_503.get(), refused, FLUSH_MS_DURING_503);
            long bound = REQUEST_TIMEOUT.plus(BACKOFF_MAX).plus(SLACK).toMillis();
            assertThat(FLUSH_MS_DURING_503)
                    .as(
                            "each checkpoint's flush during the 503 phase waited at most one"
                                    + " attempt and one backoff (+ %d ms slack)",
                            SLACK.toMillis())
                    .isNotEmpty()
                    .allSatisfy(ms -> assertThat(ms).isLessThanOrEqualTo(bound));
        }
    }
}
