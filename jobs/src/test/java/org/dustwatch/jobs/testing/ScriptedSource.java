package org.dustwatch.jobs.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.dustwatch.jobs.testing.ScriptedSplit.Step;

/**
 * A bounded Source V2 that plays scripted splits instead of reading Kafka: each split stands for
 * one partition and holds raw records (the bytes a producer would have sent) and steps that pause
 * it or mark it idle. Records go through a {@link KafkaRecordDeserializationSchema}, the production
 * {@code DecodingDeserializer} in the tests, as {@code ConsumerRecord}s that carry the topic, the
 * split's partition and the record's offset; so decoding, dead letters and their coordinates are
 * the production ones.
 *
 * <p>Split {@code i} goes to reader {@code i % parallelism}; each split has its own output, so its
 * own watermarks, as a Kafka partition has. The source ends when every split has played to its end,
 * so a job on it ends and fires every window.
 *
 * <p>With fewer splits than readers, the readers without a split end at once, and the others start
 * playing only once those have ended. A reader without a split holds the watermark downstream at
 * its start until it ends (as a bounded Kafka reader without a partition does); if it ended after
 * the others had played everything, the watermark would jump from its start to the end of input,
 * and event-time timers that treat the end of input differently (a silent station is not silent at
 * the end of input) would fire only there. Scripted inputs play in milliseconds, so that order is
 * made explicit instead of left to which task starts first. The same holds downstream: a task that
 * starts late (RocksDB takes its time) may read one input to its end before another's end of input,
 * so readers with splits also wait for a start signal, which {@link ScriptedRun} releases once
 * every task of the job runs.
 *
 * @param <T> what the deserializer emits
 */
public final class ScriptedSource<T>
        implements Source<T, ScriptedSplit, List<ScriptedSplit>>, ResultTypeQueryable<T> {

    private final String topic;
    private final String id = java.util.UUID.randomUUID().toString();
    private final List<ScriptedSplit> splits;
    private final KafkaRecordDeserializationSchema<T> deserializer;
    private final String startSignal;

    /**
     * @param topic the topic name the records carry (and so their dead letters)
     * @param partitions the script of each partition, in partition order
     * @param startSignal the {@link Signals signal} that starts the playing, or {@code null} to
     *     start at once; see {@link ScriptedRun} for why a test waits until its job runs
     */
    public ScriptedSource(
            String topic,
            List<List<Step>> partitions,
            KafkaRecordDeserializationSchema<T> deserializer,
            String startSignal) {
        this.topic = topic;
        this.startSignal = startSignal;
        this.splits =
                IntStream.range(0, partitions.size())
                        .mapToObj(i -> new ScriptedSplit(i, partitions.get(i), 0))
                        .toList();
        this.deserializer = deserializer;
    }

    /** A step that plays one record; {@code timestamp} stands for Kafka's record timestamp. */
    public static Step record(byte[] value, long timestamp) {
        return new Step.Record(value, timestamp);
    }

    public static Step pause(long millis) {
        return new Step.Pause(millis, null);
    }

    /** A pause until {@link Signals#release} of {@code signal}, or {@code failSafeMillis}. */
    public static Step pauseUntil(String signal, long failSafeMillis) {
        return new Step.Pause(failSafeMillis, signal);
    }

    public static Step markIdle() {
        return new Step.MarkIdle();
    }

    public String topic() {
        return topic;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return deserializer.getProducedType();
    }

    @Override
    public SplitEnumerator<ScriptedSplit, List<ScriptedSplit>> createEnumerator(
            SplitEnumeratorContext<ScriptedSplit> context) {
        return new Enumerator(context, splits);
    }

    @Override
    public SplitEnumerator<ScriptedSplit, List<ScriptedSplit>> restoreEnumerator(
            SplitEnumeratorContext<ScriptedSplit> context, List<ScriptedSplit> unassigned) {
        return new Enumerator(context, unassigned);
    }

    @Override
    public SimpleVersionedSerializer<ScriptedSplit> getSplitSerializer() {
        return ScriptedSplit.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<List<ScriptedSplit>> getEnumeratorCheckpointSerializer() {
        return new PendingSplitsSerializer();
    }

    @Override
    public SourceReader<T, ScriptedSplit> createReader(SourceReaderContext context) {
        return new ScriptedReader<>(context, id, splits.size(), startSignal, topic, deserializer);
    }

    /**
     * Assigns each split to its reader when that reader registers, then tells the reader that no
     * more will come. Splits handed back after a failure are assigned again to the reader that
     * registers for them.
     */
    static final class Enumerator implements SplitEnumerator<ScriptedSplit, List<ScriptedSplit>> {
        private final SplitEnumeratorContext<ScriptedSplit> context;
        private final List<ScriptedSplit> unassigned;

        Enumerator(SplitEnumeratorContext<ScriptedSplit> context, List<ScriptedSplit> unassigned) {
            this.context = context;
            this.unassigned = new ArrayList<>(unassigned);
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<ScriptedSplit> splits, int subtaskId) {
            // the reader's next attempt registers again and gets them in addReader
            unassigned.addAll(splits);
        }

        @Override
        public void addReader(int subtaskId) {
            int parallelism = context.currentParallelism();
            List<ScriptedSplit> mine =
                    unassigned.stream()
                            .filter(s -> s.partition() % parallelism == subtaskId)
                            .toList();
            unassigned.removeAll(mine);
            for (ScriptedSplit s : mine) {
                context.assignSplit(s, subtaskId);
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public List<ScriptedSplit> snapshotState(long checkpointId) {
            return List.copyOf(unassigned);
        }

        @Override
        public void close() {}
    }

    /** The enumerator's checkpoint: the splits not yet assigned, each with its script. */
    static final class PendingSplitsSerializer
            implements SimpleVersionedSerializer<List<ScriptedSplit>> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(List<ScriptedSplit> splits) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeInt(splits.size());
            for (ScriptedSplit s : splits) {
                ScriptedSplit.Serializer.write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public List<ScriptedSplit> deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown version " + version + " of the pending splits");
            }
            DataInputDeserializer in = new DataInputDeserializer(serialized);
            int n = in.readInt();
            List<ScriptedSplit> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(ScriptedSplit.Serializer.read(in));
            }
            return out;
        }
    }
}
