package org.dustwatch.jobs.functions.rollup;

import java.util.Collection;
import org.dustwatch.jobs.functions.AirTally;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.model.Quantity;

/**
 * A township's window from its stations' windows of the same size: for each quantity, the mean of
 * the station means (every station weighs the same, however often it reports) and the maximum of
 * the station maxima. A station without a value for a quantity does not count for it. Parts are the
 * stations.
 */
public final class TownshipAirRollUp implements LastPerPart.Combiner<AirStats, AirStats> {

    private final WindowSize window;

    public TownshipAirRollUp(WindowSize window) {
        this.window = window;
    }

    @Override
    public Object partOf(AirStats s) {
        return s.subject();
    }

    @Override
    public AirStats combine(String township, long windowStart, Collection<AirStats> latest) {
        int n = Quantity.ALL.length;
        double[] sumOfMeans = new double[n];
        long[] stations = new long[n];
        double[] max = AirTally.filledNaN();
        long readings = 0;
        for (AirStats s : latest) {
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
        return new AirStats(
                Level.TOWNSHIP.tag(),
                township,
                township,
                window.tag(),
                windowStart,
                sumOfMeans,
                stations,
                max,
                0,
                0,
                readings);
    }
}
