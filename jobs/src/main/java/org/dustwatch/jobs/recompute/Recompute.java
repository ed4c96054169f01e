package org.dustwatch.jobs.recompute;

import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_BOOTSTRAP;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_DEAD_LETTERS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_INSPECTIONS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_READINGS;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.dustwatch.jobs.JobEnvironment;
import org.dustwatch.jobs.Sinks;
import org.dustwatch.jobs.Sources;
import org.dustwatch.jobs.Topology;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.functions.alerts.ClockSkewDetector;
import org.dustwatch.jobs.functions.ingest.Clocked;
import org.dustwatch.jobs.io.DecodingDeserializer;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;
import org.dustwatch.model.RecordDecoder;

/**
 * {@code dustwatch recompute}: the job's own topology, run bounded over a past range of local days
 * and its warm-up, on the corrected input, into the range's points in InfluxDB.
 *
 * <ol>
 *   <li>refuses a range that the running job may still change ({@link #check});
 *   <li>reads the input topics and the dead letters and chooses what counts ({@link
 *       RecomputeInput}, {@link Selection});
 *   <li>writes it, in event-time order, to {@link ScratchTopics};
 *   <li>deletes the range's points of the result measurements ({@link InfluxRange});
 *   <li>runs {@link Topology#build} between a bounded Kafka source on the scratch topics and the
 *       production sinks, restricted to the range ({@link InRangeSink}); alerts are not sent to
 *       their topic again, and the {@code pipeline} measurement is left as the live job wrote it;
 *   <li>deletes the scratch topics and returns what it did ({@link Summary}).
 * </ol>
 */
public final class Recompute {

    /** What a recompute did, for its last lines. */
    public record Summary(
            RecomputeRange range,
            Map<String, Long> read,
            Map<String, Long> deadLetters,
            long refusedAsLive,
            long outside,
            long superseded,
            long duplicates,
            long readmitted,
            long corrections,
            Map<String, Long> counted,
            Map<String, Long> written,
            long warmUpPoints,
            long refusedByTheRun) {}

    private final DustwatchConfig config;
    private final Settings settings;
    private final Consumer<String> progress;
    private final Clock clock;

    public Recompute(
            DustwatchConfig config, Settings settings, Consumer<String> progress, Clock clock) {
        this.config = config;
        this.settings = settings;
        this.progress = progress;
        this.clock = clock;
    }

    /**
     * Refuses a range the running job may still change: its last day must have ended, plus the
     * allowed lateness and the out-of-orderness, before the newest {@code pipeline} minute in
     * InfluxDB (how far the running job has got) and before now. After that the running job's
     * windows of the range are closed: an event for them is a {@code LATE} dead letter, which the
     * next recompute counts, and no late firing overwrites what the recompute wrote.
     *
     * @throws IllegalArgumentException saying up to which day the range may go
     */
    public static void check(RecomputeRange r, Timing t, OptionalLong newestPipeline, Instant now) {
        long margin = t.allowedLateness().plus(t.outOfOrderness()).toMillis();
        long finalised = now.toEpochMilli();
        String by = "now";
        if (newestPipeline.isPresent() && newestPipeline.getAsLong() < finalised) {
            finalised = newestPipeline.getAsLong();
            by = "the running job's newest pipeline minute";
        }
        if (r.end() + margin > finalised) {
            throw new IllegalArgumentException(
                    "--to "
                            + r.to()
                            + " is not final: its day ends at "
                            + Instant.ofEpochMilli(r.end())
                            + ", and with the allowed lateness and out-of-orderness ("
                            + t.allowedLateness().plus(t.outOfOrderness()).toSeconds()
                            + " s) that is after "
                            + by
                            + ", "
                            + Instant.ofEpochMilli(finalised)
                            + ", so the running job may still change it");
        }
    }

