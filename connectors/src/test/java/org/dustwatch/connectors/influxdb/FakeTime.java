package org.dustwatch.connectors.influxdb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;

/**
 * Test time: a clock that only moves when the writer "sleeps" (each sleep is recorded), and
 * processing-time timers that fire when the test says so.
 */
final class FakeTime extends Clock implements InfluxDbWriter.Sleeper, ProcessingTimeService {
    private long now = 1_764_288_000_000L;
    final List<Duration> sleeps = new ArrayList<>();
    private final List<ProcessingTimeCallback> timers = new ArrayList<>();

    @Override
    public void sleep(Duration d) {
        sleeps.add(d);
        now += d.toMillis();
    }

    /** Fires every registered timer once (the writer re-registers its own). */
    void fireTimers() throws Exception {
        List<ProcessingTimeCallback> due = new ArrayList<>(timers);
        timers.clear();
        for (ProcessingTimeCallback c : due) {
            c.onProcessingTime(now);
        }
    }

    int pendingTimers() {
        return timers.size();
    }

    @Override
    public long getCurrentProcessingTime() {
        return now;
    }

    @Override
    public ScheduledFuture<?> registerTimer(long timestamp, ProcessingTimeCallback target) {
        timers.add(target);
        return null;
    }

    @Override
    public long millis() {
        return now;
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(now);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
