package org.dustwatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads two topics from their start to their current end with {@code threads} threads, each with
 * its own consumer and its share of the partitions, and hands every record to a per-thread handler.
 * The ceiling and the raw-ingest baseline both read this way.
 */
final class Drain {

    /** What one thread does with each record. */
    interface Handler {
        void accept(String topic, byte[] value) throws Exception;

        /** Called once the thread has read its share. */
        default void finish() throws Exception {}
    }

    interface HandlerFactory {
        Handler create(int thread) throws Exception;
    }

    private Drain() {}

    /** Returns the number of records read; {@code progress} sees the running total. */
    static long run(
            String bootstrap,
            List<String> topics,
            int threads,
            HandlerFactory handlers,
            Progress progress)
            throws Exception {
        List<TopicPartition> all = new ArrayList<>();
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
            for (String t : topics) {
                c.partitionsFor(t).forEach(p -> all.add(new TopicPartition(t, p.partition())));
            }
            ends = c.endOffsets(all);
        }
        AtomicLong read = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            List<TopicPartition> mine = new ArrayList<>();
            for (int k = 0; k < all.size(); k++) {
                if (k % threads == i) {
                    mine.add(all.get(k));
                }
            }
            Handler h = handlers.create(i);
            Thread w =
                    new Thread(
                            () -> {
                                try (KafkaConsumer<byte[], byte[]> c = consumer(bootstrap)) {
                                    c.assign(mine);
                                    c.seekToBeginning(mine);
                                    while (!done(c, mine, ends)) {
                                        for (ConsumerRecord<byte[], byte[]> r :
                                                c.poll(Duration.ofMillis(500))) {
                                            h.accept(r.topic(), r.value());
                                            progress.tick(read.incrementAndGet());
                                        }
                                    }
                                    h.finish();
                                } catch (Exception e) {
                                    synchronized (errors) {
                                        errors.add(e);
                                    }
                                }
                            },
                            "drain-" + i);
            workers.add(w);
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        progress.done(read.get());
        return read.get();
    }

    private static boolean done(
            KafkaConsumer<byte[], byte[]> c,
            List<TopicPartition> mine,
            Map<TopicPartition, Long> ends) {
        for (TopicPartition p : mine) {
            if (c.position(p) < ends.get(p)) {
                return false;
            }
        }
        return true;
    }

    static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
