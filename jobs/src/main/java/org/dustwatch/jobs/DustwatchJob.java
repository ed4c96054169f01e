package org.dustwatch.jobs;

import static org.dustwatch.jobs.config.DustwatchOptions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.ParameterTool;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.dustwatch.connectors.influxdb.InfluxDbSink;
import org.dustwatch.connectors.influxdb.InfluxDbSinkBuilder;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.connectors.influxdb.Secret;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.jobs.functions.AirStatsPoints;
import org.dustwatch.jobs.functions.AlertPoints;
import org.dustwatch.jobs.functions.AqiPoints;
import org.dustwatch.jobs.functions.AqiReports;
import org.dustwatch.jobs.functions.AreaAverages;
import org.dustwatch.jobs.functions.Deduplicate;
import org.dustwatch.jobs.functions.EpisodeDetector;
import org.dustwatch.jobs.functions.HealthPoints;
import org.dustwatch.jobs.functions.IndexReports;
import org.dustwatch.jobs.functions.InspectionStatsPoints;
import org.dustwatch.jobs.functions.LatenessGate;
import org.dustwatch.jobs.functions.LocalDayWindows;
import org.dustwatch.jobs.functions.MergeReadings;
import org.dustwatch.jobs.functions.PerMinuteCounts;
import org.dustwatch.jobs.functions.RepeatOffenderDetector;
import org.dustwatch.jobs.functions.RollUpInspections;
import org.dustwatch.jobs.functions.RollUpInspections.Part;
import org.dustwatch.jobs.functions.RollUpStations;
import org.dustwatch.jobs.functions.SilenceDetector;
import org.dustwatch.jobs.functions.SpikeDetector;
import org.dustwatch.jobs.functions.SplitDeadLetters;
import org.dustwatch.jobs.functions.StationHours;
import org.dustwatch.jobs.functions.TallyInspections;
import org.dustwatch.jobs.functions.TallyReadings;
import org.dustwatch.jobs.functions.ToAirStats;
import org.dustwatch.jobs.functions.ToInspectionStats;
import org.dustwatch.jobs.functions.TownshipAir;
import org.dustwatch.jobs.functions.ValidPerMinute;
import org.dustwatch.jobs.io.AlertSerializer;
import org.dustwatch.jobs.io.DeadLetterSerializer;
import org.dustwatch.jobs.io.DecodingDeserializer;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.AreaPart;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.PlateKey;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.ReferenceData;

/**
 * The dustwatch analytics job: inspections and air-quality readings from Kafka, validated and
 * enriched in the source, de-duplicated, aggregated in event-time windows of one minute, one hour
 * and one local day per checkpoint, road, township and station, and written to InfluxDB. Bad and
 * too-late records go to the dead-letter topic. docs/architecture.md explains the topology.
 *
 * <p>{@link #build} takes its sources and sinks from outside, so tests run the same topology on
 * bounded inputs.
 */
public final class DustwatchJob {

    public static final TypeInformation<Envelope<Inspection>> INSPECTION_ENVELOPE =
            TypeInformation.of(new TypeHint<Envelope<Inspection>>() {});
    public static final TypeInformation<Envelope<Reading>> READING_ENVELOPE =
            TypeInformation.of(new TypeHint<Envelope<Reading>>() {});

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * The event-time settings the topology needs.
     *
     * @param watermarkEveryEvent emit the watermark after every event instead of periodically: the
     *     same watermarks at deterministic points, so that tests can say exactly which event is
     *     late. Jobs leave it off; a watermark per event costs throughput.
     */
    public record Timing(
            Duration outOfOrderness,
            Duration idleness,
            Duration allowedLateness,
            Duration dedupHorizon,
            ZoneId zone,
            boolean watermarkEveryEvent) {

        public static Timing from(DustwatchConfig c) {
            return new Timing(
                    c.get(OUT_OF_ORDERNESS),
                    c.get(IDLENESS),
                    c.get(ALLOWED_LATENESS),
                    c.get(DEDUP_HORIZON),
                    ZoneId.of(c.get(TIME_ZONE)),
                    false);
        }
    }

    /**
     * How the AQI is computed.
     *
     * @param standard the standard of every report; {@code null} for the one in force on the data's
     *     local date
     * @param minCoverage how much of an hour a station's readings of a pollutant must cover for its
     *     hourly mean to count (GB 3095: 45 minutes)
     * @param round2012 whether HJ 633-2012 reports round concentrations per GB/T 8170 as 2026 does
     * @param reference the stations' monitoring plans (HJ 633—2026 5.3.2); {@code null}: every
     *     station plans every pollutant
     */
    public record AqiSettings(
            org.dustwatch.aqi.Standard standard,
            Duration minCoverage,
            boolean round2012,
            ReferenceData reference) {
        public static final AqiSettings DEFAULTS =
                new AqiSettings(null, Duration.ofMinutes(45), false, null);

        public static AqiSettings from(DustwatchConfig c) throws IOException {
            return new AqiSettings(
                    c.get(AQI_STANDARD).fixed(),
                    c.get(AQI_MIN_COVERAGE),
                    c.get(AQI_ROUND_2012),
                    DustwatchJob.reference(c));
        }
    }

