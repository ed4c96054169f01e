package org.dustwatch.jobs.functions.rollup;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.functions.InspectionTally;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;

/**
 * Stamps a window's tally with its level, subject and window start. The output depends on the
 * window's input alone, so a late firing or a replay yields the same point again.
 */
public final class ToInspectionStats
        extends ProcessWindowFunction<InspectionTally, InspectionStats, String, TimeWindow> {

    private final Level level;
    private final WindowSize window;

    public ToInspectionStats(Level level, WindowSize window) {
        this.level = level;
        this.window = window;
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<InspectionTally> tallies,
            Collector<InspectionStats> out) {
        InspectionTally t = tallies.iterator().next();
        boolean checkpointLevel = level == Level.CHECKPOINT;
        out.collect(
                new InspectionStats(
                        level.tag(),
                        key,
                        checkpointLevel ? t.road : null,
                        checkpointLevel ? t.township : null,
                        window.tag(),
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
