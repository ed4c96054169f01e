package org.dustwatch.jobs.io;

import java.time.Clock;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.RecordDecoder;

/**
 * Decodes Kafka records with a {@link RecordDecoder} built once per task (one reused JSON factory).
 * Every record yields exactly one envelope: the value, or a dead letter that keeps the reason,
 * topic, partition, offset and raw payload. Nothing is thrown, so no record stops a job.
 */
public final class DecodingDeserializer<T>
        implements KafkaRecordDeserializationSchema<Envelope<T>> {

    private final RecordDecoder.Factory<T> factory;
    private final TypeInformation<Envelope<T>> type;
    private transient RecordDecoder<T> decoder;

    public DecodingDeserializer(
            RecordDecoder.Factory<T> factory, TypeInformation<Envelope<T>> type) {
        this.factory = factory;
        this.type = type;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = factory.create(Clock.systemUTC());
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope<T>> out) {
        if (decoder == null) {
            decoder = factory.create(Clock.systemUTC());
        }
        Decoded<T> d = decoder.decode(record.value());
        if (d instanceof Decoded.Ok<T> ok) {
            out.collect(Envelope.of(ok.value()));
        } else {
            Decoded.Rejected<T> r = (Decoded.Rejected<T>) d;
            out.collect(
                    Envelope.dead(
                            DeadLetter.of(
                                    r.reason(),
                                    r.detail(),
                                    record.topic(),
                                    record.partition(),
                                    record.offset(),
                                    record.value())));
        }
    }

    @Override
    public TypeInformation<Envelope<T>> getProducedType() {
        return type;
    }
}