    /** How alerts are raised; docs/alerts.md explains each setting. */
    public record AlertSettings(
            SpikeDetector.Settings spike,
            EpisodeDetector.Settings episode,
            Duration stationSilence,
            RepeatOffenderDetector.Settings repeatOffender) {

        public static AlertSettings from(DustwatchConfig c) {
            return new AlertSettings(
                    new SpikeDetector.Settings(
                            c.get(ALERT_SPIKE_THRESHOLD),
                            c.get(ALERT_SPIKE_RESOLVE),
                            c.get(ALERT_SPIKE_MIN_VOLUME),
                            c.get(ALERT_SPIKE_BASELINE_DAYS),
                            c.get(ALERT_SPIKE_RECENT_HOURS),
                            c.get(ALERT_SPIKE_MIN_SAMPLES),
                            c.get(ALERT_COOLDOWN),
                            c.get(ALLOWED_LATENESS)),
                    new EpisodeDetector.Settings(
                            c.get(ALERT_EPISODE_MIN_LEVEL),
                            c.get(ALERT_EPISODE_PM25_RISE),
                            c.get(ALERT_COOLDOWN),
                            c.get(ALLOWED_LATENESS)),
                    c.get(ALERT_STATION_SILENCE),
                    new RepeatOffenderDetector.Settings(
                            c.get(ALERT_REPEAT_COUNT),
                            c.get(ALERT_REPEAT_PERIOD),
                            c.get(ALLOWED_LATENESS)));
        }

        /** The defaults, for a job with the given allowed lateness. */
        public static AlertSettings defaults(Duration allowedLateness) {
            return new AlertSettings(
                    new SpikeDetector.Settings(
                            ALERT_SPIKE_THRESHOLD.defaultValue(),
                            ALERT_SPIKE_RESOLVE.defaultValue(),
                            ALERT_SPIKE_MIN_VOLUME.defaultValue(),
                            ALERT_SPIKE_BASELINE_DAYS.defaultValue(),
                            ALERT_SPIKE_RECENT_HOURS.defaultValue(),
                            ALERT_SPIKE_MIN_SAMPLES.defaultValue(),
                            ALERT_COOLDOWN.defaultValue(),
                            allowedLateness),
                    new EpisodeDetector.Settings(
                            ALERT_EPISODE_MIN_LEVEL.defaultValue(),
                            ALERT_EPISODE_PM25_RISE.defaultValue(),
                            ALERT_COOLDOWN.defaultValue(),
                            allowedLateness),
                    ALERT_STATION_SILENCE.defaultValue(),
                    new RepeatOffenderDetector.Settings(
                            ALERT_REPEAT_COUNT.defaultValue(),
                            ALERT_REPEAT_PERIOD.defaultValue(),
                            allowedLateness));
        }
    }

    /** Where the job reads. */
    public record Sources(
            Source<Envelope<Inspection>, ?, ?> inspections,
            String inspectionsTopic,
            Source<Envelope<Reading>, ?, ?> readings,
            String readingsTopic) {}

    /** Where the job writes. */
    public record Sinks(
            Sink<InspectionStats> inspections,
            Sink<AirStats> air,
            Sink<AqiReport> aqi,
            Sink<Alert> alerts,
            Sink<Alert> alertsTopic,
            Sink<HealthCount> health,
            Sink<DeadLetter> deadLetters) {}

    /*
     * Event-time functions as named classes: serializable method references such as
     * Inspection::ts and Reading::ts were mixed up on deserialization (the readings' gate got the
     * inspections' function), so nothing in this topology relies on them.
     */
    public static final class InspectionTime implements LatenessGate.EventTime<Inspection> {
        @Override
        public long applyAsLong(Inspection i) {
            return i.ts();
        }
    }

    public static final class ReadingTime implements LatenessGate.EventTime<Reading> {
        @Override
        public long applyAsLong(Reading r) {
            return r.eventTime();
        }
    }

    /** An inspection's identity within its checkpoint: its event id. */
    public static final class EventId implements Deduplicate.Id<Inspection> {
        @Override
        public String of(Inspection i) {
            return i.eventId();
        }
    }

    public static final class Json<T> implements LatenessGate.Payload<T> {
        @Override
        public byte[] render(T event) {
            return json(event);
        }
    }

    private DustwatchJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        if (p.has("help")) {
            System.out.print(Usage.text());
            return;
        }
        DustwatchConfig config;
        try {
            config = DustwatchConfig.load(p.toMap(), System.getenv());
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("dustwatch: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            checkTopics(config);
        } catch (IllegalStateException e) {
            System.err.println("dustwatch: " + e.getMessage());
            System.exit(2);
            return;
        }
        boolean bounded = p.has("bounded");
        StreamExecutionEnvironment env = environment(config);
        build(env, config, bounded);
        env.execute(bounded ? "dustwatch (bounded)" : "dustwatch");
    }

    /**
     * Wires the whole job as dustwatch's settings say: its Kafka sources, its sinks, its timing.
     */
    public static void build(StreamExecutionEnvironment env, DustwatchConfig c, boolean bounded)
            throws IOException {
        build(
                env,
                sources(c, bounded),
                sinks(c),
                Timing.from(c),
                AqiSettings.from(c),
                AlertSettings.from(c),
                c.get(MINUTE_POINTS));
    }

    /**
     * The execution environment with checkpointing and the state backend from dustwatch's settings.
     * They must be given when the environment is created: in Flink 2, {@code env.configure(...)}
     * does not carry the state backend to the tasks.
     */
    public static StreamExecutionEnvironment environment(DustwatchConfig c) {
        return environment(c, new org.apache.flink.configuration.Configuration());
    }

