package org.dustwatch.jobs.functions.rollup;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.dustwatch.jobs.functions.InspectionTally;
import org.dustwatch.model.Inspection;

/** Counts inspections incrementally as they arrive in a window. */
public final class TallyInspections
        implements AggregateFunction<Inspection, InspectionTally, InspectionTally> {

    @Override
    public InspectionTally createAccumulator() {
        return new InspectionTally();
    }

    @Override
    public InspectionTally add(Inspection value, InspectionTally acc) {
        acc.add(value);
        return acc;
    }

    @Override
    public InspectionTally getResult(InspectionTally acc) {
        return acc;
    }

    @Override
    public InspectionTally merge(InspectionTally a, InspectionTally b) {
        a.merge(b);
        return a;
    }
}
