package org.dustwatch.connectors.influxdb;

import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink Sink V2 that writes points to InfluxDB, through the v1 {@code /write} API (InfluxDB 1.x,
 * and the v1-compatible endpoint of 2.x and 3.x) or the v2 {@code /api/v2/write} API.
 *
 * <p>At-least-once: every checkpoint blocks until all buffered points are acknowledged. With a
 * deterministic {@link PointConverter} a replayed point overwrites itself (same series, same
 * timestamp), so the stored results are exactly-once.
 */
public final class InfluxDbSink<T> implements Sink<T> {
    private static final long serialVersionUID = 1L;

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
    public SinkWriter<T> createWriter(WriterInitContext context) {
        InfluxDbWriter<T> w =
                new InfluxDbWriter<>(
                        config,
                        converter,
                        transport(config),
                        context.getProcessingTimeService(),
                        SinkMetrics.register(context.metricGroup()));
        return reportAs == null
                ? w
                : w.reportAs(reportAs, context.getTaskInfo().getIndexOfThisSubtask());
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
