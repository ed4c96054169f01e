package org.dustwatch.simulator;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.CheckpointType;
import org.dustwatch.model.Quantity;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.model.Topics;
import org.dustwatch.model.VehicleType;
import org.dustwatch.model.Violation;

/**
 * A district in event time, one minute at a time: trucks through checkpoints and readings from
 * stations, with the disorder, faults and episodes the options ask for. Events come out in the
 * order a broker would receive them (emit time), which differs from event time for out-of-order,
 * late and duplicated events. Deterministic for a given seed and options.
 *
 * <p><b>Traffic.</b> Each checkpoint gets Poisson arrivals per minute: the district mean times a
 * daily profile (haulage peaks at night, when trucks may enter towns), a weekly profile (quieter
 * weekends) and the checkpoint's weight. Mobile teams work 20:00–04:00 only. Each road has a cargo
 * mix (mine, sand-yard and port roads carry more muck, stone powder, sand and coal); violation odds
 * depend on the cargo (uncovered loads and spillage are the vice of muck and stone powder), on the
 * checkpoint (±30%) and on any spike on the road.
 *
 * <p><b>Air.</b> Each township has a weather state (wind as a random walk; humidity) and a
 * pollution level. PM follows a daily curve and accumulates at night (inversions) and in humid,
 * still air; wind disperses it. O3 peaks in the afternoon, NO2 at rush hours. Each spillage in the
 * township raises its PM10 for the next hour, so analysts can see the link. Episodes multiply the
 * levels. Sensors fail: a pollutant is missing from a reading, a sensor sticks at one value for
 * hours, a station goes offline for a while.
 */
public final class DistrictSimulator implements Iterator<SimEvent> {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final long MINUTE = 60_000;

    /** µg/m³ of PM10 added per spillage in the township during the past hour. */
    static final double PM10_PER_SPILLAGE = 4.0;

    /** Relative truck traffic by local hour: night haulage peak, quiet morning. Mean 1. */
    static final double[] HOURLY =
            normalise(
                    new double[] {
                        1.7, 1.8, 1.8, 1.6, 1.2, 0.8, 0.6, 0.6, 0.7, 0.8, 0.8, 0.8,
                        0.7, 0.7, 0.7, 0.8, 0.8, 0.7, 0.7, 0.8, 1.1, 1.4, 1.5, 1.6
                    });

    /**
     * A haulage fleet that is caught again and again: the plates that repeat-offender alerts should
     * find. Every violating truck belongs to it with probability {@link #FLEET_SHARE}.
     */
    public static final List<String> REPEAT_OFFENDERS =
            List.of(
                    "冀J·66001",
                    "冀J·66002",
                    "冀J·66003",
                    "冀J·66004",
                    "冀J·66005",
                    "冀J·66006",
                    "冀J·66007",
                    "冀J·66008",
                    "冀J·66009",
                    "冀J·66010",
                    "冀J·66011",
                    "冀J·66012");

    static final double FLEET_SHARE = 0.2;

    private final SimulationOptions o;
    private final SplittableRandom random;

    /**
     * Draws only the fleet's plates: a stream of its own, so that the fleet leaves every other
     * figure of a seed's output as it was.
     */
    private final SplittableRandom fleet;

    private final List<Checkpoint> checkpoints;
    private final List<Station> stations;
    private final double[] cpWeight;
    private final double[] cpViolationFactor;
    private final double[][] roadCargo;
    private final Map<String, Integer> townshipIndex = new HashMap<>();
    private final double[] townshipLevel;
    private final double[] wind;
    private final double[] humidity;

    /** Spillages per township per minute over the last hour (ring buffer). */
    private final int[][] spillage;

    private final long[] stuckUntil;
    private final int[] stuckQuantity;
    private final double[] stuckValue;
    private final long[] offlineUntil;

    private final PriorityQueue<Pending> queue = new PriorityQueue<>();
    private final long startMillis;
    private final long endMillis;
    private final double perCheckpointMinute;
    private long minute;
    private long sequence;
    private long inspectionSeq;
    private final GroundTruth.Builder truth;

