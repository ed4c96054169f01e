package org.dustwatch.connectors.influxdb;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A Flink Sink V2 that writes points to InfluxDB, through the v1 {@code /write} API (InfluxDB 1.x,
 * and the v1-compatible endpoint of 2.x and 3.x) or the v2 {@code /api/v2/write} API.
 *
 * <p>At-least-once: at every checkpoint, each point written before the barrier is either
 * acknowledged by InfluxDB or in the checkpoint (the writer's state: the lines not yet
 * acknowledged), and a restored writer sends those first. With a deterministic {@link
 * PointConverter} a replayed point overwrites itself (same series, same timestamp), so the stored
 * results are exactly-once, given the ordering invariant that {@link InfluxDbWriter} states:
 * connect the sink by a forward edge to the operator that produces its points, at the same
 * parallelism.
 */
public final class InfluxDbSink<T>
        implements Sink<T>, SupportsWriterState<T, BufferedRequestState<String>> {
    private static final long serialVersionUID = 2L;

    private final InfluxDbSinkConfig config;
    private final PointConverter<T> converter;
    private String reportAs;

    InfluxDbSink(InfluxDbSinkConfig config, PointConverter<T> converter) {
        this.config = Objects.requireNonNull(config);
        this.converter = Objects.requireNonNull(converter);
    }

    public static <T> InfluxDbSinkBuilder<T> builder() {
        return new InfluxDbSinkBuilder<>();
    }

    public InfluxDbSinkConfig config() {
        return config;
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> createWriter(
            WriterInitContext context) {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, BufferedRequestState<String>> restoreWriter(
            WriterInitContext context, Collection<BufferedRequestState<String>> restored) {
        InfluxDbWriter<T> w =
                new InfluxDbWriter<>(config, converter, transport(config), context, restored);
        return reportAs == null
                ? w
                : w.reportAs(reportAs, context.getTaskInfo().getIndexOfThisSubtask());
    }

    @Override
    public SimpleVersionedSerializer<BufferedRequestState<String>> getWriterStateSerializer() {
        return new LineStateSerializer();
    }

    /**
     * A copy that reports each batch as a point of the {@code sink} measurement, tagged with this
     * name and the subtask, for dashboards of the sink's health: written and rejected points,
     * retries and latency. Off by default.
     */
    public InfluxDbSink<T> reportingAs(String sinkName) {
        InfluxDbSink<T> copy = new InfluxDbSink<>(config, converter);
        copy.reportAs = sinkName;
        return copy;
    }

    static InfluxTransport transport(InfluxDbSinkConfig config) {
        return switch (config.api()) {
            case V1 -> new V1HttpTransport(config);
            case V2 -> new V2ClientTransport(config);
        };
    }
}
