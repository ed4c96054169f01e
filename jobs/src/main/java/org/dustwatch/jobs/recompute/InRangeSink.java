package org.dustwatch.jobs.recompute;

import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.connector.sink2.SupportsPreWriteTopology;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * A sink that passes on only the records whose time lies in the recompute's range, and counts both
 * kinds in the job's accumulators {@code NAME.written} and {@code NAME.warm-up}. The filter is a
 * pre-write operator chained in front of the sink's writer (a forward edge at the same
 * parallelism), so the order in which the InfluxDB sink receives a series is the producer's, as
 * docs/reliability.md requires. The writer and its state are the wrapped sink's.
 */
public class InRangeSink<T> implements Sink<T>, SupportsPreWriteTopology<T> {

    /** A record's time: the timestamp of the point it becomes, epoch ms. */
    public interface Time<T> extends Serializable {
        long of(T record);
    }

    final Sink<T> inner;
    private final String name;
    private final Time<T> time;
    private final long start;
    private final long end;

    InRangeSink(Sink<T> inner, String name, Time<T> time, RecomputeRange range) {
        this.inner = inner;
        this.name = name;
        this.time = time;
        this.start = range.start();
        this.end = range.end();
    }

    /** {@code inner} restricted to the range; stateful when {@code inner} is. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static <T> Sink<T> of(Sink<T> inner, String name, Time<T> time, RecomputeRange range) {
        if (inner instanceof SupportsWriterState<?, ?>) {
            return new Stateful(inner, name, time, range);
        }
        return new InRangeSink<>(inner, name, time, range);
    }

    @Override
    public DataStream<T> addPreWriteTopology(DataStream<T> input) {
        return input.filter(new InRange<>(name, time, start, end))
                .name("recompute-range-" + name)
                .uid("recompute-range-" + name);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return inner.createWriter(context);
    }

    static final class InRange<T> extends RichFilterFunction<T> {
        private final String name;
        private final Time<T> time;
        private final long start;
        private final long end;
        private transient LongCounter written;
        private transient LongCounter warmUp;

        InRange(String name, Time<T> time, long start, long end) {
            this.name = name;
            this.time = time;
            this.start = start;
            this.end = end;
        }

        @Override
        public void open(OpenContext openContext) {
            written = new LongCounter();
            warmUp = new LongCounter();
            getRuntimeContext().addAccumulator(name + ".written", written);
            getRuntimeContext().addAccumulator(name + ".warm-up", warmUp);
        }

        @Override
        public boolean filter(T record) {
            long t = time.of(record);
            if (t >= start && t < end) {
                written.add(1);
                return true;
            }
            warmUp.add(1);
            return false;
        }
    }

    /** The same, for a sink with writer state (the InfluxDB sink keeps unacknowledged points). */
    static final class Stateful<T, S> extends InRangeSink<T> implements SupportsWriterState<T, S> {
        Stateful(Sink<T> inner, String name, Time<T> time, RecomputeRange range) {
            super(inner, name, time, range);
        }

        @SuppressWarnings("unchecked")
        private SupportsWriterState<T, S> stateful() {
            return (SupportsWriterState<T, S>) inner;
        }

        @Override
        public StatefulSinkWriter<T, S> restoreWriter(
                WriterInitContext context, Collection<S> state) throws IOException {
            return stateful().restoreWriter(context, state);
        }

        @Override
        public SimpleVersionedSerializer<S> getWriterStateSerializer() {
            return stateful().getWriterStateSerializer();
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
            return inner.createWriter(context);
        }
    }
}
