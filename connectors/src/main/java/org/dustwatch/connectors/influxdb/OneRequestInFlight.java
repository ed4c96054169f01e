package org.dustwatch.connectors.influxdb;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.strategy.RateLimitingStrategy;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;
import org.apache.flink.connector.base.sink.writer.strategy.ResultInfo;

/**
 * At most one request in flight, and batches of the configured size whatever happens: unlike
 * Flink's congestion control, a failure never shrinks the batch (a smaller batch would not make a
 * failing InfluxDB recover, and the lines must keep their order anyway).
 *
 * <p>While a checkpoint waits for the request in flight ({@link #hold}), no new request starts, so
 * the barrier waits for that one attempt (and its backoff) only. Used from the task thread only.
 */
@Internal
final class OneRequestInFlight implements RateLimitingStrategy {
    private final int batchSize;
    private int inFlight;
    private boolean held;

    OneRequestInFlight(int batchSize) {
        this.batchSize = batchSize;
    }

    @Override
    public void registerInFlightRequest(RequestInfo requestInfo) {
        inFlight++;
    }

    @Override
    public void registerCompletedRequest(ResultInfo resultInfo) {
        inFlight--;
    }

    @Override
    public boolean shouldBlock(RequestInfo requestInfo) {
        return inFlight > 0 || held;
    }

    @Override
    public int getMaxBatchSize() {
        return batchSize;
    }

    int inFlight() {
        return inFlight;
    }

    /** While held, no new request starts; the one in flight completes as usual. */
    void hold(boolean held) {
        this.held = held;
    }
}
