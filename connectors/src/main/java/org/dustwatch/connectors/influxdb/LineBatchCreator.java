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
 * line protocol, but always at least one line. After {@link #nextBatchAtMost}, the next batch only
 * is smaller still. Used from the task thread only.
 */
@Internal
final class LineBatchCreator implements BatchCreator<String> {
    private final long maxChars;

    /** The bound on the next batch only, or 0 for none. */
    private int nextAtMost;

    LineBatchCreator(long maxChars) {
        this.maxChars = maxChars;
    }

    /**
     * The next batch takes at most {@code lines} lines; the ones after it are sized as usual. The
     * writer sets it before a retry that follows a request with no answer, so that the retry
     * carries exactly the retried lines (see {@link InfluxDbWriter}, the ordering invariant).
     */
    void nextBatchAtMost(int lines) {
        this.nextAtMost = lines;
    }

    @Override
    public Batch<String> createNextBatch(RequestInfo info, RequestBuffer<String> buffer) {
        int limit = info.getBatchSize();
        if (nextAtMost > 0) {
            limit = Math.min(limit, nextAtMost);
            nextAtMost = 0;
        }
        List<String> batch = new ArrayList<>(Math.min(limit, buffer.size()));
        long chars = 0;
        while (batch.size() < limit && !buffer.isEmpty()) {
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
