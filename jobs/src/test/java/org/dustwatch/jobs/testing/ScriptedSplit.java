package org.dustwatch.jobs.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * One split of a {@link ScriptedSource}: what one Kafka partition would hold, as a script of raw
 * records, pauses and idleness marks, and how far a reader got through it. Immutable; a reader's
 * progress is snapshotted as a new split with a later {@link #position}.
 *
 * @param partition the partition this split stands for: its index among the source's splits, and
 *     the partition its dead letters name
 * @param steps the script
 * @param position the index of the next step to run
 */
public record ScriptedSplit(int partition, List<Step> steps, int position)
        implements SourceSplit, java.io.Serializable {

    public ScriptedSplit {
        steps = List.copyOf(steps);
        if (position < 0 || position > steps.size()) {
            throw new IllegalArgumentException(
                    "position " + position + " outside the script of " + steps.size());
        }
    }

    @Override
    public String splitId() {
        return "partition-" + partition;
    }

    /** The offset of the next record: the records before {@link #position}, as Kafka counts. */
    public long nextOffset() {
        return steps.subList(0, position).stream().filter(s -> s instanceof Step.Record).count();
    }

    /** One step of a script. */
    public sealed interface Step extends java.io.Serializable {

        /**
         * A record as the broker would hold it: the raw value bytes, and its timestamp (the job
         * assigns event time from the decoded value, as it does for Kafka's record timestamp).
         */
        record Record(byte[] value, long timestamp) implements Step {
            public Record {
                Objects.requireNonNull(value, "value");
            }

            @Override
            public String toString() {
                return "Record[" + new String(value, java.nio.charset.StandardCharsets.UTF_8) + "]";
            }
        }

        /**
         * Nothing from this split for {@code millis} ms, or until {@link Signals#release} of {@code
         * releasedBy} (when not null), whichever comes first: a test that waits for an effect of
         * the pause releases it then, and the time is only a fail-safe.
         */
        record Pause(long millis, String releasedBy) implements Step {}

        /** Calls {@code markIdle()} on the split's output: the partition went quiet. */
        record MarkIdle() implements Step {}
    }

    /** Writes a split with its whole script; version 1. */
    public static final class Serializer implements SimpleVersionedSerializer<ScriptedSplit> {
        static final Serializer INSTANCE = new Serializer();
        private static final byte RECORD = 1;
        private static final byte PAUSE = 2;
        private static final byte MARK_IDLE = 3;

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(ScriptedSplit split) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            write(split, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public ScriptedSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown version " + version + " of a scripted split");
            }
            return read(new DataInputDeserializer(serialized));
        }

        static void write(ScriptedSplit split, DataOutputView out) throws IOException {
            out.writeInt(split.partition());
            out.writeInt(split.position());
            out.writeInt(split.steps().size());
            for (Step s : split.steps()) {
                if (s instanceof Step.Record r) {
                    out.writeByte(RECORD);
                    out.writeLong(r.timestamp());
                    out.writeInt(r.value().length);
                    out.write(r.value());
                } else if (s instanceof Step.Pause p) {
                    out.writeByte(PAUSE);
                    out.writeLong(p.millis());
                    out.writeBoolean(p.releasedBy() != null);
                    if (p.releasedBy() != null) {
                        out.writeUTF(p.releasedBy());
                    }
                } else {
                    out.writeByte(MARK_IDLE);
                }
            }
        }

        static ScriptedSplit read(DataInputView in) throws IOException {
            int partition = in.readInt();
            int position = in.readInt();
            int n = in.readInt();
            List<Step> steps = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte kind = in.readByte();
                switch (kind) {
                    case RECORD -> {
                        long ts = in.readLong();
                        byte[] value = new byte[in.readInt()];
                        in.readFully(value);
                        steps.add(new Step.Record(value, ts));
                    }
                    case PAUSE -> {
                        long millis = in.readLong();
                        steps.add(new Step.Pause(millis, in.readBoolean() ? in.readUTF() : null));
                    }
                    case MARK_IDLE -> steps.add(new Step.MarkIdle());
                    default -> throw new IOException("unknown step kind " + kind);
                }
            }
            return new ScriptedSplit(partition, steps, position);
        }
    }
}