    record Pending(long emitAt, long seq, SimEvent event) implements Comparable<Pending> {
        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(emitAt, o.emitAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public DistrictSimulator(ReferenceData reference, SimulationOptions options) {
        this.o = options;
        this.random = new SplittableRandom(options.seed());
        this.fleet = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        this.checkpoints = List.copyOf(reference.checkpoints());
        this.stations = List.copyOf(reference.stations());
        this.truth = new GroundTruth.Builder(options);
        List<String> roads = new ArrayList<>(reference.roads());
        List<String> townships = new ArrayList<>(reference.townships());
        for (int i = 0; i < townships.size(); i++) {
            townshipIndex.put(townships.get(i), i);
        }
        cpWeight = new double[checkpoints.size()];
        cpViolationFactor = new double[checkpoints.size()];
        double totalWeight = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint c = checkpoints.get(i);
            // Mobile teams work a third of the day, with the traffic of a busy fixed post.
            cpWeight[i] =
                    (0.6 + 0.8 * stable(c.id(), 1))
                            * (c.type() == CheckpointType.MOBILE ? 2.0 : 1.0);
            cpViolationFactor[i] = 0.7 + 0.6 * stable(c.id(), 2);
            totalWeight += cpWeight[i] * (c.type() == CheckpointType.MOBILE ? 8 / 24.0 : 1.0);
        }
        perCheckpointMinute = options.inspectionsPerHour() / 60.0 / Math.max(totalWeight, 1e-9);
        roadCargo = new double[roads.size()][];
        Map<String, double[]> mixByRoad = new HashMap<>();
        for (String road : roads) {
            mixByRoad.put(road, cargoMix(road));
        }
        for (int i = 0; i < roads.size(); i++) {
            roadCargo[i] = mixByRoad.get(roads.get(i));
        }
        this.roadIndex = new HashMap<>();
        for (int i = 0; i < roads.size(); i++) {
            roadIndex.put(roads.get(i), i);
        }
        townshipLevel = new double[townships.size()];
        wind = new double[townships.size()];
        humidity = new double[townships.size()];
        spillage = new int[townships.size()][60];
        for (int i = 0; i < townships.size(); i++) {
            townshipLevel[i] = 0.75 + 0.5 * stable(townships.get(i), 3);
            wind[i] = 2.5;
            humidity[i] = 60;
        }
        stuckUntil = new long[stations.size()];
        stuckQuantity = new int[stations.size()];
        stuckValue = new double[stations.size()];
        offlineUntil = new long[stations.size()];
        minute = Math.floorDiv(options.start().toEpochMilli(), MINUTE) * MINUTE;
        startMillis = options.start().toEpochMilli();
        endMillis = options.start().plus(options.span()).toEpochMilli();
    }

    private final Map<String, Integer> roadIndex;

    /** What was injected and generated so far; complete once {@link #hasNext} is false. */
    public GroundTruth groundTruth() {
        return truth.build();
    }

    @Override
    public boolean hasNext() {
        while (queue.isEmpty() && minute < endMillis) {
            simulateMinute();
        }
        return !queue.isEmpty();
    }

    @Override
    public SimEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // Release only what is due before the next minute to be generated starts.
        while (minute < endMillis && queue.peek().emitAt() >= minute) {
            simulateMinute();
        }
        return queue.poll().event();
    }

    // ---- one minute of the district
    // --------------------------------------------------------------

