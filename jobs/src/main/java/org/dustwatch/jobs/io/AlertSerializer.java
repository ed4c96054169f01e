package org.dustwatch.jobs.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dustwatch.jobs.records.Alert;

/** Alerts as JSON, keyed by alert id so that an alert's open and resolve share a partition. */
public final class AlertSerializer implements KafkaRecordSerializationSchema<Alert> {
    private final String topic;

    public AlertSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(
            Alert a, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                null,
                a.id().getBytes(StandardCharsets.UTF_8),
                a.toJson().getBytes(StandardCharsets.UTF_8));
    }
}
