package org.dustwatch.jobs.functions;

import org.dustwatch.model.Inspection;
import org.dustwatch.model.Violation;

/**
 * Running counts of one window's inspections: the accumulator of {@link TallyInspections}. A
 * mutable Flink POJO, so window state holds a handful of numbers, never the inspections.
 */
public class InspectionTally {
    public long inspected;
    public long violating;
    public long uncovered;
    public long overheight;
    public long overload;
    public long spillage;
    public long finesYuan;

    /** Road and township of the first inspection; constant for a checkpoint's windows. */
    public String road;

    public String township;

    public InspectionTally() {}

    public void add(Inspection i) {
        if (road == null) {
            road = i.road();
            township = i.township();
        }
        inspected++;
        if (i.violating()) {
            violating++;
        }
        int v = i.violations();
        if (Violation.UNCOVERED.in(v)) {
            uncovered++;
        }
        if (Violation.OVERHEIGHT.in(v)) {
            overheight++;
        }
        if (Violation.OVERLOAD.in(v)) {
            overload++;
        }
        if (Violation.SPILLAGE.in(v)) {
            spillage++;
        }
        finesYuan += i.fineYuan();
    }

    public void merge(InspectionTally o) {
        if (road == null) {
            road = o.road;
            township = o.township;
        }
        inspected += o.inspected;
        violating += o.violating;
        uncovered += o.uncovered;
        overheight += o.overheight;
        overload += o.overload;
        spillage += o.spillage;
        finesYuan += o.finesYuan;
    }
}