    /** As {@link #environment(DustwatchConfig)}, on top of Flink settings of the caller's. */
    public static StreamExecutionEnvironment environment(
            DustwatchConfig c, org.apache.flink.configuration.Configuration flink) {
        flink.set(
                org.apache.flink.configuration.StateBackendOptions.STATE_BACKEND,
                c.get(STATE_BACKEND).name().toLowerCase(java.util.Locale.ROOT));
        flink.set(
                org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTING_INTERVAL,
                c.get(CHECKPOINT_INTERVAL));
        org.dustwatch.jobs.config.CheckpointLimits.apply(c, flink);
        // Records pass between chained operators without a copy. Safe here: every record type is
        // immutable, no function keeps or changes an input after it returns, and what windows keep
        // on the heap arrives over the network (a fresh object) or is an accumulator of their own.
        flink.set(org.apache.flink.configuration.PipelineOptions.OBJECT_REUSE, true);
        if (c.get(CHECKPOINT_DIR) != null) {
            flink.set(
                    org.apache.flink.configuration.CheckpointingOptions.CHECKPOINT_STORAGE,
                    "filesystem");
            flink.set(
                    org.apache.flink.configuration.CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    c.get(CHECKPOINT_DIR));
        }
        return StreamExecutionEnvironment.getExecutionEnvironment(flink);
    }

