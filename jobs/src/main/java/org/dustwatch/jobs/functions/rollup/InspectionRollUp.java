package org.dustwatch.jobs.functions.rollup;

import java.util.Collection;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;

/**
 * Inspection figures of a coarser level or window: counts and fines add up. Checkpoints keep their
 * road and township; roads and townships carry none.
 */
public final class InspectionRollUp
        implements LastPerPart.Combiner<InspectionStats, InspectionStats> {

    /** What identifies a part among the window's inputs. */
    public enum Part {
        /** The input's subject: checkpoints rolled up into a road or township. */
        SUBJECT,
        /** The input's window start: minutes rolled up into an hour, hours into a day. */
        WINDOW
    }

    private final Level level;
    private final WindowSize window;
    private final Part part;

    public InspectionRollUp(Level level, WindowSize window, Part part) {
        this.level = level;
        this.window = window;
        this.part = part;
    }

    @Override
    public Object partOf(InspectionStats s) {
        return part == Part.SUBJECT ? s.subject() : (Object) s.windowStart();
    }

    @Override
    public InspectionStats combine(
            String key, long windowStart, Collection<InspectionStats> latest) {
        long inspected = 0, violating = 0, uncovered = 0, overheight = 0, overload = 0;
        long spillage = 0, fines = 0;
        String road = null, township = null;
        for (InspectionStats s : latest) {
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
        boolean checkpoint = level == Level.CHECKPOINT;
        return new InspectionStats(
                level.tag(),
                key,
                checkpoint ? road : null,
                checkpoint ? township : null,
                window.tag(),
                windowStart,
                inspected,
                violating,
                uncovered,
                overheight,
                overload,
                spillage,
                fines);
    }
}
