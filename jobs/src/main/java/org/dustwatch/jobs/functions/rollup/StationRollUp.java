package org.dustwatch.jobs.functions.rollup;

import java.util.Collection;
import org.dustwatch.jobs.functions.AirTally;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;

/**
 * A station's hour from its minutes, or its day from its hours: sums, counts and maxima combine
 * exactly. Parts are the finer windows.
 */
public final class StationRollUp implements LastPerPart.Combiner<AirStats, AirStats> {

    private final WindowSize window;

    public StationRollUp(WindowSize window) {
        this.window = window;
    }

    @Override
    public Object partOf(AirStats s) {
        return s.windowStart();
    }

    @Override
    public AirStats combine(String station, long windowStart, Collection<AirStats> latest) {
        AirTally t = new AirTally();
        for (AirStats s : latest) {
            t.township = s.township();
            t.merge(s.sum(), s.count(), s.max(), s.windSin(), s.windCos(), s.readings());
        }
        return new AirStats(
                Level.STATION.tag(),
                station,
                t.township,
                window.tag(),
                windowStart,
                t.sum,
                t.count,
                t.max,
                t.windSin,
                t.windCos,
                t.readings);
    }
}
