package org.dustwatch.connectors.influxdb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/**
 * Test time: a clock that moves only when the test says so or when the writer backs off (each
 * backoff delay is recorded and skipped, see {@link #scheduler}), and processing-time timers that
 * fire, in the test's thread, when the test advances the time past them.
 */
final class FakeTime extends Clock implements ProcessingTimeService {
    private final AtomicLong now = new AtomicLong(1_764_288_000_000L);

    /** Every backoff delay the writer asked for, in order. */
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    private final List<Timer> timers = new ArrayList<>();

    /**
     * An I/O executor for the writer: one thread, as in production, that runs a delayed task at
     * once, after recording its delay and moving the clock on by it.
     */
    ScheduledThreadPoolExecutor scheduler() {
        return new ScheduledThreadPoolExecutor(1) {
            @Override
            public void execute(Runnable command) {
                super.schedule(command, 0, TimeUnit.NANOSECONDS); // not a delay: not recorded
            }

            @Override
            public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
                delays.add(Duration.ofMillis(unit.toMillis(delay)));
                now.addAndGet(unit.toMillis(delay));
                return super.schedule(command, 0, unit);
            }
        };
    }

    /** Moves the clock on and fires the timers that are due. */
    void advance(Duration d) throws Exception {
        now.addAndGet(d.toMillis());
        List<Timer> due = new ArrayList<>();
        for (Iterator<Timer> it = timers.iterator(); it.hasNext(); ) {
            Timer t = it.next();
            if (t.cancelled) {
                it.remove();
            } else if (t.at <= now.get()) {
                it.remove();
                due.add(t);
            }
        }
        for (Timer t : due) {
            t.callback.onProcessingTime(now.get());
        }
    }

    @Override
    public long getCurrentProcessingTime() {
        return now.get();
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
        Timer t = new Timer(timestamp, target);
        timers.add(t);
        return t;
    }

    @Override
    public long millis() {
        return now.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    private final class Timer implements ScheduledFuture<Object> {
        final long at;
        final ProcessingTimeCallback callback;
        volatile boolean cancelled;

        Timer(long at, ProcessingTimeCallback callback) {
            this.at = at;
            this.callback = callback;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now.get(), TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), o.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterrupt) {
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
