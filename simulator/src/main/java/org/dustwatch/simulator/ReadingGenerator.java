package org.dustwatch.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.model.Topics;

/**
 * Generates one reading per station per interval over an event-time span, station by station within
 * each interval. A first model: PM follows a daily curve (high at night and in the morning, low in
 * the afternoon) with a level per township; O3 peaks in the afternoon; NO2 has rush-hour peaks;
 * about 2% of pollutant values are missing, as from failed sensors. The same seed and settings give
 * the same sequence.
 */
public final class ReadingGenerator implements Iterator<SimEvent> {

    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    private final List<Station> stations;
    private final SplittableRandom random;
    private final long startMillis;
    private final long intervalMillis;
    private final long intervals;
    private final double[] townshipLevel;
    private long produced;

    public ReadingGenerator(
            ReferenceData reference, long seed, Instant start, Duration span, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the reading interval must be positive");
        }
        this.stations = List.copyOf(reference.stations());
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.startMillis = start.toEpochMilli();
        this.intervalMillis = interval.toMillis();
        this.intervals = span.toMillis() / intervalMillis;
        this.townshipLevel = new double[stations.size()];
        for (int i = 0; i < stations.size(); i++) {
            // Townships differ by up to ±30%, the same for every station in one.
            townshipLevel[i] =
                    0.7 + 0.6 * Math.floorMod(stations.get(i).township().hashCode(), 100) / 100.0;
        }
    }

    /** How many readings this generator yields. */
    public long count() {
        return intervals * stations.size();
    }

    @Override
    public boolean hasNext() {
        return produced < count();
    }

    @Override
    public SimEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long n = produced++;
        int s = (int) (n % stations.size());
        Station st = stations.get(s);
        long ts = startMillis + (n / stations.size()) * intervalMillis;
        double hour = Instant.ofEpochMilli(ts).atZone(LOCAL).toLocalTime().toSecondOfDay() / 3600.0;
        // Night and morning accumulation, afternoon mixing.
        double pmCurve = 1.0 + 0.45 * Math.cos((hour - 3.0) / 24.0 * 2 * Math.PI);
        double pm25 = 38 * townshipLevel[s] * pmCurve * noise(0.15);
        double pm10 = pm25 * (1.7 + 0.3 * random.nextDouble());
        double o3 =
                Math.max(
                        5,
                        90
                                        * Math.max(
                                                0.15, Math.sin((hour - 7.0) / 24.0 * 2 * Math.PI))
                                        * noise(0.1)
                                + 20);
        double rush = Math.exp(-Math.pow(hour - 8, 2) / 2) + Math.exp(-Math.pow(hour - 18, 2) / 2);
        double no2 = (22 + 25 * rush) * townshipLevel[s] * noise(0.15);
        double so2 = 9 * townshipLevel[s] * noise(0.2);
        double co = 0.7 * pmCurve * noise(0.15);
        double temp =
                6 + 6 * Math.sin((hour - 9.0) / 24.0 * 2 * Math.PI) + random.nextGaussian() * 0.5;
        double humidity =
                clamp(
                        65
                                - 15 * Math.sin((hour - 9.0) / 24.0 * 2 * Math.PI)
                                + random.nextGaussian() * 3,
                        5,
                        100);
        double wind = Math.abs(2.5 + random.nextGaussian());
        double dir = Math.floorMod((long) (315 + random.nextGaussian() * 40), 360);

        StringBuilder b =
                new StringBuilder(256)
                        .append("{\"stationId\":\"")
                        .append(st.id())
                        .append("\",\"ts\":")
                        .append(ts);
        value(b, "pm25", pm25);
        value(b, "pm10", pm10);
        value(b, "so2", so2);
        value(b, "no2", no2);
        value(b, "co", co);
        value(b, "o3", o3);
        b.append(",\"tempC\":").append(fmt(temp));
        b.append(",\"humidity\":").append(fmt(humidity));
        b.append(",\"windSpeed\":").append(fmt(wind));
        b.append(",\"windDir\":").append((long) dir);
        return new SimEvent(Topics.READINGS, st.id(), b.append('}').toString());
    }

    private void value(StringBuilder b, String name, double v) {
        if (random.nextDouble() < 0.02) {
            return; // a failed sensor: the pollutant is missing
        }
        b.append(",\"").append(name).append("\":").append(fmt(v));
    }

    private double noise(double relative) {
        return Math.max(0.05, 1 + random.nextGaussian() * relative);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
