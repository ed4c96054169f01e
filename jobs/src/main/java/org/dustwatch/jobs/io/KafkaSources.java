package org.dustwatch.jobs.io;

import static org.dustwatch.jobs.config.DustwatchOptions.MAX_FUTURE_SKEW;
import static org.dustwatch.jobs.config.DustwatchOptions.MAX_RECORD_SIZE;
import static org.dustwatch.jobs.config.DustwatchOptions.PLATE_KEY_ENV;
import static org.dustwatch.jobs.config.DustwatchOptions.PLATE_KEY_FILE;
import static org.dustwatch.jobs.config.DustwatchOptions.READINGS_DEFAULT_PERIOD;
import static org.dustwatch.jobs.config.DustwatchOptions.READINGS_DEFAULT_STAMP;
import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_BOOTSTRAP;
import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_GROUP_ID;
import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_STARTING_OFFSETS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_INSPECTIONS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_READINGS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.dustwatch.connectors.influxdb.Secret;
import org.dustwatch.jobs.Sources;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.functions.ingest.Clocked;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.PlateKey;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.RecordDecoder;
import org.slf4j.LoggerFactory;

/**
 * The production sources: the two input topics, decoded in the source (so that watermarks are
 * generated per partition from real event times) against the district's reference data.
 */
public final class KafkaSources {
    private KafkaSources() {}

    /**
     * @param bounded read up to the offsets that are latest at start, then finish
     */
    public static Sources of(DustwatchConfig c, boolean bounded) throws IOException {
        return of(c, bounded, Timing.from(c));
    }

    /**
     * @param t the timing whose source clocks make each partition's watermark: the one the topology
     *     gets
     */
    public static Sources of(DustwatchConfig c, boolean bounded, Timing t) throws IOException {
        return new Sources(
                source(
                        c,
                        c.get(TOPIC_INSPECTIONS),
                        inspectionDecoder(c),
                        Envelope.OF_INSPECTIONS,
                        new Clocked.Inspections(),
                        t,
                        bounded),
                c.get(TOPIC_INSPECTIONS),
                source(
                        c,
                        c.get(TOPIC_READINGS),
                        readingDecoder(c),
                        Envelope.OF_READINGS,
                        new Clocked.Readings(),
                        t,
                        bounded),
                c.get(TOPIC_READINGS));
    }

    /** The inspections' decoder recipe: the reference data, the options, the plate key. */
    public static InspectionDecoder.Factory inspectionDecoder(DustwatchConfig c)
            throws IOException {
        return new InspectionDecoder.Factory(c.reference(), options(c), plateKey(c));
    }

    /** The readings' decoder recipe. */
    public static ReadingDecoder.Factory readingDecoder(DustwatchConfig c) throws IOException {
        return new ReadingDecoder.Factory(c.reference(), options(c));
    }

    private static DecoderOptions options(DustwatchConfig c) {
        return new DecoderOptions(
                (int) c.get(MAX_RECORD_SIZE).getBytes(),
                c.get(MAX_FUTURE_SKEW),
                c.get(READINGS_DEFAULT_PERIOD),
                c.get(READINGS_DEFAULT_STAMP));
    }

    static <T> KafkaSource<Envelope<T>> source(
            DustwatchConfig c,
            String topic,
            RecordDecoder.Factory<T> decoder,
            TypeInformation<Envelope<T>> type,
            Clocked<T> clocked,
            Timing t,
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
                        .setDeserializer(
                                new DecodingDeserializer<>(decoder, type, clocked, t.clocks()));
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
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
            LoggerFactory.getLogger(KafkaSources.class)
                    .warn(
                            "no plate key (plates.key-file, or the variable {}): plates are"
                                    + " dropped and no repeat-offender alert can open",
                            env);
            return null;
        }
        Secret key = ProductionSinks.secret(file, env);
        return PlateKey.of(key.reveal().getBytes(StandardCharsets.UTF_8), key.toString());
    }
}
