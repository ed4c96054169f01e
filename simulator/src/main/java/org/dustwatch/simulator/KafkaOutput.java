package org.dustwatch.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sends events to Kafka, keyed by source id; {@link #close} waits for every acknowledgement. */
final class KafkaOutput implements AutoCloseable {
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    KafkaOutput(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void send(SimEvent e) {
        Exception f = failure.get();
        if (f != null) {
            throw new IllegalStateException("Kafka refused a record: " + f.getMessage(), f);
        }
        producer.send(
                new ProducerRecord<>(
                        e.topic(),
                        e.key() == null ? null : e.key().getBytes(StandardCharsets.UTF_8),
                        e.value().getBytes(StandardCharsets.UTF_8)),
                (meta, ex) -> {
                    if (ex != null) {
                        failure.compareAndSet(null, ex);
                    }
                });
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
        Exception f = failure.get();
        if (f != null) {
            throw new IllegalStateException("Kafka refused a record: " + f.getMessage(), f);
        }
    }
}
