package org.dustwatch.connectors.influxdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.sink.writer.RequestBuffer;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;

/**
 * The writer's buffer of line-protocol lines, in the order they will be sent: retried lines are put
 * back at the head, new ones at the tail. Used from the task thread only.
 *
 * <p>Besides holding lines, it is how the writer's flush interval reaches {@code AsyncSinkWriter}:
 * that class sends a batch without blocking only when enough lines or bytes are buffered, and its
 * own time-based flush waits in the task thread until the whole buffer is sent (which, while
 * InfluxDB fails, is never). So the writer disables that timer and, when its own interval passes,
 * marks this buffer {@link #flushDue()}: it then reports itself as full, and the next non-blocking
 * flush sends what it holds, one batch at a time, until it is empty. Retried lines put back at the
 * head mark it so too: a retry goes out once its backoff has passed.
 */
@Internal
final class LineBuffer implements RequestBuffer<String> {

    private final Deque<RequestEntryWrapper<String>> lines = new ArrayDeque<>();
    private long size;
    private boolean flushDue;

    /**
     * Adds a line; a wrapper of {@code null} (the writer's flush tick) adds nothing. A line added
     * at the head is a retried one, whose backoff has passed: it marks a flush due, so that the
     * retry goes out now and not at the next flush tick (or only once a whole batch waits).
     */
    @Override
    public void add(RequestEntryWrapper<String> entry, boolean atHead) {
        if (entry.getRequestEntry() == null) {
            return;
        }
        if (atHead) {
            lines.addFirst(entry);
            flushDue = true;
        } else {
            lines.addLast(entry);
        }
        size += entry.getSize();
    }

    @Override
    public RequestEntryWrapper<String> poll() {
        RequestEntryWrapper<String> e = lines.poll();
        if (e != null) {
            size -= e.getSize();
        }
        if (lines.isEmpty()) {
            flushDue = false;
        }
        return e;
    }

    @Override
    public RequestEntryWrapper<String> peek() {
        return lines.peek();
    }

    @Override
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    @Override
    public int size() {
        return lines.size();
    }

    @Override
    public Collection<RequestEntryWrapper<String>> getBufferedState() {
        return new ArrayList<>(lines);
    }

    /**
     * The buffered size in characters, or {@code Long.MAX_VALUE} once the flush interval has passed
     * with lines waiting (see the class comment), so that they are sent.
     */
    @Override
    public long totalSizeInBytes() {
        return flushDue && !lines.isEmpty() ? Long.MAX_VALUE : size;
    }

    /** The flush interval has passed: send everything buffered now, without waiting for more. */
    void flushDue() {
        flushDue = !lines.isEmpty();
    }
}
