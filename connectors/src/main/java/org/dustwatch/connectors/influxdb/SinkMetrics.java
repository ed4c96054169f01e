package org.dustwatch.connectors.influxdb;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The writer's metrics. Registered on the Flink metric group in a job; plain counters in tests, so
 * that tests can read them.
 *
 * @param pointsWritten points InfluxDB stored ({@code numRecordsSend})
 * @param pointsRejected points InfluxDB refused as invalid ({@code numRecordsSendErrors})
 * @param bytesSent request bytes after compression ({@code numBytesSend})
 * @param retries requests sent again after a transient failure ({@code influxRetries})
 * @param batches batches completed ({@code influxBatches})
 */
record SinkMetrics(
        Counter pointsWritten,
        Counter pointsRejected,
        Counter bytesSent,
        Counter retries,
        Counter batches,
        LatencyGauge lastBatchLatencyMs) {

    /** The latency of the last completed batch, first attempt to final answer, in ms. */
    static final class LatencyGauge implements org.apache.flink.metrics.Gauge<Long> {
        private volatile long value;

        void set(long ms) {
            value = ms;
        }

        @Override
        public Long getValue() {
            return value;
        }
    }

    static SinkMetrics register(SinkWriterMetricGroup group) {
        LatencyGauge latency = new LatencyGauge();
        // currentSendTime is AsyncSinkWriter's: the last request, from its start to its answer.
        group.gauge("influxLastBatchLatencyMs", latency);
        return new SinkMetrics(
                group.getNumRecordsSendCounter(),
                group.getNumRecordsSendErrorsCounter(),
                group.getNumBytesSendCounter(),
                group.counter("influxRetries"),
                group.counter("influxBatches"),
                latency);
    }

    static SinkMetrics simple() {
        return new SinkMetrics(
                new SimpleCounter(),
                new SimpleCounter(),
                new SimpleCounter(),
                new SimpleCounter(),
                new SimpleCounter(),
                new LatencyGauge());
    }
}
