package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KafkaBroker} against a real broker. */
class KafkaBrokerIT {

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    static final int TOPICS = 30;
    static final int PARTITIONS = 4;

    /**
     * A topic that {@code createTopics} returned takes a write on each partition at once. The
     * producer does not retry, so a partition whose leader was in the metadata before the broker
     * could append to it (the race behind KAFKA-15591, which an idempotent producer with several
     * requests in flight turns into records that expire) fails its send with {@code
     * NOT_LEADER_OR_FOLLOWER}.
     */
    @Test
    void everyPartitionOfACreatedTopicTakesItsFirstWriteWithoutARetry() throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        p.put(ProducerConfig.RETRIES_CONFIG, 0);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        List<String> refused = new ArrayList<>();
        int written = 0;
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int t = 0; t < TOPICS; t++) {
                String topic = "created." + t;
                KAFKA.createTopics(List.of(topic), PARTITIONS);
                List<Future<RecordMetadata>> sent = new ArrayList<>();
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    sent.add(
                            producer.send(
                                    new ProducerRecord<>(
                                            topic,
                                            partition,
                                            null,
                                            "x".getBytes(StandardCharsets.UTF_8))));
                }
                for (Future<RecordMetadata> f : sent) {
                    try {
                        f.get();
                        written++;
                    } catch (ExecutionException e) {
                        refused.add(topic + ": " + e.getCause());
                    }
                }
            }
        }
        assertThat(refused).as("first writes refused").isEmpty();
        assertThat(written).isEqualTo(TOPICS * PARTITIONS);
    }
}
