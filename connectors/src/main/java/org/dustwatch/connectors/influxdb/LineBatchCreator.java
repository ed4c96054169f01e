package org.dustwatch.connectors.influxdb;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.Batch;
import org.apache.flink.connector.base.sink.writer.BatchCreator;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.strategy.RequestInfo;

/**
 * Takes the next batch from the head of the buffer, in order: at most the batch size asked for (the
 * configured batch size, see {@link OneRequestInFlight}) and at most {@code maxChars} characters of
 * line protocol, but always at least one line.
 */
@Internal
final class LineBatchCreator implements BatchCreator<String> {
    private final long maxChars;

    LineBatchCreator(long maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public Batch<String> createNextBatch(RequestInfo info, RequestBuffer<String> buffer) {
        List<String> batch = new ArrayList<>(Math.min(info.getBatchSize(), buffer.size()));
        long chars = 0;
        while (batch.size() < info.getBatchSize() && !buffer.isEmpty()) {
            RequestEntryWrapper<String> next = buffer.peek();
            if (!batch.isEmpty() && chars + next.getSize() > maxChars) {
                break;
            }
            buffer.poll();
            batch.add(next.getRequestEntry());
            chars += next.getSize();
        }
        return new Batch<>(batch, chars);
    }
}