    private void simulateMinute() {
        long t = minute;
        LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), LOCAL);
        int hour = local.getHour();
        double week =
                local.getDayOfWeek() == DayOfWeek.SUNDAY
                        ? 0.7
                        : local.getDayOfWeek() == DayOfWeek.SATURDAY ? 0.85 : 1.0;
        String isoPrefix = isoMinute(local);
        int slot = (int) Math.floorMod(t / MINUTE, 60);
        for (int[] s : spillage) {
            s[slot] = 0;
        }
        for (int c = 0; c < checkpoints.size(); c++) {
            int n = poisson(arrivals(c, hour, week));
            for (int k = 0; k < n; k++) {
                inspection(c, checkpoints.get(c), t, isoPrefix, slot);
            }
        }
        long interval = o.readingInterval().toMillis();
        if (interval > 0
                && Math.floorMod(
                                t - Math.floorDiv(o.start().toEpochMilli(), MINUTE) * MINUTE,
                                interval)
                        == 0) {
            evolveWeather();
            for (int s = 0; s < stations.size(); s++) {
                reading(s, t, hour);
            }
        }
        minute += MINUTE;
    }

    /** Expected trucks at checkpoint {@code c} in one minute of the given local hour. */
    private double arrivals(int c, int hour, double week) {
        if (checkpoints.get(c).type() == CheckpointType.MOBILE && !(hour >= 20 || hour < 4)) {
            return 0;
        }
        return perCheckpointMinute * cpWeight[c] * HOURLY[hour] * week;
    }

    private static double weekFactor(DayOfWeek d) {
        return d == DayOfWeek.SUNDAY ? 0.7 : d == DayOfWeek.SATURDAY ? 0.85 : 1.0;
    }

    /**
     * The expected number of inspections over the options' span: the sum of every checkpoint's
     * arrival rate over every minute. {@code simulate --events N} scales traffic with it, so that N
     * holds for any span, a quiet morning as well as a busy night.
     */
    public static double expectedInspections(ReferenceData reference, SimulationOptions options) {
        DistrictSimulator d = new DistrictSimulator(reference, options);
        double sum = 0;
        for (long t = d.minute; t < d.endMillis; t += MINUTE) {
            LocalDateTime local = LocalDateTime.ofInstant(Instant.ofEpochMilli(t), LOCAL);
            double week = weekFactor(local.getDayOfWeek());
            for (int c = 0; c < d.checkpoints.size(); c++) {
                sum += d.arrivals(c, local.getHour(), week);
            }
        }
        return sum;
    }

    private void inspection(int c, Checkpoint cp, long minuteStart, String isoPrefix, int slot) {
        int roadIdx = roadIndex.get(cp.road());
        double[] mix = roadCargo[roadIdx];
        double u = random.nextDouble();
        int cargoIdx = 0;
        while (cargoIdx < mix.length - 1 && u >= mix[cargoIdx]) {
            u -= mix[cargoIdx];
            cargoIdx++;
        }
        Cargo cargo = Cargo.values()[cargoIdx];
        VehicleType type = vehicleFor(cargo);
        long ts = minuteStart + random.nextInt(60_000);
        if (ts < startMillis || ts >= endMillis) {
            return; // the span may start or end inside a minute
        }
        double spike = 1.0;
        for (Scenario.Spike s : o.scenario().spikes()) {
            if (s.road().equals(cp.road()) && s.covers(ts)) {
                spike *= s.factor();
            }
        }
        int mask = 0;
        int fine = 0;
        for (Violation v : Violation.values()) {
            double p = Math.min(0.95, violationOdds(cargo, v) * cpViolationFactor[c] * spike);
            if (random.nextDouble() < p) {
                mask |= v.bit();
                fine += o.fines().get(v);
            }
        }
        if (Violation.SPILLAGE.in(mask)) {
            spillage[townshipIndex.get(cp.township())][slot]++;
        }
        String id = cp.id() + "-" + Long.toString(++inspectionSeq, 36);
        StringBuilder b = new StringBuilder(256);
        b.append("{\"eventId\":\"")
                .append(id)
                .append("\",\"checkpointId\":\"")
                .append(cp.id())
                .append("\",\"ts\":\"")
                .append(isoPrefix);
        int ms = (int) (ts - minuteStart);
        two(b, ms / 1000).append('.');
        three(b, ms % 1000)
                .append("+08:00\",\"plate\":\"")
                .append(plate(mask != 0))
                .append("\",\"vehicleType\":\"")
                .append(type.name())
                .append("\",\"cargo\":\"")
                .append(cargo.name())
                .append("\",\"violations\":[");
        boolean first = true;
        for (Violation v : Violation.values()) {
            if (v.in(mask)) {
                b.append(first ? "\"" : ",\"").append(v.name()).append('"');
                first = false;
            }
        }
        b.append("],\"fineYuan\":").append(fine).append('}');
        truth.inspection(cp.road(), mask != 0, cargo, mask);
        emit(
                new SimEvent(Topics.INSPECTIONS, cp.id(), b.toString()),
                ts,
                cp.id(),
                BadKind.forInspection());
    }

    private void reading(int s, long t, int hour) {
        Station st = stations.get(s);
        if (t < startMillis || offlineUntil[s] > t) {
            return;
        }
        if (random.nextDouble()
                < o.offlineRate() / 60.0 * (o.readingInterval().toMillis() / (double) MINUTE)) {
            long until = t + (30 + random.nextInt(91)) * MINUTE;
            offlineUntil[s] = until;
            truth.offline(st.id(), t, until);
            return;
        }
        int tw = townshipIndex.get(st.township());
        double episode = 1.0;
        for (Scenario.Episode e : o.scenario().episodes()) {
            if (e.township().equals(st.township()) && e.covers(t)) {
                episode *= e.factor();
            }
        }
        double night = 1.0 + 0.45 * Math.cos((hour - 3.0) / 24.0 * 2 * Math.PI);
        double stagnation = (1.0 + (humidity[tw] - 60) / 100.0) / (0.6 + 0.16 * wind[tw]);
        double pm25 = 32 * townshipLevel[tw] * night * stagnation * episode * noise(0.12);
        int spills = 0;
        for (int x : spillage[tw]) {
            spills += x;
        }
        double pm10 =
                pm25 * (1.6 + 0.2 * random.nextDouble()) + PM10_PER_SPILLAGE * spills * noise(0.2);
        double o3 =
                (20 + 110 * Math.max(0.1, Math.sin((hour - 7.0) / 24.0 * 2 * Math.PI)))
                        * noise(0.1);
        double rush = Math.exp(-Math.pow(hour - 8, 2) / 2) + Math.exp(-Math.pow(hour - 18, 2) / 2);
        double no2 = (20 + 30 * rush) * townshipLevel[tw] * stagnation * noise(0.12);
        double so2 = 8 * townshipLevel[tw] * episode * noise(0.2);
        double co = 0.6 * night * stagnation * episode * noise(0.12);
        double[] v = {pm25, pm10, so2, no2, co, o3};

        if (stuckUntil[s] <= t
                && random.nextDouble()
                        < o.stuckRate()
                                / 60.0
                                * (o.readingInterval().toMillis() / (double) MINUTE)) {
            stuckUntil[s] = t + (60 + random.nextInt(121)) * MINUTE;
            stuckQuantity[s] = random.nextInt(6);
            stuckValue[s] = round1(v[stuckQuantity[s]]);
            truth.stuck(
                    st.id(),
                    Quantity.ALL[stuckQuantity[s]].field(),
                    t,
                    stuckUntil[s],
                    stuckValue[s]);
        }
        if (stuckUntil[s] > t) {
            v[stuckQuantity[s]] = stuckValue[s];
        }
        StringBuilder b = new StringBuilder(240);
        b.append("{\"stationId\":\"").append(st.id()).append("\",\"ts\":").append(t);
        String[] names = {"pm25", "pm10", "so2", "no2", "co", "o3"};
        for (int i = 0; i < names.length; i++) {
            if (random.nextDouble() < o.missingRate()) {
                truth.missing();
                continue;
            }
            b.append(",\"").append(names[i]).append("\":");
            fixed1(b, v[i]);
        }
        double temp =
                6 + 6 * Math.sin((hour - 9.0) / 24.0 * 2 * Math.PI) + random.nextGaussian() * 0.4;
        b.append(",\"tempC\":");
        fixed1(b, temp);
        b.append(",\"humidity\":");
        fixed1(b, humidity[tw]);
        b.append(",\"windSpeed\":");
        fixed1(b, wind[tw]);
        b.append(",\"windDir\":")
                .append(Math.floorMod((long) (315 + random.nextGaussian() * 40), 360))
                .append('}');
        truth.reading();
        emit(
                new SimEvent(Topics.READINGS, st.id(), b.toString()),
                t,
                st.id(),
                BadKind.forReading());
    }

    private void evolveWeather() {
        for (int i = 0; i < wind.length; i++) {
            wind[i] =
                    Math.max(
                            0.2,
                            Math.min(
                                    12,
                                    wind[i]
                                            + random.nextGaussian() * 0.15
                                            + (2.5 - wind[i]) * 0.01));
            humidity[i] =
                    Math.max(
                            15,
                            Math.min(
                                    98,
                                    humidity[i]
                                            + random.nextGaussian() * 0.8
                                            + (60 - humidity[i]) * 0.01));
        }
    }

    // ---- disorder, duplicates and bad records --------------------------------------------------

    private void emit(SimEvent e, long ts, String sourceId, BadKind[] badKinds) {
        if (random.nextDouble() < o.badRate()) {
            BadKind kind = badKinds[random.nextInt(badKinds.length)];
            truth.bad(kind);
            queue.add(
                    new Pending(
                            ts,
                            sequence++,
                            new SimEvent(e.topic(), sourceId, kind.corrupt(e.value(), random))));
            return;
        }
        long emitAt = ts;
        if (random.nextDouble() < o.lateRate()) {
            emitAt = ts + o.lateDelay().toMillis();
            truth.late();
        } else if (random.nextDouble() < o.outOfOrderRate()) {
            emitAt = ts + 1 + random.nextLong(Math.max(1, o.outOfOrderMax().toMillis()));
            truth.outOfOrder();
        }
        queue.add(new Pending(emitAt, sequence++, e));
        if (random.nextDouble() < o.duplicateRate()) {
            truth.duplicate();
            queue.add(new Pending(emitAt + 1 + random.nextInt(120_000), sequence++, e));
        }
    }

    // ---- the district's character
    // ----------------------------------------------------------------

    /** Cargo shares per road, in {@link Cargo} order; industrial roads carry more dusty loads. */
    static double[] cargoMix(String road) {
        String r = road.toLowerCase(Locale.ROOT);
        double[] mix;
        if (r.contains("kuangqu")) { // mine road
            mix = new double[] {0.30, 0.35, 0.10, 0.10, 0.12, 0.03};
        } else if (r.contains("shachang")) { // sand yard
            mix = new double[] {0.05, 0.15, 0.50, 0.12, 0.15, 0.03};
        } else if (r.contains("gangkou")) { // port
            mix = new double[] {0.35, 0.05, 0.20, 0.05, 0.20, 0.15};
        } else if (r.startsWith("x")) { // county roads: construction muck
            mix = new double[] {0.10, 0.15, 0.20, 0.30, 0.18, 0.07};
        } else {
            mix = new double[] {0.22, 0.12, 0.18, 0.16, 0.22, 0.10};
        }
        return mix;
    }

    /** Base odds of a violation given the cargo. */
    static double violationOdds(Cargo cargo, Violation v) {
        boolean dusty = cargo == Cargo.MUCK || cargo == Cargo.STONE_POWDER;
        boolean empty = cargo == Cargo.EMPTY;
        return switch (v) {
            case UNCOVERED -> empty ? 0.0 : dusty ? 0.20 : 0.06;
            case SPILLAGE ->
                    empty ? 0.005 : dusty ? 0.12 : cargo == Cargo.SAND_GRAVEL ? 0.05 : 0.02;
            case OVERLOAD ->
                    empty ? 0.0 : cargo == Cargo.COAL || cargo == Cargo.SAND_GRAVEL ? 0.08 : 0.04;
            case OVERHEIGHT -> 0.02;
        };
    }

    private VehicleType vehicleFor(Cargo cargo) {
        double u = random.nextDouble();
        if (cargo == Cargo.MUCK) {
            return u < 0.7 ? VehicleType.DUMP_TRUCK : VehicleType.HEAVY_TRUCK;
        }
        if (u < 0.45) {
            return VehicleType.HEAVY_TRUCK;
        }
        if (u < 0.65) {
            return VehicleType.SEMI_TRAILER;
        }
        if (u < 0.85) {
            return VehicleType.MEDIUM_TRUCK;
        }
        return u < 0.95 ? VehicleType.LIGHT_TRUCK : VehicleType.OTHER;
    }

    private String plate(boolean violating) {
        String plate = "冀" + (char) ('A' + random.nextInt(8)) + (10000 + random.nextInt(90000));
        if (violating && fleet.nextDouble() < FLEET_SHARE) {
            return REPEAT_OFFENDERS.get(fleet.nextInt(REPEAT_OFFENDERS.size()));
        }
        return plate;
    }

    /** Knuth's method; λ here is small (a checkpoint's trucks in one minute). */
    private int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = random.nextDouble();
        while (p > l) {
            k++;
            p *= random.nextDouble();
        }
        return k;
    }

    private double noise(double relative) {
        return Math.max(0.1, 1 + random.nextGaussian() * relative);
    }

    /** A stable number in [0, 1) for a name, the same in every run. */
    static double stable(String name, int salt) {
        long h = name.hashCode() * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        return (h >>> 11) * 0x1.0p-53;
    }

    static double[] normalise(double[] a) {
        double sum = 0;
        for (double x : a) {
            sum += x;
        }
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * a.length / sum;
        }
        return out;
    }

    private static String isoMinute(LocalDateTime t) {
        StringBuilder b = new StringBuilder(20);
        b.append(t.getYear()).append('-');
        two(b, t.getMonthValue()).append('-');
        two(b, t.getDayOfMonth()).append('T');
        two(b, t.getHour()).append(':');
        two(b, t.getMinute()).append(':');
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    private static StringBuilder three(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 100))
                .append((char) ('0' + v / 10 % 10))
                .append((char) ('0' + v % 10));
    }

    /** One decimal, without String.format's cost. */
    static void fixed1(StringBuilder b, double v) {
        long tenths = Math.round(v * 10);
        if (tenths < 0) {
            b.append('-');
            tenths = -tenths;
        }
        b.append(tenths / 10).append('.').append(tenths % 10);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static ZoneOffset offset() {
        return ZoneOffset.ofHours(8);
    }
}
