package org.dustwatch.jobs.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AirStats;

/**
 * A station's hour from its minutes, or its day from its hours: sums, counts and maxima combine
 * exactly. Parts are keyed by window start with the last arrival winning, so a late firing upstream
 * replaces its earlier figures (see {@link RollUpInspections}).
 */
public final class RollUpStations
        extends ProcessWindowFunction<AirStats, AirStats, String, TimeWindow> {

    private final String windowName;

    public RollUpStations(String windowName) {
        this.windowName = windowName;
    }

    @Override
    public void process(
            String station, Context ctx, Iterable<AirStats> inputs, Collector<AirStats> out) {
        Map<Long, AirStats> latest = new LinkedHashMap<>();
        for (AirStats s : inputs) {
            latest.put(s.windowStart(), s);
        }
        AirTally t = new AirTally();
        for (AirStats s : latest.values()) {
            t.township = s.township();
            t.merge(s.sum(), s.count(), s.max(), s.windSin(), s.windCos(), s.readings());
        }
        out.collect(
                new AirStats(
                        "station",
                        station,
                        t.township,
                        windowName,
                        ctx.window().getStart(),
                        t.sum,
                        t.count,
                        t.max,
                        t.windSin,
                        t.windCos,
                        t.readings));
    }
}
