package org.dustwatch.jobs.functions.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Event-time windows of one local calendar day: from local midnight to the next, in a given zone.
 * Unlike tumbling windows with an offset, this stays right on days that daylight-saving time makes
 * 23 or 25 hours long.
 */
public final class LocalDayWindows extends WindowAssigner<Object, TimeWindow> {

    private final String zoneId;

    public LocalDayWindows(ZoneId zone) {
        this.zoneId = zone.getId();
    }

    /** The local day that contains {@code timestamp}. */
    public static TimeWindow dayOf(long timestamp, ZoneId zone) {
        LocalDate day = Instant.ofEpochMilli(timestamp).atZone(zone).toLocalDate();
        long start = day.atStartOfDay(zone).toInstant().toEpochMilli();
        long end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
        return new TimeWindow(start, end);
    }

    @Override
    public Collection<TimeWindow> assignWindows(
            Object element, long timestamp, WindowAssignerContext context) {
        return List.of(dayOf(timestamp, ZoneId.of(zoneId)));
    }

    @Override
    public Trigger<Object, TimeWindow> getDefaultTrigger() {
        return EventTimeTrigger.create();
    }

    @Override
    public TypeSerializer<TimeWindow> getWindowSerializer(ExecutionConfig executionConfig) {
        return new TimeWindow.Serializer();
    }

    @Override
    public boolean isEventTime() {
        return true;
    }

    @Override
    public String toString() {
        return "LocalDayWindows(" + zoneId + ")";
    }
}
