package org.dustwatch.jobs.testing;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A Sink V2 that serializes each element with a production {@link KafkaRecordSerializationSchema}
 * (the dead-letter and alert serializers) and keeps the records per the topic they name, instead of
 * producing them: what a job writes to a Kafka topic, without a broker.
 */
public final class CollectingKafkaSink<T> implements Sink<T> {
    private static final ConcurrentMap<String, List<ProducerRecord<byte[], byte[]>>> TOPICS =
            new ConcurrentHashMap<>();

    private final KafkaRecordSerializationSchema<T> schema;

    public CollectingKafkaSink(KafkaRecordSerializationSchema<T> schema) {
        this.schema = schema;
    }

    /** The records written to a topic so far, in the order they were written. */
    public static List<ProducerRecord<byte[], byte[]>> records(String topic) {
        return List.copyOf(topic(topic));
    }

    /** Forgets a topic's records, so that a test starts from an empty topic. */
    public static void clear(String topic) {
        TOPICS.remove(topic);
    }

    private static List<ProducerRecord<byte[], byte[]>> topic(String name) {
        return TOPICS.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        KafkaRecordSerializationSchema.KafkaSinkContext sinkContext =
                new KafkaRecordSerializationSchema.KafkaSinkContext() {
                    @Override
                    public int getParallelInstanceId() {
                        return context.getTaskInfo().getIndexOfThisSubtask();
                    }

                    @Override
                    public int getNumberOfParallelInstances() {
                        return context.getTaskInfo().getNumberOfParallelSubtasks();
                    }

                    @Override
                    public int[] getPartitionsForTopic(String topic) {
                        return new int[] {0};
                    }
                };
        try {
            schema.open(context.asSerializationSchemaInitializationContext(), sinkContext);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the serializer", e);
        }
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                ProducerRecord<byte[], byte[]> r =
                        schema.serialize(element, sinkContext, ctx.timestamp());
                topic(r.topic()).add(r);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
