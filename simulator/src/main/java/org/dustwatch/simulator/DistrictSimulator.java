package org.dustwatch.simulator;

import java.time.DayOfWeek;
import java.time.Duration;
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
import org.dustwatch.model.Stamp;
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
 * <p><b>Air.</b> The air is simulated every minute: a regional haze level that builds and clears
 * over days, and per township a weather state (wind as a random walk; humidity) and a pollution
 * level. PM follows a daily curve and accumulates at night (inversions), in haze and in humid,
 * still air; wind disperses it. PM2.5 is about 0.6 of PM10 (more in humid haze); spillage in the
 * township over the past hour adds coarse dust to PM10 alone. O3 peaks in the afternoon, NO2 at
 * rush hours. Episodes multiply the levels.
 *
 * <p><b>Stations.</b> Each station reports the means of its minutes over its own period (its
 * reference data's, or {@link SimulationOptions#DEFAULT_READING_PERIOD}; {@code readingInterval}
 * overrides them all), aligned to the period grid, stamped with the period's start or end as its
 * reference data says, and emitted when the period ends. It reports the pollutants of its plan
 * only. A split feed sends particulates and weather in one message and gases in another, a little
 * later. Sensors fail: a pollutant is missing from a reading, a sensor sticks at one value for
 * hours, a station goes offline for a while.
 */
public final class DistrictSimulator implements Iterator<SimEvent> {

    static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");
    private static final long MINUTE = 60_000;

    /**
     * µg/m³ of coarse dust that spillage adds to a township's PM10 when its spillages in the past
     * hour number the district's mean per township-hour; it grows in proportion with the count. The
     * mean follows the traffic level, so the air is the same whatever volume a run simulates.
     */
    static final double COARSE_DUST_AT_MEAN_SPILLAGE = 14.0;

    /**
     * µg/m³: PM2.5 in a township of mean level, with the regional haze at its median, in average
     * wind and humidity, before the daily curve and the noise.
     */
    static final double PM25_BASE = 64.0;

    /**
     * The synoptic cycle of a North China winter, in minutes: haze builds for a few days until a
     * cold front clears it.
     */
    static final double HAZE_CYCLE_MINUTES = 4.5 * 24 * 60;

    /** The amplitude of that cycle in the regional haze level, log scale. */
    static final double HAZE_CYCLE_AMPLITUDE = 0.6;

    /** The random departures from the cycle relax with this time constant, in minutes. */
    static final double HAZE_NOISE_MINUTES = 12 * 60;

    /** The standard deviation of those departures, log scale. */
    static final double HAZE_NOISE_SD = 0.25;

    /** The gas analyser of a split feed reports this many milliseconds after the PM monitor. */
    static final int GAS_DELAY_MIN_MS = 300;

    static final int GAS_DELAY_MAX_MS = 3_000;

    /** The pollutants, in {@link Quantity} order: bit i of a plan is {@code POLLUTANTS[i]}. */
    static final String[] POLLUTANTS = {"pm25", "pm10", "so2", "no2", "co", "o3"};

    /** What a PM monitor measures (with the weather). */
    static final int PARTICULATES = 0b000011;

    /** What a gas analyser measures. */
    static final int GASES = 0b111100;

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

    /**
     * Draws only what split feeds add, the gas analyser's delay and its message's faults: a stream
     * of its own, so that splitting a feed changes no value and no other message of a seed's
     * output.
     */
    private final SplittableRandom devices;

    private final List<Checkpoint> checkpoints;
    private final List<Station> stations;
    private final double[] cpWeight;
    private final double[] cpViolationFactor;
    private final double[][] roadCargo;
    private final Map<String, Integer> townshipIndex = new HashMap<>();
    private final double[] townshipLevel;
    private final double[] wind;
    private final double[] humidity;

    /**
     * The regional haze level, log scale: the synoptic cycle at a phase of the seed's, plus a
     * mean-reverting random walk.
     */
    private double haze;

    private double hazeNoise;
    private final double hazePhase;

    /** Spillages per township per minute over the last hour (ring buffer). */
    private final int[][] spillage;