    public Summary run(RecomputeRange r) throws Exception {
        progress.accept("range " + r);
        InfluxRange influx = new InfluxRange(config);
        check(r, settings.timing(), influx.newestPipelineMinute(), clock.instant());

        String bootstrap = config.get(KAFKA_BOOTSTRAP);
        Properties kafka = config.kafkaProperties();
        String inspectionsTopic = config.get(TOPIC_INSPECTIONS);
        String readingsTopic = config.get(TOPIC_READINGS);
        Map<String, RecordDecoder.Factory<?>> decoders = new LinkedHashMap<>();
        decoders.put(inspectionsTopic, KafkaSources.inspectionDecoder(config));
        decoders.put(readingsTopic, KafkaSources.readingDecoder(config));
        Selection chosen = new Selection(r);
        RecomputeInput.Read read =
                new RecomputeInput(bootstrap, kafka, progress)
                        .read(r, config.get(TOPIC_DEAD_LETTERS), decoders, chosen);
        List<Inspection> inspections = chosen.inspections();
        List<Reading> readings = chosen.readings();
        progress.accept(
                String.format(
                        "chose %,d inspections and %,d readings (range and warm-up); %,d records"
                                + " superseded by a higher revision",
                        inspections.size(), readings.size(), chosen.superseded()));

        String prefix =
                "dustwatch.recompute." + r.from() + "." + r.to() + "." + clock.millis() + ".";
        try (ScratchTopics scratch = new ScratchTopics(bootstrap, kafka)) {
            scratch.write(
                    prefix + "inspections",
                    scratch.partitions(inspectionsTopic),
                    inspections,
                    Inspection::checkpointId);
            scratch.write(
                    prefix + "readings",
                    scratch.partitions(readingsTopic),
                    readings,
                    Reading::stationId);
            progress.accept(
                    "wrote them in event-time order to " + prefix + "{inspections,readings}");

            influx.delete(r);
            progress.accept(
                    "deleted the range's points of "
                            + String.join(", ", InfluxRange.MEASUREMENTS)
                            + " in InfluxDB");

            StreamExecutionEnvironment env = JobEnvironment.create(config);
            Sources sources =
                    new Sources(
                            source(
                                    prefix + "inspections",
                                    Inspection.class,
                                    Envelope.OF_INSPECTIONS,
                                    new Clocked.Inspections()),
                            inspectionsTopic,
                            source(
                                    prefix + "readings",
                                    Reading.class,
                                    Envelope.OF_READINGS,
                                    new Clocked.Readings()),
                            readingsTopic);
            Topology.build(env, sources, sinks(r), settings);
            progress.accept("running the job, bounded, over the range and its warm-up");
            JobExecutionResult result =
                    env.execute("dustwatch recompute " + r.from() + " " + r.to());

            Map<String, Long> written = new LinkedHashMap<>();
            long warmUp = 0;
            for (String sink : List.of("inspections", "air_quality", "aqi", "alerts")) {
                written.put(sink, count(result, sink + ".written"));
                warmUp += count(result, sink + ".warm-up");
            }
            return new Summary(
                    r,
                    read.records(),
                    read.deadLetters(),
                    read.refused(),
                    chosen.outside(),
                    chosen.superseded(),
                    chosen.duplicates(),
                    chosen.readmittedInRange(),
                    chosen.correctionsInRange(),
                    chosen.counts(),
                    written,
                    warmUp,
                    count(result, "refused.written") + count(result, "refused.warm-up"));
        }
    }

    private <T> KafkaSource<Envelope<T>> source(
            String topic,
            Class<T> type,
            TypeInformation<Envelope<T>> envelopes,
            Clocked<T> clocked) {
        return KafkaSource.<Envelope<T>>builder()
                .setBootstrapServers(config.get(KAFKA_BOOTSTRAP))
                .setTopics(topic)
                .setGroupId(topic)
                .setProperties(config.kafkaProperties())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(
                        new DecodingDeserializer<>(
                                new ValidatedJson.Factory<>(type),
                                envelopes,
                                clocked,
                                settings.timing().clocks()))
                .build();
    }

    /** The production sinks, each restricted to the range; nothing to Kafka, no health points. */
    private Sinks sinks(RecomputeRange r) throws java.io.IOException {
        Sinks p = ProductionSinks.of(config);
        return new Sinks(
                InRangeSink.of(p.inspections(), "inspections", new StatsTime(), r),
                InRangeSink.of(p.air(), "air_quality", new AirTime(), r),
                InRangeSink.of(p.aqi(), "aqi", new AqiTime(), r),
                InRangeSink.of(p.alerts(), "alerts", new AlertTime(), r),
                new DiscardingSink<>(),
                new DiscardingSink<>(),
                InRangeSink.of(new DiscardingSink<DeadLetter>(), "refused", new AtStart(r), r));
    }

    private static long count(JobExecutionResult result, String name) {
        Object v = result.getAccumulatorResult(name);
        return v == null ? 0 : ((Number) v).longValue();
    }

    static final class StatsTime implements InRangeSink.Time<InspectionStats> {
        @Override
        public long of(InspectionStats s) {
            return s.windowStart();
        }
    }

    static final class AirTime implements InRangeSink.Time<AirStats> {
        @Override
        public long of(AirStats s) {
            return s.windowStart();
        }
    }

    static final class AqiTime implements InRangeSink.Time<AqiReport> {
        @Override
        public long of(AqiReport a) {
            return a.start();
        }
    }

    /**
     * An alert's time; a {@code clock_skew} alert counts as outside every range: the live job's
     * stay (InfluxRange keeps them), and the sorted input can only raise spurious ones.
     */
    static final class AlertTime implements InRangeSink.Time<Alert> {
        @Override
        public long of(Alert a) {
            return ClockSkewDetector.KIND.equals(a.kind()) ? Long.MIN_VALUE : a.windowStart();
        }
    }

    /** Every record counted as in the range: what the recompute run itself refused. */
    static final class AtStart implements InRangeSink.Time<DeadLetter> {
        private final long start;

        AtStart(RecomputeRange r) {
            this.start = r.start();
        }

        @Override
        public long of(DeadLetter d) {
            return start;
        }
    }
}
