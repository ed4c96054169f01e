package org.dustwatch.jobs.functions.rollup;

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.functions.AirTally;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;

/** Stamps a station window's tally with its subject and window start. */
public final class ToAirStats
        extends ProcessWindowFunction<AirTally, AirStats, String, TimeWindow> {

    private final WindowSize window;

    public ToAirStats(WindowSize window) {
        this.window = window;
    }

    @Override
    public void process(
            String station, Context ctx, Iterable<AirTally> tallies, Collector<AirStats> out) {
        AirTally t = tallies.iterator().next();
        out.collect(
                new AirStats(
                        Level.STATION.tag(),
                        station,
                        t.township,
                        window.tag(),
                        ctx.window().getStart(),
                        t.sum.clone(),
                        t.count.clone(),
                        t.max.clone(),
                        t.windSin,
                        t.windCos,
                        t.readings));
    }
}
