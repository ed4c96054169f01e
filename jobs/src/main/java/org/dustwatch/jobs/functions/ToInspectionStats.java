package org.dustwatch.jobs.functions;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.InspectionStats;

/**
 * Stamps a window's tally with its level, subject and window start. The output depends on the
 * window's input alone, so a late firing or a replay yields the same point again.
 */
public final class ToInspectionStats
        extends ProcessWindowFunction<InspectionTally, InspectionStats, String, TimeWindow> {

    private final String level;
    private final String windowName;

    public ToInspectionStats(String level, String windowName) {
        this.level = level;
        this.windowName = windowName;
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<InspectionTally> tallies,
            Collector<InspectionStats> out) {
        InspectionTally t = tallies.iterator().next();
        boolean checkpointLevel = "checkpoint".equals(level);
        out.collect(
                new InspectionStats(
                        level,
                        key,
                        checkpointLevel ? t.road : null,
                        checkpointLevel ? t.township : null,
                        windowName,
                        ctx.window().getStart(),
                        t.inspected,
                        t.violating,
                        t.uncovered,
                        t.overheight,
                        t.overload,
                        t.spillage,
                        t.finesYuan));
    }
}
