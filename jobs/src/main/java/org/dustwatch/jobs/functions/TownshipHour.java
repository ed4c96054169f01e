package org.dustwatch.jobs.functions;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.PollutantHour;

/**
 * A township's hourly concentrations for its AQI: per pollutant, the mean of its stations' valid
 * hourly means. A station whose hour is not valid for a pollutant does not count for it; with no
 * valid station the township has no mean. Parts are keyed by station, the last arrival winning.
 */
public final class TownshipHour
        extends ProcessWindowFunction<PollutantHour, PollutantHour, String, TimeWindow> {

    @Override
    public void process(
            String township,
            Context ctx,
            Iterable<PollutantHour> inputs,
            Collector<PollutantHour> out) {
        Map<String, PollutantHour> latest = new LinkedHashMap<>();
        for (PollutantHour h : inputs) {
            latest.put(h.subject(), h);
        }
        double[] sum = new double[PollutantHour.POLLUTANTS];
        int[] stations = new int[PollutantHour.POLLUTANTS];
        for (PollutantHour h : latest.values()) {
            for (int i = 0; i < sum.length; i++) {
                if (!Double.isNaN(h.mean()[i])) {
                    sum[i] += h.mean()[i];
                    stations[i]++;
                }
            }
        }
        double[] mean = new double[sum.length];
        Arrays.fill(mean, Double.NaN);
        for (int i = 0; i < sum.length; i++) {
            if (stations[i] > 0) {
                mean[i] = sum[i] / stations[i];
            }
        }
        out.collect(
                new PollutantHour(
                        "township", township, township, ctx.window().getStart(), mean, stations));
    }
}
