package org.dustwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka client helpers for tests: produce keyed JSON, read a topic from the start. */
final class TestKafka {
    private TestKafka() {}

    /** Produces (key, value) pairs in order and waits for every acknowledgement. */
    static void produce(String bootstrap, String topic, List<Map.Entry<String, String>> records)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, String> r : records) {
                producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        r.getKey().getBytes(StandardCharsets.UTF_8),
                                        r.getValue().getBytes(StandardCharsets.UTF_8)))
                        .get();
            }
        }
    }

    /** Reads the topic from the beginning until {@code expected} records arrived or 30 s passed. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(
            String bootstrap, String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
            // One more poll, so that an unexpected extra record is seen too.
            c.poll(Duration.ofMillis(500)).forEach(out::add);
        }
        return out;
    }

    /**
     * Waits until the consumer group has committed, for every partition of the topics, the
     * partition's end offset: a Flink job commits at each completed checkpoint, so by then every
     * record is in the job's checkpointed state. Returns the seconds waited.
     */
    static double awaitConsumed(
            String bootstrap, String group, List<String> topics, Duration timeout)
            throws Exception {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(p)) {
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
                    latest = new java.util.HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach(
                            (name, d) ->
                                    d.partitions()
                                            .forEach(
                                                    pi ->
                                                            latest.put(
                                                                    new org.apache.kafka.common
                                                                            .TopicPartition(
                                                                            name, pi.partition()),
                                                                    org.apache.kafka.clients.admin
                                                                            .OffsetSpec.latest())));
            Map<org.apache.kafka.common.TopicPartition, Long> ends = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, r) -> ends.put(tp, r.offset()));
            Map<org.apache.kafka.common.TopicPartition, Long> committed = Map.of();
            while (System.nanoTime() < deadline) {
                Map<org.apache.kafka.common.TopicPartition, Long> now = new java.util.HashMap<>();
                for (var e :
                        admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .entrySet()) {
                    if (e.getValue() != null) {
                        now.put(e.getKey(), e.getValue().offset());
                    }
                }
                if (ends.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(committedOrZero(now, e.getKey())))) {
                    return (System.nanoTime() - start) / 1e9;
                }
                committed = now;
                Thread.sleep(200);
            }
            throw new AssertionError(
                    "group "
                            + group
                            + " did not consume "
                            + topics
                            + " within "
                            + timeout
                            + ": end offsets "
                            + ends
                            + ", committed "
                            + committed);
        }
    }

    private static long committedOrZero(
            Map<org.apache.kafka.common.TopicPartition, Long> committed,
            org.apache.kafka.common.TopicPartition tp) {
        return committed.getOrDefault(tp, 0L);
    }
}
