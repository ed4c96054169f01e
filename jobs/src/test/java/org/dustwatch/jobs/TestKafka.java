package org.dustwatch.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Plain Kafka client helpers for tests: produce keyed JSON, read a topic from the start. */
final class TestKafka {
    private TestKafka() {}

    /**
     * Produces (key, value) pairs in order (idempotent producer) and waits for every
     * acknowledgement.
     */
    static void produce(String bootstrap, String topic, List<Map.Entry<String, String>> records)
            throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records.size());
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map.Entry<String, String> r : records) {
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        r.getKey().getBytes(StandardCharsets.UTF_8),
                                        r.getValue().getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /**
     * The simulated district of {@code o}, inspections into one topic and readings into another, in
     * the simulator's order, every acknowledgement awaited.
     */
    static void produceDistrict(
            String bootstrap,
            org.dustwatch.simulator.SimulationOptions o,
            String inspectionsTopic,
            String readingsTopic)
            throws Exception {
        List<Map.Entry<String, String>> inspections = new ArrayList<>();
        List<Map.Entry<String, String>> readings = new ArrayList<>();
        new org.dustwatch.simulator.DistrictSimulator(
                        org.dustwatch.model.ReferenceData.bundled(), o)
                .forEachRemaining(
                        e ->
                                (e.topic().equals(org.dustwatch.model.Topics.INSPECTIONS)
                                                ? inspections
                                                : readings)
                                        .add(Map.entry(e.key(), e.value())));
        produce(bootstrap, inspectionsTopic, inspections);
        produce(bootstrap, readingsTopic, readings);
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

    /** Every record of the topic, from its beginning to the end offsets at the time of the call. */
    static List<ConsumerRecord<byte[], byte[]>> readToEnd(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    c.partitionsFor(topic).stream()
                            .map(i -> new TopicPartition(topic, i.partition()))
                            .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                c.poll(Duration.ofMillis(500)).forEach(out::add);
            }
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
        long start = System.nanoTime();
        long left = -1;
        while (System.nanoTime() - start < timeout.toNanos()) {
            left = lag(bootstrap, group, topics);
            if (left == 0) {
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(
                "group "
                        + group
                        + " still had "
                        + left
                        + " records of "
                        + topics
                        + " to read after "
                        + timeout);
    }

    /**
     * Records of the topics that the group has not committed yet (all of them before its first
     * commit).
     */
    static long lag(String bootstrap, String group, List<String> topics) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get()
                    .forEach(
                            (name, d) ->
                                    d.partitions()
                                            .forEach(
                                                    pi ->
                                                            latest.put(
                                                                    new TopicPartition(
                                                                            name, pi.partition()),
                                                                    OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            long left = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                left += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return left;
        }
    }
}
