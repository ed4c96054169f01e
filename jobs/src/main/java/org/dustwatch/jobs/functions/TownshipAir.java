package org.dustwatch.jobs.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.model.Quantity;

/**
 * A township's window from its stations' windows of the same size: for each quantity, the mean of
 * the station means (every station weighs the same, however often it reports) and the maximum of
 * the station maxima. A station without a value for a quantity does not count for it. Parts are
 * keyed by station with the last arrival winning.
 */
public final class TownshipAir
        extends ProcessWindowFunction<AirStats, AirStats, String, TimeWindow> {

    private final String windowName;

    public TownshipAir(String windowName) {
        this.windowName = windowName;
    }

    @Override
    public void process(
            String township, Context ctx, Iterable<AirStats> inputs, Collector<AirStats> out) {
        Map<String, AirStats> latest = new LinkedHashMap<>();
        for (AirStats s : inputs) {
            latest.put(s.subject(), s);
        }
        int n = Quantity.ALL.length;
        double[] sumOfMeans = new double[n];
        long[] stations = new long[n];
        double[] max = AirTally.filledNaN();
        long readings = 0;
        for (AirStats s : latest.values()) {
            readings += s.readings();
            for (Quantity q : Quantity.ALL) {
                int i = q.ordinal();
                if (s.count()[i] > 0) {
                    sumOfMeans[i] += s.mean(q);
                    stations[i]++;
                    max[i] = Double.isNaN(max[i]) ? s.max()[i] : Math.max(max[i], s.max()[i]);
                }
            }
        }
        out.collect(
                new AirStats(
                        "township",
                        township,
                        township,
                        windowName,
                        ctx.window().getStart(),
                        sumOfMeans,
                        stations,
                        max,
                        0,
                        0,
                        readings));
    }
}