    /** Spillages per township over the last hour: the sums of {@link #spillage}. */
    private final int[] spillsLastHour;

    /** The district's mean spillages per township and hour, at its traffic level. */
    private final double meanSpills;

    // Per township, this minute.
    private final double[] stagnation;
    private final double[] dust;
    private final double[] episode;

    /** How each station reports. */
    private final Feed[] feeds;

    private final int[] stationTownship;

    /** Per station: the sums of its minutes' values in the current period, see {@link #V}. */
    private final double[][] sums;

    private final int[] minutesSummed;

    /** Per station: its ground-truth counters. */
    private final long[][] counters;

    /** The means of one period, indexed as {@link #sums}. */
    private final double[] means = new double[V];

    /** Indices into a station's sums: the pollutants (as in {@link #POLLUTANTS}), then these. */
    private static final int TEMP = 6, HUMIDITY = 7, WIND = 8, V = 9;

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

    record Pending(long seq, SimEvent event) implements Comparable<Pending> {
        long emitAt() {
            return event.emitAt();
        }

        @Override
        public int compareTo(Pending o) {
            int c = Long.compare(emitAt(), o.emitAt());
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    public DistrictSimulator(ReferenceData reference, SimulationOptions options) {
        this.o = options;
        this.random = new SplittableRandom(options.seed());
        this.fleet = new SplittableRandom(options.seed() ^ 0x5DEECE66DL);
        this.devices = new SplittableRandom(options.seed() ^ 0x9E3779B97F4A7C15L);
        this.hazePhase = stable(Long.toString(options.seed()), 4) * 2 * Math.PI;
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
        spillsLastHour = new int[townships.size()];
        stagnation = new double[townships.size()];
        dust = new double[townships.size()];
        episode = new double[townships.size()];
        for (int i = 0; i < townships.size(); i++) {
            townshipLevel[i] = 0.75 + 0.5 * stable(townships.get(i), 3);
            wind[i] = 2.5;
            humidity[i] = 60;
        }
        double spillsPerHour = 0;
        for (int i = 0; i < checkpoints.size(); i++) {
            Checkpoint c = checkpoints.get(i);
            double[] mix = mixByRoad.get(c.road());
            double odds = 0;
            for (int k = 0; k < mix.length; k++) {
                odds +=
                        mix[k]
                                * Math.min(
                                        0.95,
                                        violationOdds(Cargo.values()[k], Violation.SPILLAGE)
                                                * cpViolationFactor[i]);
            }
            spillsPerHour +=
                    perCheckpointMinute
                            * 60
                            * cpWeight[i]
                            * (c.type() == CheckpointType.MOBILE ? 8 / 24.0 : 1.0)
                            * odds;
        }
        meanSpills = spillsPerHour / Math.max(1, townships.size());
        feeds = new Feed[stations.size()];
        stationTownship = new int[stations.size()];
        sums = new double[stations.size()][V];
        minutesSummed = new int[stations.size()];
        counters = new long[stations.size()][];
        for (int s = 0; s < stations.size(); s++) {
            Station st = stations.get(s);
            Feed f = Feed.of(st, options);
            feeds[s] = f;
            stationTownship[s] = townshipIndex.get(st.township());
            List<String> plan = new ArrayList<>();
            for (int q = 0; q < POLLUTANTS.length; q++) {
                if ((f.plan() & 1 << q) != 0) {
                    plan.add(POLLUTANTS[q]);
                }
            }
            truth.station(
                    st.id(),
                    Duration.ofMillis(f.periodMs()).toString(),
                    f.endStamp() ? "END" : "START",
                    plan,
                    f.periodField() != null,
                    f.split());
            counters[s] = truth.counters(st.id());
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
        for (int i = 0; i < spillage.length; i++) {
            spillsLastHour[i] -= spillage[i][slot];
            spillage[i][slot] = 0;
        }
        for (int c = 0; c < checkpoints.size(); c++) {
            int n = poisson(arrivals(c, hour, week));
            for (int k = 0; k < n; k++) {
                inspection(c, checkpoints.get(c), t, isoPrefix, slot);
            }
        }
        if (o.readingInterval() == null || !o.readingInterval().isZero()) {
            air(t, hour + local.getMinute() / 60.0);
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
            int tw = townshipIndex.get(cp.township());
            spillage[tw][slot]++;
            spillsLastHour[tw]++;
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
        emit(Topics.INSPECTIONS, cp.id(), b.toString(), ts, BadKind.forInspection(), random);
    }

    /**
     * One minute of the air at every station, {@code [t, t + 1 min)}: adds it to each station's
     * current period and reports the periods that end with it.
     */
    private void air(long t, double hourOfDay) {
        evolveWeather(t);
        double night = 1.0 + 0.35 * Math.cos((hourOfDay - 3.0) / 24.0 * 2 * Math.PI);
        double sun = Math.max(0.1, Math.sin((hourOfDay - 7.0) / 24.0 * 2 * Math.PI));
        double rush =
                Math.exp(-(hourOfDay - 8) * (hourOfDay - 8) / 2)
                        + Math.exp(-(hourOfDay - 18) * (hourOfDay - 18) / 2);
        double temp = 1 + 5 * Math.sin((hourOfDay - 9.0) / 24.0 * 2 * Math.PI);
        double regional = Math.exp(haze);
        for (int i = 0; i < stagnation.length; i++) {
            stagnation[i] = (1.0 + (humidity[i] - 60) / 100.0) / (0.6 + 0.16 * wind[i]);
            dust[i] =
                    meanSpills > 0
                            ? COARSE_DUST_AT_MEAN_SPILLAGE * spillsLastHour[i] / meanSpills
                            : 0;
            episode[i] = 1.0;
        }
        for (Scenario.Episode e : o.scenario().episodes()) {
            Integer i = townshipIndex.get(e.township());
            if (i != null && e.covers(t)) {
                episode[i] *= e.factor();
            }
        }
        long end = t + MINUTE;
        for (int s = 0; s < feeds.length; s++) {
            int tw = stationTownship[s];
            double level = townshipLevel[tw];
            double pm25 =
                    PM25_BASE
                            * regional
                            * level
                            * night
                            * stagnation[tw]
                            * episode[tw]
                            * noise(0.10);
            // The fine share of PM10 without spillage: higher in humid air and in haze.
            double fine =
                    Math.max(
                            0.45,
                            Math.min(
                                    0.75,
                                    0.60
                                            + 0.002 * (humidity[tw] - 60)
                                            + 0.04 * haze
                                            + 0.08 * (random.nextDouble() - 0.5)));
            double[] sum = sums[s];
            sum[0] += pm25;
            sum[1] += pm25 / fine + dust[tw] * noise(0.2);
            sum[2] += 12 * level * episode[tw] * Math.exp(0.3 * haze) * noise(0.2);
            sum[3] +=
                    (22 + 28 * rush) * level * stagnation[tw] * Math.exp(0.4 * haze) * noise(0.12);
            sum[4] +=
                    0.8 * Math.exp(0.7 * haze) * night * stagnation[tw] * episode[tw] * noise(0.12);
            sum[5] += (15 + 75 * sun) * noise(0.1);
            sum[TEMP] += temp + random.nextGaussian() * 0.4;
            sum[HUMIDITY] += humidity[tw];
            sum[WIND] += wind[tw];
            minutesSummed[s]++;
            if (end % feeds[s].periodMs() == 0) {
                endOfPeriod(s, end - feeds[s].periodMs(), end);
            }
        }
    }

    /** Reports station {@code s}'s period {@code [from, to)}, if the span holds all of it. */
    private void endOfPeriod(int s, long from, long to) {
        Feed f = feeds[s];
        double[] sum = sums[s];
        int n = minutesSummed[s];
        for (int i = 0; i < V; i++) {
            means[i] = sum[i] / n;
            sum[i] = 0;
        }
        minutesSummed[s] = 0;
        if (from < startMillis || to > endMillis || n * MINUTE != f.periodMs()) {
            return; // the span starts or ends inside this period
        }
        Station st = stations.get(s);
        if (offlineUntil[s] > from) {
            return;
        }
        double hours = f.periodMs() / 3_600_000.0;
        if (random.nextDouble() < o.offlineRate() * hours) {
            long until = from + (30 + random.nextInt(91)) * MINUTE;
            offlineUntil[s] = until;
            truth.offline(st.id(), from, until);
            return;
        }
        if (stuckUntil[s] <= from && random.nextDouble() < o.stuckRate() * hours) {
            stuckUntil[s] = from + (60 + random.nextInt(121)) * MINUTE;
            stuckQuantity[s] = nthPollutant(f.plan(), random.nextInt(Integer.bitCount(f.plan())));
            stuckValue[s] = round1(means[stuckQuantity[s]]);
            truth.stuck(
                    st.id(),
                    Quantity.ALL[stuckQuantity[s]].field(),
                    from,
                    stuckUntil[s],
                    stuckValue[s]);
        }
        if (stuckUntil[s] > from) {
            means[stuckQuantity[s]] = stuckValue[s];
        }
        // Everything a period needs from the main stream, drawn in one order whatever the layout:
        // a split feed's messages carry the same values as the one message it would send unsplit.
        int reported = 0;
        for (int i = 0; i < POLLUTANTS.length; i++) {
            if ((f.plan() & 1 << i) != 0 && random.nextDouble() >= o.missingRate()) {
                reported |= 1 << i;
            }
        }
        long windDir = Math.floorMod((long) (315 + random.nextGaussian() * 40), 360);
        long ts = f.endStamp() ? to : from;
        long[] c = counters[s];
        c[0]++;
        if (f.split()) {
            message(st, f, ts, f.plan() & PARTICULATES, reported, windDir, to, c, random);
            int delay = GAS_DELAY_MIN_MS + devices.nextInt(GAS_DELAY_MAX_MS - GAS_DELAY_MIN_MS + 1);
            message(st, f, ts + delay, f.plan() & GASES, reported, -1, to + delay, c, devices);
        } else {
            message(st, f, ts, f.plan(), reported, windDir, to, c, random);
        }
    }

    /**
     * One message of {@link #means}: the pollutants of {@code part} that are {@code reported} (if
     * none is, the last one of {@code part} stays: a message without any would be a bad record),
     * and the weather when {@code windDir} is not negative.
     */
    private void message(
            Station st,
            Feed f,
            long ts,
            int part,
            int reported,
            long windDir,
            long due,
            long[] counters,
            SplittableRandom rng) {
        int sent = part & reported;
        if (sent == 0) {
            sent = Integer.highestOneBit(part);
        }
        for (int k = Integer.bitCount(part) - Integer.bitCount(sent); k > 0; k--) {
            truth.missing();
        }
        StringBuilder b = new StringBuilder(240);
        b.append("{\"stationId\":\"").append(st.id()).append("\",\"ts\":").append(ts);
        if (f.periodField() != null) {
            b.append(f.periodField());
        }
        for (int i = 0; i < POLLUTANTS.length; i++) {
            if ((sent & 1 << i) != 0) {
                b.append(",\"").append(POLLUTANTS[i]).append("\":");
                fixed1(b, means[i]);
            }
        }
        if (windDir >= 0) {
            b.append(",\"tempC\":");
            fixed1(b, means[TEMP]);
            b.append(",\"humidity\":");
            fixed1(b, means[HUMIDITY]);
            b.append(",\"windSpeed\":");
            fixed1(b, means[WIND]);
            b.append(",\"windDir\":").append(windDir);
        }
        b.append('}');
        truth.reading(counters);
        emit(Topics.READINGS, st.id(), b.toString(), due, BadKind.forReading(), rng);
    }

    /** The index of the {@code n}th (from 0) pollutant of a plan. */
    static int nthPollutant(int plan, int n) {
        for (int i = 0; i < POLLUTANTS.length; i++) {
            if ((plan & 1 << i) != 0 && n-- == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("plan " + plan + " has no pollutant " + n);
    }

    private void evolveWeather(long t) {
        hazeNoise =
                hazeNoise * (1 - 1 / HAZE_NOISE_MINUTES)
                        + random.nextGaussian() * HAZE_NOISE_SD * Math.sqrt(2 / HAZE_NOISE_MINUTES);
        haze =
                HAZE_CYCLE_AMPLITUDE
                                * Math.sin(
                                        2 * Math.PI * (t / MINUTE) / HAZE_CYCLE_MINUTES + hazePhase)
                        + hazeNoise;
        // Clean air comes with wind, haze with calm.
        double meanWind = 2.5 * Math.exp(-0.5 * haze);
        for (int i = 0; i < wind.length; i++) {
            wind[i] =
                    Math.max(
                            0.2,
                            Math.min(
                                    12,
                                    wind[i]
                                            + random.nextGaussian() * 0.15
                                            + (meanWind - wind[i]) * 0.01));
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

    /**
     * How a station reports, fixed for a run.
     *
     * @param periodMs the period its readings average
     * @param endStamp whether their {@code ts} is the period's end (else its start)
     * @param plan the pollutants it reports, bits in {@link #POLLUTANTS} order
     * @param split whether particulates (with the weather) and gases come in two messages
     * @param periodField {@code ,"period":"PT5M"} when its messages must say their period (it
     *     differs from what the reference data declares, or that declares none), else null
     */
    record Feed(long periodMs, boolean endStamp, int plan, boolean split, String periodField) {

        static Feed of(Station st, SimulationOptions o) {
            Duration period =
                    o.readingInterval() != null
                            ? o.readingInterval()
                            : st.period() != null
                                    ? SimulationOptions.checkPeriod(
                                            st.period(), "station " + st.id() + "'s period")
                                    : SimulationOptions.DEFAULT_READING_PERIOD;
            int plan = 0;
            for (Quantity q : st.plan()) {
                plan |= 1 << q.ordinal();
            }
            return new Feed(
                    period.toMillis(),
                    st.stamp() == Stamp.END,
                    plan,
                    o.splitFeeds().contains(st.id())
                            && (plan & PARTICULATES) != 0
                            && (plan & GASES) != 0,
                    period.equals(st.period()) ? null : ",\"period\":\"" + period + "\"");
        }

        /** Messages per hour: one per period, two for a split feed; none without readings. */
        double messagesPerHour() {
            return periodMs == 0 ? 0 : (split ? 2 : 1) * 3_600_000.0 / periodMs;
        }
    }

    /**
     * The reading messages per hour that the options give the reference data's stations, before
     * faults and duplicates.
     */
    public static double readingsPerHour(ReferenceData reference, SimulationOptions options) {
        double n = 0;
        for (Station st : reference.stations()) {
            n += Feed.of(st, options).messagesPerHour();
        }
        return n;
    }

    // ---- disorder, duplicates and bad records --------------------------------------------------

    /**
     * Queues a record to be received at {@code due}, or later, or twice, or as a bad record,
     * drawing those faults from {@code rng}.
     */
    private void emit(
            String topic,
            String sourceId,
            String value,
            long due,
            BadKind[] badKinds,
            SplittableRandom rng) {
        if (rng.nextDouble() < o.badRate()) {
            BadKind kind = badKinds[rng.nextInt(badKinds.length)];
            truth.bad(kind);
            queue.add(
                    new Pending(
                            sequence++,
                            new SimEvent(topic, sourceId, kind.corrupt(value, rng), due)));
            return;
        }
        long emitAt = due;
        if (rng.nextDouble() < o.lateRate()) {
            emitAt = due + o.lateDelay().toMillis();
            truth.late();
        } else if (rng.nextDouble() < o.outOfOrderRate()) {
            emitAt = due + 1 + rng.nextLong(Math.max(1, o.outOfOrderMax().toMillis()));
            truth.outOfOrder();
        }
        queue.add(new Pending(sequence++, new SimEvent(topic, sourceId, value, emitAt)));
        if (rng.nextDouble() < o.duplicateRate()) {
            truth.duplicate();
            queue.add(
                    new Pending(
                            sequence++,
                            new SimEvent(
                                    topic, sourceId, value, emitAt + 1 + rng.nextInt(120_000))));
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
