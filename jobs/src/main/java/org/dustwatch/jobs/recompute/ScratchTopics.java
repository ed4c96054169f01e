package org.dustwatch.jobs.recompute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The recompute's own input topics: the chosen events as validated JSON (the plate already hashed),
 * in event-time order, keyed by checkpoint or station like the input topics and with as many
 * partitions, so that each partition's watermark follows its events as in a clean run. Created for
 * one recompute and deleted after it.
 */
public final class ScratchTopics implements AutoCloseable {

    private static final ObjectWriter JSON = new ObjectMapper().writer();

    private final Properties admin;
    private final List<String> created = new ArrayList<>();

    public ScratchTopics(String bootstrap, Properties kafka) {
        this.admin = new Properties();
        admin.putAll(kafka);
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    }

    /** The number of partitions of an existing topic. */
    public int partitions(String topic) throws Exception {
        try (Admin a = Admin.create(admin)) {
            return a.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    /**
     * Creates {@code topic} with {@code partitions} partitions and writes {@code events} to it in
     * their order, each keyed by {@code key}; returns once every record is acknowledged.
     */
    public <T> void write(String topic, int partitions, List<T> events, Function<T, String> key)
            throws Exception {
        try (Admin a = Admin.create(admin)) {
            a.createTopics(
                            List.of(
                                    new NewTopic(topic, partitions, (short) 1)
                                            .configs(Map.of("retention.ms", "604800000"))))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        created.add(topic);
        Properties p = new Properties();
        p.putAll(admin);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<Future<?>> acks = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (T e : events) {
                acks.add(
                        producer.send(
                                new ProducerRecord<>(
                                        topic,
                                        key.apply(e).getBytes(StandardCharsets.UTF_8),
                                        JSON.writeValueAsBytes(e))));
            }
            producer.flush();
            for (Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /** Deletes the topics this instance created. */
    @Override
    public void close() throws Exception {
        if (created.isEmpty()) {
            return;
        }
        try (Admin a = Admin.create(admin)) {
            a.deleteTopics(created).all().get(30, TimeUnit.SECONDS);
        }
        created.clear();
    }
}
