package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.dustwatch.stack.junit.InfluxExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink against a real influxd, in a MiniCluster with two TaskManagers. */
class InfluxDbSinkIT {

    @RegisterExtension
    @Order(1)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(2)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    /** A test element: one point per sample. */
    public record Sample(String road, String note, long n, long ts) {}

    static final PointConverter<Sample> CONVERTER =
            s ->
                    Point.measurement("sink_it")
                            .tag("road", s.road())
                            .field("note", s.note())
                            .field("n", s.n())
                            .time(s.ts());

    static InfluxDbSink<Sample> sink(String database, int batchSize) {
        return InfluxDbSink.<Sample>builder()
                .url(INFLUX.url())
                .database(database)
                .batchSize(batchSize)
                .converter(CONVERTER)
                .build();
    }

    @Test
    void hostileTagAndFieldValuesLandExactlyAsSent() throws Exception {
        INFLUX.client().createDatabase("hostile");
        List<Sample> samples =
                List.of(
                        new Sample("G107, east=\"gate\" 2", "plain", 1, 1_000),
                        new Sample("a b", "say \"hi\" \\o/", 2, 2_000),
                        new Sample("x=y,z", "comma, space = equals", 3, 3_000),
                        new Sample("back\\slash", "ends with backslash\\", 4, 4_000),
                        new Sample("line\nbreak", "two\nlines", 5, 5_000),
                        new Sample("道路 7", "中文 ✓", 6, 6_000));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(samples).sinkTo(sink("hostile", 2)).name("influx");
        env.execute("sink-it-hostile");

        JsonNode rows =
                values(
                        INFLUX.client()
                                .query("hostile", "SELECT \"road\", \"note\", \"n\" FROM sink_it"));

        assertThat(rows).hasSize(6);
        List<String> got = new ArrayList<>();
        rows.forEach(
                r ->
                        got.add(
                                r.get(0).asLong()
                                        + "|"
                                        + r.get(1).asText()
                                        + "|"
                                        + r.get(2).asText()
                                        + "|"
                                        + r.get(3).asLong()));
        assertThat(got)
                .containsExactly(
                        "1000|G107, east=\"gate\" 2|plain|1",
                        "2000|a b|say \"hi\" \\o/|2",
                        "3000|x=y,z|comma, space = equals|3",
                        // Line protocol cannot carry a backslash in a tag: it becomes U+FF3C.
                        "4000|back\uFF3Cslash|ends with backslash\\|4",
                        // Nor a newline: it becomes the two characters \n, in tags and strings.
                        "5000|line\\nbreak|two\\nlines|5",
                        "6000|道路 7|中文 ✓|6");
        // No extra series, tags or fields were created by the hostile values.
        assertThat(values(INFLUX.client().query("hostile", "SHOW TAG KEYS FROM sink_it")))
                .hasSize(1);
        assertThat(values(INFLUX.client().query("hostile", "SHOW FIELD KEYS FROM sink_it")))
                .hasSize(2);
        assertThat(values(INFLUX.client().query("hostile", "SHOW SERIES FROM sink_it"))).hasSize(6);
    }

    @Test
    void batchesByCountAndFlushesTheRestAtEndOfInput() throws Exception {
        INFLUX.client().createDatabase("volume");
        int n = 12_345;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(
                        IntStream.range(0, n)
                                .mapToObj(i -> new Sample("r" + (i % 7), "x", i, 1_000_000L + i))
                                .toList())
                .sinkTo(sink("volume", 1_000))
                .name("influx");
        env.execute("sink-it-volume");

        JsonNode r =
                values(INFLUX.client().query("volume", "SELECT count(n), sum(n) FROM sink_it"));
        assertThat(r.get(0).get(1).asLong()).isEqualTo(n);
        assertThat(r.get(0).get(2).asLong()).isEqualTo((long) n * (n - 1) / 2);
    }

    /** Fails once, on an element after the first completed checkpoint. */
    static final class FailOnceAfterCheckpoint extends RichMapFunction<Long, Sample>
            implements CheckpointListener {
        static final AtomicBoolean FAILED = new AtomicBoolean();
        static final AtomicLong CHECKPOINTS_BEFORE_FAILURE = new AtomicLong();
        private transient volatile boolean checkpointed;

        @Override
        public Sample map(Long n) throws Exception {
            Thread.sleep(1); // slow enough that checkpoints complete mid-stream
            if (checkpointed && n % 2 == 0 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at element " + n);
            }
            return new Sample("r" + (n % 5), "x", n, 2_000_000L + n);
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (!FAILED.get()) {
                CHECKPOINTS_BEFORE_FAILURE.incrementAndGet();
            }
            checkpointed = true;
        }
    }

    @Test
    void everyPointIsPresentAfterAFailureAndRestartFromACheckpoint() throws Exception {
        INFLUX.client().createDatabase("recovery");
        int n = 4_000;
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(200);
        env.fromSequence(0, n - 1)
                .map(new FailOnceAfterCheckpoint())
                .sinkTo(sink("recovery", 50))
                .name("influx");
        env.execute("sink-it-recovery");

        assertThat(FailOnceAfterCheckpoint.FAILED).isTrue();
        assertThat(FailOnceAfterCheckpoint.CHECKPOINTS_BEFORE_FAILURE.get()).isPositive();
        JsonNode r =
                values(INFLUX.client().query("recovery", "SELECT count(n), sum(n) FROM sink_it"));
        // Replayed points overwrite themselves: exactly n points, none lost, none doubled.
        assertThat(r.get(0).get(1).asLong()).isEqualTo(n);
        assertThat(r.get(0).get(2).asLong()).isEqualTo((long) n * (n - 1) / 2);
    }

    static JsonNode values(String json) throws Exception {
        JsonNode series = new ObjectMapper().readTree(json).path("results").path(0).path("series");
        assertThat(series.isArray()).as("query returned series: %s", json).isTrue();
        return series.path(0).path("values");
    }
}
