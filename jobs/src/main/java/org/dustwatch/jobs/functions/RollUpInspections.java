package org.dustwatch.jobs.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.InspectionStats;

/**
 * Builds coarser inspection figures from finer ones: a road's minute from its checkpoints' minutes,
 * a checkpoint's hour from its minutes, a day from hours.
 *
 * <p>Its input is already aggregated, so the window holds at most a few dozen small records per key
 * (60 minutes, 24 hours, the checkpoints of a road), never raw events. They are combined by
 * <em>part</em> (the finer subject or window) with the last arrival winning: a late firing upstream
 * re-sends a part with its corrected figures, and it replaces the earlier ones instead of adding to
 * them. That keeps late firings exact all the way up.
 */
public final class RollUpInspections
        extends ProcessWindowFunction<InspectionStats, InspectionStats, String, TimeWindow> {

    /** What identifies a part among the window's inputs. */
    public enum Part {
        /** The input's subject: checkpoints rolled up into a road or township. */
        SUBJECT,
        /** The input's window start: minutes rolled up into an hour, hours into a day. */
        WINDOW
    }

    private final String level;
    private final String windowName;
    private final Part part;

    public RollUpInspections(String level, String windowName, Part part) {
        this.level = level;
        this.windowName = windowName;
        this.part = part;
    }

    @Override
    public void process(
            String key,
            Context ctx,
            Iterable<InspectionStats> inputs,
            Collector<InspectionStats> out) {
        Map<Object, InspectionStats> latest = new LinkedHashMap<>();
        for (InspectionStats s : inputs) {
            latest.put(part == Part.SUBJECT ? s.subject() : (Object) s.windowStart(), s);
        }
        long inspected = 0, violating = 0, uncovered = 0, overheight = 0, overload = 0;
        long spillage = 0, fines = 0;
        String road = null, township = null;
        for (InspectionStats s : latest.values()) {
            inspected += s.inspected();
            violating += s.violating();
            uncovered += s.uncovered();
            overheight += s.overheight();
            overload += s.overload();
            spillage += s.spillage();
            fines += s.finesYuan();
            road = s.road();
            township = s.township();
        }
        boolean checkpointLevel = "checkpoint".equals(level);
        out.collect(
                new InspectionStats(
                        level,
                        key,
                        checkpointLevel ? road : null,
                        checkpointLevel ? township : null,
                        windowName,
                        ctx.window().getStart(),
                        inspected,
                        violating,
                        uncovered,
                        overheight,
                        overload,
                        spillage,
                        fines));
    }
}
