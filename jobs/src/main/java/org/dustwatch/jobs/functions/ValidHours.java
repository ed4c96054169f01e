package org.dustwatch.jobs.functions;

import org.apache.flink.api.common.functions.MapFunction;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.Quantity;

/**
 * A station's hour as the AQI sees it: a pollutant's hourly mean counts only when it rests on at
 * least {@code minReadings} readings. With one reading a minute the default, 45, is GB 3095's rule
 * that a 1-h average needs 45 minutes of data; a shorter hour has no mean, not a biased one.
 */
public final class ValidHours implements MapFunction<AirStats, PollutantHour> {

    private final int minReadings;

    public ValidHours(int minReadings) {
        this.minReadings = minReadings;
    }

    @Override
    public PollutantHour map(AirStats s) {
        double[] mean = new double[PollutantHour.POLLUTANTS];
        int[] stations = new int[PollutantHour.POLLUTANTS];
        for (int i = 0; i < PollutantHour.POLLUTANTS; i++) {
            Quantity q = Quantity.ALL[i];
            boolean valid = s.count()[i] >= minReadings;
            mean[i] = valid ? s.mean(q) : Double.NaN;
            stations[i] = valid ? 1 : 0;
        }
        return new PollutantHour(
                "station", s.subject(), s.township(), s.windowStart(), mean, stations);
    }
}
