package org.dustwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dustwatch.model.DeadLetter;

/**
 * Writes dead letters as JSON envelopes, keyed by their source topic and stamped with the time they
 * were written (a dead letter may have no valid event time).
 */
public final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {
    private final String topic;

    public DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            DeadLetter d, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic, null, null, d.sourceTopic().getBytes(StandardCharsets.UTF_8), d.toJson());
    }
}