    /**
     * Fails when the broker answers that an input or dead-letter topic does not exist: without
     * this, the job would start and then crash-loop on its first dead letter. When the broker
     * cannot be reached from here (on a cluster only the TaskManagers may reach it), this warns and
     * lets the job go on.
     */
    public static void checkTopics(DustwatchConfig c) {
        Properties p = c.kafkaProperties();
        p.put(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                c.get(KAFKA_BOOTSTRAP));
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(
                org.apache.kafka.clients.admin.AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000);
        java.util.List<String> topics =
                java.util.List.of(
                        c.get(TOPIC_INSPECTIONS),
                        c.get(TOPIC_READINGS),
                        c.get(TOPIC_DEAD_LETTERS),
                        c.get(TOPIC_ALERTS));
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(p)) {
            java.util.Set<String> existing =
                    admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS);
            java.util.List<String> missing =
                    topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "Kafka at "
                                + c.get(KAFKA_BOOTSTRAP)
                                + " has no topic "
                                + String.join(", ", missing)
                                + ": create it (bin/dustwatch stack start creates dustwatch's topics) or"
                                + " point kafka.topic.* at existing ones");
            }
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException
                | org.apache.kafka.common.KafkaException e) {
            org.slf4j.LoggerFactory.getLogger(DustwatchJob.class)
                    .warn(
                            "cannot check the Kafka topics from here ({}); submitting anyway",
                            e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- production sources and sinks -----------------------------------------------------

    /** The district's reference data: the configured files, or the bundled district. */
    public static ReferenceData reference(DustwatchConfig c) throws IOException {
        return ReferenceData.loadOrBundled(
                path(c.get(REFERENCE_CHECKPOINTS)), path(c.get(REFERENCE_STATIONS)));
    }

    public static Sources sources(DustwatchConfig c, boolean bounded) throws IOException {
        ReferenceData reference = reference(c);
        DecoderOptions options =
                new DecoderOptions(
                        (int) c.get(MAX_RECORD_SIZE).getBytes(),
                        c.get(MAX_FUTURE_SKEW),
                        c.get(READINGS_DEFAULT_PERIOD),
                        c.get(READINGS_DEFAULT_STAMP));
        return new Sources(
                kafkaSource(
                        c,
                        c.get(TOPIC_INSPECTIONS),
                        new InspectionDecoder.Factory(reference, options, plateKey(c)),
                        INSPECTION_ENVELOPE,
                        bounded),
                c.get(TOPIC_INSPECTIONS),
                kafkaSource(
                        c,
                        c.get(TOPIC_READINGS),
                        new ReadingDecoder.Factory(reference, options),
                        READING_ENVELOPE,
                        bounded),
                c.get(TOPIC_READINGS));
    }

    static <T> KafkaSource<Envelope<T>> kafkaSource(
            DustwatchConfig c,
            String topic,
            RecordDecoder.Factory<T> decoder,
            TypeInformation<Envelope<T>> type,
            boolean bounded) {
        KafkaSourceBuilder<Envelope<T>> b =
                KafkaSource.<Envelope<T>>builder()
                        .setBootstrapServers(c.get(KAFKA_BOOTSTRAP))
                        .setTopics(topic)
                        .setGroupId(c.get(KAFKA_GROUP_ID))
                        .setProperties(c.kafkaProperties())
                        .setStartingOffsets(
                                switch (c.get(KAFKA_STARTING_OFFSETS)) {
                                    case COMMITTED ->
                                            OffsetsInitializer.committedOffsets(
                                                    OffsetResetStrategy.EARLIEST);
                                    case EARLIEST -> OffsetsInitializer.earliest();
                                    case LATEST -> OffsetsInitializer.latest();
                                })
                        .setDeserializer(new DecodingDeserializer<>(decoder, type));
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public static Sinks sinks(DustwatchConfig c) throws IOException {
        ReferenceData reference = reference(c);
        Properties kafka = c.kafkaProperties();
        KafkaSink<DeadLetter> dlq =
                KafkaSink.<DeadLetter>builder()
                        .setBootstrapServers(c.get(KAFKA_BOOTSTRAP))
                        .setKafkaProducerConfig(kafka)
                        .setRecordSerializer(new DeadLetterSerializer(c.get(TOPIC_DEAD_LETTERS)))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        KafkaSink<Alert> alerts =
                KafkaSink.<Alert>builder()
                        .setBootstrapServers(c.get(KAFKA_BOOTSTRAP))
                        .setKafkaProducerConfig(kafka)
                        .setRecordSerializer(new AlertSerializer(c.get(TOPIC_ALERTS)))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        return new Sinks(
                influx(c, new InspectionStatsPoints(reference)).reportingAs("inspections"),
                influx(c, new AirStatsPoints()).reportingAs("air_quality"),
                influx(c, new AqiPoints()).reportingAs("aqi"),
                influx(c, new AlertPoints()).reportingAs("alerts"),
                alerts,
                influx(c, new HealthPoints()).reportingAs("pipeline"),
                dlq);
    }

    static <T> InfluxDbSink<T> influx(DustwatchConfig c, PointConverter<T> converter) {
        InfluxDbSinkBuilder<T> b =
                InfluxDbSink.<T>builder()
                        .url(c.get(INFLUX_URL))
                        .database(c.get(INFLUX_DATABASE))
                        .batchSize(c.get(INFLUX_BATCH_SIZE))
                        .flushInterval(c.get(INFLUX_FLUSH_INTERVAL))
                        .maxRetryDuration(c.get(INFLUX_MAX_RETRY_DURATION))
                        .requestTimeout(c.get(INFLUX_REQUEST_TIMEOUT))
                        .maxBackoff(c.get(INFLUX_BACKOFF_MAX))
                        .caFile(c.get(INFLUX_CA_FILE))
                        .converter(converter);
        if (c.get(INFLUX_API) == InfluxApi.V2) {
            b.v2(c.get(INFLUX_ORG), secret(c.get(INFLUX_TOKEN_FILE), c.get(INFLUX_TOKEN_ENV)));
        } else {
            b.retentionPolicy(c.get(INFLUX_RETENTION_POLICY));
            if (c.get(INFLUX_USERNAME) != null) {
                b.credentials(
                        c.get(INFLUX_USERNAME),
                        secret(c.get(INFLUX_PASSWORD_FILE), c.get(INFLUX_PASSWORD_ENV)));
            }
        }
        return b.build();
    }

    /**
     * The key that plates are hashed under, from {@code plates.key-file} or else the variable
     * {@code plates.key-env} names; {@code null}, with a warning, when neither is set.
     */
    static PlateKey plateKey(DustwatchConfig c) {
        String file = c.get(PLATE_KEY_FILE);
        String env = c.get(PLATE_KEY_ENV);
        String fromEnv = System.getenv(env);
        if (file == null && (fromEnv == null || fromEnv.isEmpty())) {
            org.slf4j.LoggerFactory.getLogger(DustwatchJob.class)
                    .warn(
                            "no plate key (plates.key-file, or the variable {}): plates are"
                                    + " dropped and no repeat-offender alert can open",
                            env);
            return null;
        }
        Secret key = secret(file, env);
        return PlateKey.of(key.reveal().getBytes(StandardCharsets.UTF_8), key.toString());
    }

    private static Secret secret(String file, String envName) {
        return file != null ? Secret.fromFile(Path.of(file)) : Secret.fromEnv(envName);
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    // ---- the topology ------------------------------------------------------------------------

    /** Wires the whole job between the given sources and sinks, with default AQI and alerts. */
    public static void build(
            StreamExecutionEnvironment env, Sources sources, Sinks sinks, Timing t) {
        build(env, sources, sinks, t, AqiSettings.DEFAULTS);
    }

    /** Wires the whole job with the given AQI settings and the default alerts. */
    public static void build(
            StreamExecutionEnvironment env,
            Sources sources,
            Sinks sinks,
            Timing t,
            AqiSettings aqi) {
        build(env, sources, sinks, t, aqi, AlertSettings.defaults(t.allowedLateness()));
    }

    /** Wires the whole job, writing every level's minute points. */
    public static void build(
            StreamExecutionEnvironment env,
            Sources sources,
            Sinks sinks,
            Timing t,
            AqiSettings aqi,
            AlertSettings alerting) {
        build(env, sources, sinks, t, aqi, alerting, MinutePoints.ALL);
    }

    /**
     * Wires the whole job between the given sources and sinks.
     *
     * @param minutes which 1-minute results are written (checkpoint, station and township minutes
     *     are computed either way, for the hours and the health counts; road minutes only when
     *     written)
     */
    public static void build(
            StreamExecutionEnvironment env,
            Sources sources,
            Sinks sinks,
            Timing t,
            AqiSettings aqi,
            AlertSettings alerting,
            MinutePoints minutes) {
        // Watermarks trail the newest event time by the out-of-orderness bound (30 s by default:
        // checkpoints upload in small bursts, stations report within seconds). A partition that
        // is quiet for the idleness period (checkpoints close at night) stops holding it back.
        SingleOutputStreamOperator<Inspection> inspections =
                env.fromSource(
                                sources.inspections(),
                                watermarks(t, new InspectionTime()),
                                "inspections")
                        .uid("inspections-source")
                        .process(new SplitDeadLetters<Inspection>())
                        .name("inspections-validate")
                        .uid("inspections-validate");
        SingleOutputStreamOperator<Inspection> onTimeInspections =
                inspections
                        .process(
                                new LatenessGate<Inspection>(
                                        t.allowedLateness(),
                                        sources.inspectionsTopic(),
                                        new InspectionTime(),
                                        new Json<>()))
                        .name("inspections-lateness")
                        .uid("inspections-lateness");
        SingleOutputStreamOperator<Inspection> uniqueInspections =
                onTimeInspections
                        .keyBy(Inspection::checkpointId)
                        .process(
                                new Deduplicate<Inspection>(
                                        t.dedupHorizon(), new InspectionTime(), new EventId()))
                        .returns(Inspection.class)
                        .name("inspections-dedup")
                        .uid("inspections-dedup-filed");

        SingleOutputStreamOperator<Reading> readings =
                env.fromSource(sources.readings(), watermarks(t, new ReadingTime()), "readings")
                        .uid("readings-source")
                        .process(new SplitDeadLetters<Reading>())
                        .name("readings-validate")
                        .uid("readings-validate");
        SingleOutputStreamOperator<Reading> onTimeReadings =
                readings.process(
                                new LatenessGate<Reading>(
                                        t.allowedLateness(),
                                        sources.readingsTopic(),
                                        new ReadingTime(),
                                        new Json<>()))
                        .name("readings-lateness")
                        .uid("readings-lateness");
        // Readings merge per pollutant rather than de-duplicate per timestamp: a PM monitor and a
        // gas analyser of one station report the same period in separate messages.
        SingleOutputStreamOperator<Reading> uniqueReadings =
                onTimeReadings
                        .keyBy(Reading::stationId)
                        .process(new MergeReadings(t.dedupHorizon()))
                        .name("readings-merge")
                        .uid("readings-merge");

        DataStream<DeadLetter> deadLetters =
                inspections
                        .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                        .union(
                                onTimeInspections.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                                readings.getSideOutput(SplitDeadLetters.DEAD_LETTERS),
                                onTimeReadings.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
        deadLetters.sinkTo(sinks.deadLetters()).name("dead-letters").uid("dead-letters-sink");

        InspectionWindows iw = inspectionWindows(uniqueInspections, t, minutes);
        iw.all()
                .sinkTo(sinks.inspections())
                .name("influxdb-inspections")
                .uid("influxdb-inspections");
        DataStream<AirStats> stationMinutes = stationMinutes(uniqueReadings, t);
        DataStream<AirStats> stationHours = stationHours(stationMinutes, t);
        DataStream<AirStats> townshipAirMinutes = township(stationMinutes, minutes(), t, "1m");
        airWindows(stationMinutes, townshipAirMinutes, stationHours, t, minutes)
                .sinkTo(sinks.air())
                .name("influxdb-air-quality")
                .uid("influxdb-air-quality");
        DataStream<AqiReport> reports = aqiReports(uniqueReadings, t, aqi);
        reports.sinkTo(sinks.aqi()).name("influxdb-aqi").uid("influxdb-aqi");

        DataStream<Alert> alerts =
                alerts(
                        iw,
                        uniqueInspections,
                        reports,
                        stationMinutes,
                        alerting,
                        SilenceDetector.declaredPeriods(aqi.reference()));
        alerts.sinkTo(sinks.alerts()).name("influxdb-alerts").uid("influxdb-alerts");
        alerts.sinkTo(sinks.alertsTopic()).name("kafka-alerts").uid("kafka-alerts");

        health(
                        sources,
                        iw.townshipMinutes(),
                        townshipAirMinutes,
                        deadLetters,
                        uniqueInspections.getSideOutput(Deduplicate.DUPLICATES),
                        uniqueReadings.getSideOutput(MergeReadings.DUPLICATES),
                        uniqueReadings.getSideOutput(MergeReadings.CORRECTIONS),
                        t)
                .sinkTo(sinks.health())
                .name("influxdb-pipeline")
                .uid("influxdb-pipeline");
    }

    /**
     * Violation spikes per road and township from their hourly figures, repeat offenders from the
     * violating inspections of vehicles whose plate was hashed, pollution episodes per township
     * from its real-time AQI, and silent stations from their minutes with readings.
     */
    static DataStream<Alert> alerts(
            InspectionWindows iw,
            DataStream<Inspection> inspections,
            DataStream<AqiReport> reports,
            DataStream<AirStats> stationMinutes,
            AlertSettings s,
            Map<String, Long> declaredPeriods) {
        DataStream<Alert> spikes =
                iw.roadHours()
                        .union(iw.townshipHours())
                        .keyBy(InspectionStats::levelKey)
                        .process(new SpikeDetector(s.spike()))
                        .name("alerts-violation-spike")
                        .uid("alerts-violation-spike");
        DataStream<Alert> repeatOffenders =
                inspections
                        .filter(i -> i.violating() && i.plateHash() != null)
                        .name("violations-with-plate")
                        .uid("violations-with-plate")
                        .keyBy(Inspection::plateHash)
                        .process(new RepeatOffenderDetector(s.repeatOffender()))
                        .name("alerts-repeat-offender")
                        .uid("alerts-repeat-offender");
        DataStream<Alert> episodes =
                reports.filter(new TownshipHourlyReports())
                        .name("aqi-township-hourly")
                        .uid("aqi-township-hourly")
                        .keyBy(AqiReport::subject)
                        .process(new EpisodeDetector(s.episode()))
                        .name("alerts-pollution-episode")
                        .uid("alerts-pollution-episode");
        DataStream<Alert> silent =
                DataStreamUtils.reinterpretAsKeyedStream(stationMinutes, AirStats::subject)
                        .process(new SilenceDetector(s.stationSilence(), declaredPeriods))
                        .name("alerts-station-silent")
                        .uid("alerts-station-silent");
        return spikes.union(repeatOffenders, episodes, silent);
    }

    /**
     * The filter of {@link #alerts}: a township's published real-time reports. An NA hour (HJ
     * 633—2026 5.3.1) neither opens nor resolves an episode: its AQI is that of the pollutants
     * left, and its PM2.5 may be missing.
     */
    static final class TownshipHourlyReports
            implements org.apache.flink.api.common.functions.FilterFunction<AqiReport> {
        @Override
        public boolean filter(AqiReport r) {
            return "township".equals(r.scope()) && "1h".equals(r.window()) && r.published();
        }
    }

    /**
     * The {@code pipeline} measurement: per source topic and minute, the records counted, and the
     * dead letters, late events and duplicates (see {@link PerMinuteCounts} for their minute). The
     * records counted are summed from the townships' 1-minute results, exact under late firings
     * like those; townships, not checkpoints and stations, because this sum runs on one key: a few
     * dozen results a minute instead of one per checkpoint with traffic.
     */
    static DataStream<HealthCount> health(
            Sources sources,
            DataStream<InspectionStats> townshipMinutes,
            DataStream<AirStats> townshipAirMinutes,
            DataStream<DeadLetter> deadLetters,
            DataStream<Long> inspectionDuplicates,
            DataStream<Long> readingDuplicates,
            DataStream<Long> readingCorrections,
            Timing t) {
        String insp = sources.inspectionsTopic();
        String read = sources.readingsTopic();
        DataStream<HealthCount> validInspections =
                townshipMinutes
                        .keyBy(new ConstantKey<>(insp))
                        .window(minutes())
                        .allowedLateness(t.allowedLateness())
                        .process(new ValidPerMinute<>(new InspectedCount()))
                        .name("pipeline-valid-inspections")
                        .uid("pipeline-valid-inspections");
        DataStream<HealthCount> validReadings =
                townshipAirMinutes
                        .keyBy(new ConstantKey<>(read))
                        .window(minutes())
                        .allowedLateness(t.allowedLateness())
                        .process(new ValidPerMinute<>(new ReadingCount()))
                        .name("pipeline-valid-readings")
                        .uid("pipeline-valid-readings");
        DataStream<String> refused =
                deadLetters
                        .map(new RefusedKind())
                        .name("pipeline-refused")
                        .uid("pipeline-refused")
                        .union(
                                inspectionDuplicates
                                        .map(new Constant(insp + "|duplicates"))
                                        .name("pipeline-duplicate-inspections")
                                        .uid("pipeline-duplicate-inspections"),
                                readingDuplicates
                                        .map(new Constant(read + "|duplicates"))
                                        .name("pipeline-duplicate-readings")
                                        .uid("pipeline-duplicate-readings"),
                                readingCorrections
                                        .map(new Constant(read + "|corrections"))
                                        .name("pipeline-corrected-readings")
                                        .uid("pipeline-corrected-readings"));
        DataStream<HealthCount> counted =
                refused.keyBy(new ConstantKey<String>(null))
                        .process(new PerMinuteCounts())
                        .name("pipeline-refused-per-minute")
                        .uid("pipeline-refused-per-minute");
        return validInspections.union(validReadings, counted);
    }

    /** A fixed key; {@code null} keys each element by itself. */
    static final class ConstantKey<T>
            implements org.apache.flink.api.java.functions.KeySelector<T, String> {
        private final String key;

        ConstantKey(String key) {
            this.key = key;
        }

        @Override
        public String getKey(T t) {
            return key != null ? key : (String) t;
        }
    }

    static final class Constant
            implements org.apache.flink.api.common.functions.MapFunction<Long, String> {
        private final String value;

        Constant(String value) {
            this.value = value;
        }

        @Override
        public String map(Long ignored) {
            return value;
        }
    }

    static final class RefusedKind
            implements org.apache.flink.api.common.functions.MapFunction<DeadLetter, String> {
        @Override
        public String map(DeadLetter d) {
            return d.sourceTopic()
                    + (d.reason() == org.dustwatch.model.RejectReason.LATE
                            ? "|late"
                            : "|dead_letters");
        }
    }

    static final class InspectedCount implements ValidPerMinute.Part<InspectionStats> {
        @Override
        public String subject(InspectionStats s) {
            return s.subject();
        }

        @Override
        public long count(InspectionStats s) {
            return s.inspected();
        }
    }

    static final class ReadingCount implements ValidPerMinute.Part<AirStats> {
        @Override
        public String subject(AirStats s) {
            return s.subject();
        }

        @Override
        public long count(AirStats s) {
            return s.readings();
        }
    }

    /**
     * The inspection results: {@code all} that are written (minute results as {@code
     * pipeline.minute-points} says), and the parts that the alerts and the health counts build on.
     */
    record InspectionWindows(
            DataStream<InspectionStats> all,
            DataStream<InspectionStats> townshipMinutes,
            DataStream<InspectionStats> roadHours,
            DataStream<InspectionStats> townshipHours) {}

    /**
     * Raw inspections enter exactly one window, per checkpoint and minute; every other figure is
     * rolled up from those (see {@link RollUpInspections}). The input must be partitioned by
     * checkpoint already (the de-duplication is), so no shuffle precedes the window.
     *
     * <p>A checkpoint's hours and days are keyed like its minutes, so they run in the minute
     * window's task ({@link #rollUpInTask}); roads and townships roll up from checkpoint hours, so
     * only one record per checkpoint-hour crosses the network to them. Minutes of roads are
     * computed only when they are written; township minutes always, for the health counts.
     */
    static InspectionWindows inspectionWindows(
            DataStream<Inspection> in, Timing t, MinutePoints minutes) {
        DataStream<InspectionStats> cpMinute =
                DataStreamUtils.reinterpretAsKeyedStream(in, Inspection::checkpointId)
                        .window(TumblingEventTimeWindows.of(MINUTE))
                        .allowedLateness(t.allowedLateness())
                        .aggregate(
                                new TallyInspections(), new ToInspectionStats("checkpoint", "1m"))
                        .name("checkpoint-1m")
                        .uid("checkpoint-1m");
        DataStream<InspectionStats> townMinute =
                rollUp(
                        cpMinute,
                        InspectionStats::township,
                        minutes(),
                        t,
                        "township",
                        "1m",
                        Part.SUBJECT);
        DataStream<InspectionStats> cpHour =
                rollUpInTask(cpMinute, hours(), t, "checkpoint", "1h", Part.WINDOW);
        DataStream<InspectionStats> roadHour =
                rollUp(cpHour, InspectionStats::road, hours(), t, "road", "1h", Part.SUBJECT);
        DataStream<InspectionStats> townHour =
                rollUp(
                        cpHour,
                        InspectionStats::township,
                        hours(),
                        t,
                        "township",
                        "1h",
                        Part.SUBJECT);
        LocalDayWindows days = new LocalDayWindows(t.zone());
        List<DataStream<InspectionStats>> written = new ArrayList<>();
        written.add(cpHour);
        written.add(roadHour);
        written.add(townHour);
        written.add(rollUpInTask(cpHour, days, t, "checkpoint", "1d", Part.WINDOW));
        written.add(rollUpInTask(roadHour, days, t, "road", "1d", Part.WINDOW));
        written.add(rollUpInTask(townHour, days, t, "township", "1d", Part.WINDOW));
        if (minutes != MinutePoints.NONE) {
            written.add(
                    rollUp(
                            cpMinute,
                            InspectionStats::road,
                            minutes(),
                            t,
                            "road",
                            "1m",
                            Part.SUBJECT));
            written.add(townMinute);
        }
        if (minutes == MinutePoints.ALL) {
            written.add(cpMinute);
        }
        return new InspectionWindows(unionOf(written), townMinute, roadHour, townHour);
    }

    /**
     * A roll-up keyed by another field than its input's subject. Road and township hours are rolled
     * up from checkpoint hours, where they once came from their own minutes: their window state
     * holds other parts, so their uids say so, and a savepoint from before refuses to restore into
     * them instead of mixing the two (docs/operations.md, "Upgrades").
     */
    private static DataStream<InspectionStats> rollUp(
            DataStream<InspectionStats> in,
            org.apache.flink.api.java.functions.KeySelector<InspectionStats, String> key,
            WindowAssigner<Object, TimeWindow> windows,
            Timing t,
            String level,
            String windowName,
            Part part) {
        String uid =
                level + "-" + windowName + ("1h".equals(windowName) ? "-of-checkpoint-hours" : "");
        return rollUpWindows(in.keyBy(key), windows, t, level, windowName, part, uid);
    }

    /**
     * A roll-up keyed like its input's subject, which arrives partitioned by it already (a keyed
     * window's output is), so it runs in the same task as its input: no shuffle, no copy.
     */
    private static DataStream<InspectionStats> rollUpInTask(
            DataStream<InspectionStats> in,
            WindowAssigner<Object, TimeWindow> windows,
            Timing t,
            String level,
            String windowName,
            Part part) {
        return rollUpWindows(
                DataStreamUtils.reinterpretAsKeyedStream(in, InspectionStats::subject),
                windows,
                t,
                level,
                windowName,
                part,
                level + "-" + windowName);
    }

    private static DataStream<InspectionStats> rollUpWindows(
            KeyedStream<InspectionStats, String> in,
            WindowAssigner<Object, TimeWindow> windows,
            Timing t,
            String level,
            String windowName,
            Part part,
            String uid) {
        return in.window(windows)
                .allowedLateness(t.allowedLateness())
                .process(new RollUpInspections(level, windowName, part))
                .name(level + "-" + windowName)
                .uid(uid);
    }

    /**
     * Raw readings enter one window per station and minute; the rest is rolled up. The input must
     * be partitioned by station already (the de-duplication is), so no shuffle precedes it.
     */
    static DataStream<AirStats> stationMinutes(DataStream<Reading> in, Timing t) {
        return DataStreamUtils.reinterpretAsKeyedStream(in, Reading::stationId)
                .window(TumblingEventTimeWindows.of(MINUTE))
                .allowedLateness(t.allowedLateness())
                .aggregate(new TallyReadings(), new ToAirStats("1m"))
                .name("station-1m")
                .uid("station-1m");
    }

    /** A station's hours, in its minutes' task: they are keyed by station already. */
    static DataStream<AirStats> stationHours(DataStream<AirStats> stMinute, Timing t) {
        return DataStreamUtils.reinterpretAsKeyedStream(stMinute, AirStats::subject)
                .window(hours())
                .allowedLateness(t.allowedLateness())
                .process(new RollUpStations("1h"))
                .name("station-1h")
                .uid("station-1h");
    }

    /** Station and township air quality per minute, hour and local day. */
    static DataStream<AirStats> airWindows(
            DataStream<AirStats> stMinute,
            DataStream<AirStats> townshipMinute,
            DataStream<AirStats> stHour,
            Timing t,
            MinutePoints minutes) {
        DataStream<AirStats> stDay =
                DataStreamUtils.reinterpretAsKeyedStream(stHour, AirStats::subject)
                        .window(new LocalDayWindows(t.zone()))
                        .allowedLateness(t.allowedLateness())
                        .process(new RollUpStations("1d"))
                        .name("station-1d")
                        .uid("station-1d");
        List<DataStream<AirStats>> written = new ArrayList<>();
        written.add(stHour);
        written.add(stDay);
        written.add(township(stHour, hours(), t, "1h"));
        written.add(township(stDay, new LocalDayWindows(t.zone()), t, "1d"));
        if (minutes != MinutePoints.NONE) {
            written.add(townshipMinute);
        }
        if (minutes == MinutePoints.ALL) {
            written.add(stMinute);
        }
        return unionOf(written);
    }

    /**
     * Hourly and daily AQI reports per station, township and for the district (docs/aqi.md, "In the
     * pipeline"). A station's hours come from its readings of any cadence, by the minutes they
     * cover; its reports' averages from its valid hours; an area's averages are the means of its
     * stations' (HJ 663), and every report is indexed once, from unrounded averages.
     *
     * <p>The operators' uids changed with the computation (their state is of other types), so a
     * savepoint from before refuses to restore into them (docs/operations.md, "Upgrades").
     */
    static DataStream<AqiReport> aqiReports(DataStream<Reading> readings, Timing t, AqiSettings s) {
        DataStream<PollutantHour> hours =
                DataStreamUtils.reinterpretAsKeyedStream(readings, Reading::stationId)
                        .process(
                                new StationHours(
                                        s.minCoverage(), t.allowedLateness(), s.reference()))
                        .name("aqi-station-hours")
                        .uid("aqi-station-hours-covered");
        DataStream<AqiInput> stations =
                DataStreamUtils.reinterpretAsKeyedStream(hours, PollutantHour::station)
                        .process(
                                new AqiReports(
                                        s.standard() == org.dustwatch.aqi.Standard.US_EPA_2024,
                                        t.zone(),
                                        t.allowedLateness()))
                        .name("aqi-station-averages")
                        .uid("aqi-station-averages");
        DataStream<AqiInput> areas =
                stations.flatMap(new AreaAverages.ToAreas())
                        .name("aqi-areas")
                        .uid("aqi-areas")
                        .keyBy(AreaPart::key)
                        .process(new AreaAverages(t.allowedLateness(), s.reference()))
                        .name("aqi-area-averages")
                        .uid("aqi-area-averages");
        return stations.union(areas)
                .map(new IndexReports(s.standard(), t.zone(), s.round2012()))
                .name("aqi-index")
                .uid("aqi-index");
    }

    private static DataStream<AirStats> township(
            DataStream<AirStats> stations,
            WindowAssigner<Object, TimeWindow> windows,
            Timing t,
            String windowName) {
        return stations.keyBy(AirStats::township)
                .window(windows)
                .allowedLateness(t.allowedLateness())
                .process(new TownshipAir(windowName))
                .name("township-air-" + windowName)
                .uid("township-air-" + windowName);
    }

    /** One stream of all the given ones (at least one). */
    @SuppressWarnings("unchecked")
    private static <T> DataStream<T> unionOf(List<DataStream<T>> streams) {
        return streams.get(0).union(streams.subList(1, streams.size()).toArray(new DataStream[0]));
    }

    private static WindowAssigner<Object, TimeWindow> minutes() {
        return TumblingEventTimeWindows.of(MINUTE);
    }

    private static WindowAssigner<Object, TimeWindow> hours() {
        return TumblingEventTimeWindows.of(HOUR);
    }

    private static <T> WatermarkStrategy<Envelope<T>> watermarks(
            Timing t, LatenessGate.EventTime<T> ts) {
        Duration bound = t.outOfOrderness();
        WatermarkStrategy<Envelope<T>> strategy =
                t.watermarkEveryEvent()
                        ? WatermarkStrategy.forGenerator(ctx -> new EveryEventWatermarks<>(bound))
                        : WatermarkStrategy.forBoundedOutOfOrderness(bound);
        return strategy.withTimestampAssigner((e, kafkaTs) -> e.eventTime(ts))
                .withIdleness(t.idleness());
    }

    /** Bounded out-of-orderness, emitted after every event (see {@link Timing}). */
    static final class EveryEventWatermarks<T> implements WatermarkGenerator<T> {
        private final long boundMs;
        private long max = Long.MIN_VALUE;

        EveryEventWatermarks(Duration bound) {
            this.boundMs = bound.toMillis();
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - boundMs - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
    }

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    /** A late event's dead-letter payload: its validated content (the plate is not kept). */
    static byte[] json(Object event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The --help text, generated from {@link DustwatchOptions}. */
    static final class Usage {
        static String text() {
            StringBuilder b =
                    new StringBuilder(
                            """
                            usage: DustwatchJob [--bounded] [--config FILE] [--KEY VALUE ...]

                              --bounded      read up to the offsets that are latest at start, fire
                                             every window, and exit (backfill and checks)
                              --config FILE  settings file, one 'key: value' per line

                            Settings (file < environment DUSTWATCH_KEY < --key flag):
                            """);
            for (var o : DustwatchOptions.all()) {
                b.append(
                        String.format(
                                "  %-28s %s%n",
                                o.key(), o.hasDefaultValue() ? o.defaultValue() : "(unset)"));
            }
            b.append("  kafka.properties.*           passed to the Kafka clients\n");
            b.append("See docs/configuration.md for what each one means.\n");
            return b.toString();
        }
    }
}
