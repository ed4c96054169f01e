package org.dustwatch.jobs;

import java.time.Duration;
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
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.ParameterTool;
import org.dustwatch.connectors.influxdb.InfluxDbSink;
import org.dustwatch.jobs.functions.InspectionStatsPoints;
import org.dustwatch.jobs.functions.SplitDeadLetters;
import org.dustwatch.jobs.functions.TallyInspections;
import org.dustwatch.jobs.functions.ToInspectionStats;
import org.dustwatch.jobs.io.DeadLetterSerializer;
import org.dustwatch.jobs.io.DecodingDeserializer;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;

/**
 * The smoke pipeline that proves the stack end to end: inspections from Kafka, decoded and
 * validated in the source (bad records to the dead-letter topic), counted per checkpoint in
 * 1-minute event-time windows, written to InfluxDB as {@code checkpoint_inspections}.
 *
 * <p>The source and sinks come from outside ({@link #build}), so tests can run the same topology.
 */
public final class SmokeJob {

    static final String USAGE =
            """
            usage: SmokeJob [--bounded] [options]

              --kafka.bootstrap HOST:PORT   Kafka brokers              (default 127.0.0.1:9092)
              --kafka.group ID              consumer group id          (default dustwatch-smoke)
              --influx.url URL              InfluxDB base URL          (default http://127.0.0.1:8086)
              --influx.database NAME        database                   (default dustwatch)
              --bounded                     read up to the offsets that are latest at start,
                                            fire every window, and exit
            """;

    /**
     * Watermarks trail the largest event time seen by 30 s: checkpoints upload in small bursts and
     * readings arrive within seconds, so 30 s covers normal disorder without delaying results much.
     * A partition quiet for a minute (checkpoints close at night) stops holding the watermark back.
     */
    static final Duration OUT_OF_ORDERNESS = Duration.ofSeconds(30);

    static final Duration IDLENESS = Duration.ofMinutes(1);

    public static final TypeInformation<Envelope<Inspection>> ENVELOPE_TYPE =
            TypeInformation.of(new TypeHint<Envelope<Inspection>>() {});

    private SmokeJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        if (p.has("help")) {
            System.out.print(USAGE);
            return;
        }
        String bootstrap = p.get("kafka.bootstrap", "127.0.0.1:9092");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(
                env,
                inspectionSource(
                        bootstrap, p.get("kafka.group", "dustwatch-smoke"), p.has("bounded")),
                InfluxDbSink.<InspectionStats>builder()
                        .url(p.get("influx.url", "http://127.0.0.1:8086"))
                        .database(p.get("influx.database", Topics.DATABASE))
                        .converter(new InspectionStatsPoints())
                        .build(),
                deadLetterSink(bootstrap));
        env.execute("dustwatch-smoke");
    }

    /** Reads {@code dustwatch.inspections} from the earliest offset, decoding in the source. */
    public static KafkaSource<Envelope<Inspection>> inspectionSource(
            String bootstrap, String group, boolean bounded) {
        KafkaSourceBuilder<Envelope<Inspection>> b =
                KafkaSource.<Envelope<Inspection>>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(Topics.INSPECTIONS)
                        .setGroupId(group)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(
                                new DecodingDeserializer<>(
                                        new InspectionDecoder.Factory(
                                                ReferenceData.bundled(), DecoderOptions.defaults()),
                                        ENVELOPE_TYPE));
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return b.build();
    }

    public static KafkaSink<DeadLetter> deadLetterSink(String bootstrap) {
        return KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(new DeadLetterSerializer(Topics.DEAD_LETTERS))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    /** Wires the topology between the given source and sinks. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<Envelope<Inspection>, ?, ?> source,
            Sink<InspectionStats> stats,
            Sink<DeadLetter> deadLetters) {
        WatermarkStrategy<Envelope<Inspection>> watermarks =
                WatermarkStrategy.<Envelope<Inspection>>forBoundedOutOfOrderness(OUT_OF_ORDERNESS)
                        .withTimestampAssigner((e, kafkaTs) -> e.eventTime(Inspection::ts))
                        .withIdleness(IDLENESS);

        SingleOutputStreamOperator<Inspection> inspections =
                env.fromSource(source, watermarks, "inspections")
                        .uid("inspections-source")
                        .process(new SplitDeadLetters<Inspection>())
                        .name("split-dead-letters")
                        .uid("inspections-split");

        inspections
                .getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                .sinkTo(deadLetters)
                .name("dead-letters")
                .uid("dead-letters-sink");

        inspections
                .keyBy(Inspection::checkpointId)
                .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                .aggregate(new TallyInspections(), new ToInspectionStats("checkpoint", "1m"))
                .name("checkpoint-1m")
                .uid("checkpoint-1m")
                .sinkTo(stats)
                .name("influxdb")
                .uid("influxdb-sink");
    }
}
