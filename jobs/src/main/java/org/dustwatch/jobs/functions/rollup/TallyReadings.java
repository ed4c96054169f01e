package org.dustwatch.jobs.functions.rollup;

import org.apache.flink.api.common.functions.AggregateFunction;
import org.dustwatch.jobs.functions.AirTally;
import org.dustwatch.model.Reading;

/** Aggregates one station's readings incrementally as they arrive in a window. */
public final class TallyReadings implements AggregateFunction<Reading, AirTally, AirTally> {

    @Override
    public AirTally createAccumulator() {
        return new AirTally();
    }

    @Override
    public AirTally add(Reading value, AirTally acc) {
        acc.add(value);
        return acc;
    }

    @Override
    public AirTally getResult(AirTally acc) {
        return acc;
    }

    @Override
    public AirTally merge(AirTally a, AirTally b) {
        if (a.township == null) {
            a.township = b.township;
        }
        a.merge(b.sum, b.count, b.max, b.windSin, b.windCos, b.readings);
        return a;
    }
}
