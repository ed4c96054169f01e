package org.dustwatch.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.flink.util.UserCodeClassLoader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.testing.ScriptedSplit.Step;

/**
 * Plays the splits of a {@link ScriptedSource}, one step per {@link #pollNext} and round robin
 * among the splits it holds that are not paused, so the interleaving is fixed by the scripts. Each
 * split emits through its own {@link SourceOutput} ({@link ReaderOutput#createOutputForSplit}), so
 * its watermarks and idleness are its own, as a Kafka partition's are.
 */
final class ScriptedReader<T> implements SourceReader<T, ScriptedSplit> {

    private final SourceReaderContext context;
    private final String sourceId;
    private final int splitCount;
    private final String startSignal;
    private final String topic;
    private final KafkaRecordDeserializationSchema<T> deserializer;
    private final List<Playing> splits = new ArrayList<>();
    private int cursor;
    private boolean noMoreSplits;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    /** A split being played: its script, the next step, and a pause if one is running. */
    private static final class Playing {
        final ScriptedSplit split;
        int position;
        long offset;
        SourceOutput<Object> output;
        CompletableFuture<Void> pause;

        Playing(ScriptedSplit split) {
            this.split = split;
            this.position = split.position();
            this.offset = split.nextOffset();
        }

        boolean paused() {
            return pause != null && !pause.isDone();
        }

        boolean done() {
            return position >= split.steps().size();
        }
    }

    ScriptedReader(
            SourceReaderContext context,
            String sourceId,
            int splitCount,
            String startSignal,
            String topic,
            KafkaRecordDeserializationSchema<T> deserializer) {
        this.context = context;
        this.sourceId = sourceId;
        this.splitCount = splitCount;
        this.startSignal = startSignal;
        this.topic = topic;
        this.deserializer = deserializer;
    }

    @Override
    public void start() {
        try {
            deserializer.open(
                    new DeserializationSchema.InitializationContext() {
                        @Override
                        public MetricGroup getMetricGroup() {
                            return context.metricGroup();
                        }

                        @Override
                        public UserCodeClassLoader getUserCodeClassLoader() {
                            return context.getUserCodeClassLoader();
                        }
                    });
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the deserializer", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (!splits.isEmpty() && !othersEnded()) {
            return InputStatus.NOTHING_AVAILABLE;
        }
        for (int tried = 0; tried < splits.size(); tried++) {
            int i = (cursor + tried) % splits.size();
            Playing p = splits.get(i);
            if (p.paused()) {
                continue;
            }
            if (p.output == null) {
                p.output = (SourceOutput<Object>) output.createOutputForSplit(p.split.splitId());
            }
            if (p.done()) {
                output.releaseOutputForSplit(p.split.splitId());
                splits.remove(i);
                cursor = splits.isEmpty() ? 0 : i % splits.size();
                return InputStatus.MORE_AVAILABLE;
            }
            play(p, p.split.steps().get(p.position++));
            cursor = (i + 1) % splits.size();
            return InputStatus.MORE_AVAILABLE;
        }
        if (splits.isEmpty() && noMoreSplits) {
            Signals.release(ended(context.getIndexOfSubtask()));
            return InputStatus.END_OF_INPUT;
        }
        available = new CompletableFuture<>();
        List<CompletableFuture<Void>> pauses = new ArrayList<>();
        for (Playing p : splits) {
            pauses.add(p.pause);
        }
        if (!pauses.isEmpty()) {
            CompletableFuture<Void> next = available;
            CompletableFuture.anyOf(pauses.toArray(new CompletableFuture[0]))
                    .thenRun(() -> next.complete(null));
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    /**
     * Whether the start signal (if any) was given and every reader of the source that has no split
     * has ended (see {@link ScriptedSource}); if not, {@link #available} completes when they are.
     */
    private boolean othersEnded() {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        if (startSignal != null && !Signals.of(startSignal).isDone()) {
            waits.add(Signals.of(startSignal));
        }
        for (int i = splitCount; i < context.currentParallelism(); i++) {
            CompletableFuture<Void> ended = Signals.of(ended(i));
            if (!ended.isDone()) {
                waits.add(ended);
            }
        }
        if (waits.isEmpty()) {
            return true;
        }
        available = new CompletableFuture<>();
        CompletableFuture<Void> next = available;
        CompletableFuture.allOf(waits.toArray(new CompletableFuture[0]))
                .thenRun(() -> next.complete(null));
        return false;
    }

    private String ended(int subtask) {
        return sourceId + "/reader-" + subtask + "/ended";
    }

    private void play(Playing p, Step step) throws Exception {
        if (step instanceof Step.Record r) {
            SourceOutput<Object> out = p.output;
            deserializer.deserialize(
                    new ConsumerRecord<>(topic, p.split.partition(), p.offset++, null, r.value()),
                    new Collector<T>() {
                        @Override
                        public void collect(T record) {
                            out.collect(record, r.timestamp());
                        }

                        @Override
                        public void close() {}
                    });
        } else if (step instanceof Step.MarkIdle) {
            p.output.markIdle();
        } else {
            Step.Pause pause = (Step.Pause) step;
            CompletableFuture<Void> timeout = new CompletableFuture<>();
            timeout.completeOnTimeout(null, pause.millis(), TimeUnit.MILLISECONDS);
            p.pause =
                    pause.releasedBy() == null
                            ? timeout
                            : CompletableFuture.anyOf(timeout, Signals.of(pause.releasedBy()))
                                    .thenApply(x -> (Void) null);
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    /**
     * The splits as far as they were played; a pause that was running is over after a restore (its
     * step was played).
     */
    @Override
    public List<ScriptedSplit> snapshotState(long checkpointId) {
        List<ScriptedSplit> out = new ArrayList<>();
        for (Playing p : splits) {
            out.add(new ScriptedSplit(p.split.partition(), p.split.steps(), p.position));
        }
        return out;
    }

    @Override
    public void addSplits(List<ScriptedSplit> added) {
        for (ScriptedSplit s : added) {
            splits.add(new Playing(s));
        }
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        available.complete(null);
    }

    @Override
    public void close() {}
}
