package org.dustwatch.jobs.recompute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.io.Envelope;

/**
 * Reads the {@link ScratchTopics}: each record is an event the recompute already validated, as JSON
 * (what a {@code LATE} dead letter carries), so it becomes an envelope of its value. A record that
 * does not read fails the recompute: the scratch topics hold only what it wrote.
 */
final class ValidatedDeserializer<T> implements KafkaRecordDeserializationSchema<Envelope<T>> {

    private final Class<T> type;
    private final TypeInformation<Envelope<T>> produced;
    private transient ObjectReader reader;

    ValidatedDeserializer(Class<T> type, TypeInformation<Envelope<T>> produced) {
        this.type = type;
        this.produced = produced;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope<T>> out)
            throws IOException {
        if (reader == null) {
            reader = new ObjectMapper().readerFor(type);
        }
        out.collect(Envelope.of(reader.readValue(record.value())));
    }

    @Override
    public TypeInformation<Envelope<T>> getProducedType() {
        return produced;
    }
}
