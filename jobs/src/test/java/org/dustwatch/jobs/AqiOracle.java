package org.dustwatch.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dustwatch.model.Quantity;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Stamp;
import org.dustwatch.model.Station;
import org.dustwatch.stack.InfluxServer;

/**
 * The {@code aqi} measurement recomputed from the readings as sent, without dustwatch's {@code aqi}
 * library or the job's functions: every rule is typed here again from docs/events.md (what a
 * reading averages, merging per pollutant), docs/schema.md ("AQI": the point encoding) and the
 * standards' texts as recorded in AQI-STANDARDS.md (HJ 633—2026 table 3 and clauses 4.1.1, 4.2.2,
 * 4.2.3, 4.2.6, 4.3.1, 5.3.1; GB 3095—2026 table 4; HJ 663's 8-h rule). It models HJ 633—2026 only
 * (data from 2026-03-01).
 *
 * <p>The job is simulated in the processing order of one partition: the lateness gate with a
 * watermark after every event, the merge per pollutant and period, then an in-order computation
 * over every accepted reading (late firings make InfluxDB hold that state, docs/schema.md).
 *
 * <ul>
 *   <li>A station's hour of a pollutant is valid when the union of its readings' periods, clipped
 *       to the hour, covers the minimum (45 minutes); its mean is duration-weighted (overlapping
 *       periods count in the weights), in exact decimals: each value as {@code
 *       BigDecimal.valueOf(double)}, every division in {@link MathContext#DECIMAL128}.
 *   <li>Hourly reports exist for every hour in which the middle of one of the station's readings
 *       falls (docs/aqi.md; a split feed's gas analyser, a few seconds off the grid, runs into the
 *       next hour without reporting it); daily reports for every local day with an hourly report.
 *   <li>Every average behind the reports is computed: 1-h means; 8-h (6 of 8) and 24-h (20 of 24)
 *       moving means; the PM NowCast (12 hours, 2 of the last 3, weight factor min/max floored at
 *       0.5, truncated to 0.1 / 1 µg/m³, computed as exact fractions); for a day, the natural-day
 *       means (20 valid hours), the day's maxima of all six 1-h values (20 valid hours; "for a
 *       daily report, *_1h and *_8h are the day's maxima", docs/schema.md) and the daily maximum
 *       8-h O3 (17 means starting 00:00..16:00, 14 valid or the maximum above 160) and CO (the same
 *       17 means, 14 valid: our reading, no text gives CO's). A daily report has no NowCast (-1):
 *       the NowCast is an hourly average.
 *   <li>Areas (townships, the district) take for each average the mean of their stations' valid
 *       values (unrounded); their plan is the union of the plans of all their stations in the
 *       reference data, whether or not a station reported.
 *   <li>Each report indexes its six indicators once: GB/T 8170 (HALF_EVEN) to whole µg/m³ and CO to
 *       0.1 mg/m³, then IAQI rounded up; notes (b) and (c); 500 above a row; AQI floored at 1; NA
 *       per 5.3.1 when a planned pollutant is missing and the AQI is 100 or less, or when nothing
 *       is indexed.
 * </ul>
 */
public final class AqiOracle {

    static final MathContext MC = MathContext.DECIMAL128;
    static final long MINUTE = 60_000L;
    static final long HOUR = 3_600_000L;
    static final String STANDARD = "HJ633-2026";

    /**
     * The six pollutants, in the order the pipeline lists primary pollutants (a format, not a rule:
     * seen on Baihe's tie of PM2.5 and PM10 in AqiPipelineIT, which asserts it).
     */
    enum Pollutant {
        PM25("pm25", "PM2.5", 0),
        PM10("pm10", "PM10", 0),
        SO2("so2", "SO2", 0),
        NO2("no2", "NO2", 0),
        CO("co", "CO", 1),
        O3("o3", "O3", 0);

        final String field;
        final String label;
        final int scale;

        Pollutant(String field, String label, int scale) {
            this.field = field;
            this.label = label;
            this.scale = scale;
        }

        static Pollutant ofField(String field) {
            for (Pollutant p : values()) {
                if (p.field.equals(field)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The order of the {@code missing} field (a format, seen in the pipeline's points). */
    static final List<Pollutant> TABLE_ORDER =
            List.of(
                    Pollutant.SO2,
                    Pollutant.NO2,
                    Pollutant.CO,
                    Pollutant.O3,
                    Pollutant.PM10,
                    Pollutant.PM25);

    /** Every average field of an {@code aqi} point (docs/schema.md). */
    static final List<String> AVERAGES =
            List.of(
                    "so2_1h",
                    "so2_24h",
                    "no2_1h",
                    "no2_24h",
                    "co_1h",
                    "co_8h",
                    "co_24h",
                    "o3_1h",
                    "o3_8h",
                    "pm25_1h",
                    "pm25_24h",
                    "pm10_1h",
                    "pm10_24h",
                    "pm25_nowcast",
                    "pm10_nowcast");

    static final List<String> SUB_INDICES =
            List.of(
                    "iaqi_so2",
                    "iaqi_no2",
                    "iaqi_co",
                    "iaqi_o3_1h",
                    "iaqi_o3_8h",
                    "iaqi_pm25",
                    "iaqi_pm10");

    // ---- HJ 633—2026 table 3 (µg/m³; CO mg/m³), typed from AQI-STANDARDS.md ---------------

    static final int[] IAQI = {0, 50, 100, 150, 200, 300, 400, 500};
    static final int[] SO2_24H = {0, 50, 150, 475, 800, 1600, 2100, 2620};
    static final int[] SO2_1H = {0, 150, 500, 650, 800}; // note (b): above 800, 200
    static final int[] NO2_24H = {0, 40, 80, 180, 280, 565, 750, 940};
    static final int[] NO2_1H = {0, 100, 200, 700, 1200, 2340, 3090, 3840};
    static final int[] CO_24H = {0, 2, 4, 14, 24, 36, 48, 60};
    static final int[] CO_1H = {0, 5, 10, 35, 60, 90, 120, 150};
    static final int[] O3_8H = {0, 100, 160, 215, 265, 800}; // note (c): above 800, 300
    static final int[] O3_1H = {0, 160, 200, 300, 400, 800, 1000, 1200};
    static final int[] PM10_24H = {0, 50, 120, 250, 350, 420, 500, 600};
    static final int[] PM25_24H = {0, 35, 60, 115, 150, 250, 350, 500};

    static final String[][] CATEGORIES = {
        {"优", "Excellent"},
        {"良", "Good"},
        {"轻度污染", "Lightly polluted"},
        {"中度污染", "Moderately polluted"},
        {"重度污染", "Heavily polluted"},
        {"严重污染", "Severely polluted"}
    };

    /** HJ 633—2026 table 2's groups, in the fixed order of docs/aqi.md. */
    enum Group {
        ASTHMA("哮喘患者", "people with asthma"),
        CARDIOVASCULAR("心脑血管疾病患者", "people with cardiovascular disease"),
        RESPIRATORY("呼吸系统疾病患者", "people with respiratory disease"),
        CHILDREN("青少年儿童", "children and teenagers"),
        OUTDOORS("经常在户外活动的人群", "people often active outdoors"),
        ELDERLY("老年人", "the elderly");

        final String zh;
        final String en;

        Group(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    static Set<Group> groups(Pollutant p) {
        return switch (p) {
            case SO2 -> EnumSet.of(Group.ASTHMA, Group.CHILDREN, Group.ELDERLY);
            case NO2 -> EnumSet.of(Group.RESPIRATORY, Group.CHILDREN, Group.ELDERLY);
            case CO -> EnumSet.of(Group.CARDIOVASCULAR);
            case O3 -> EnumSet.of(Group.RESPIRATORY, Group.CHILDREN, Group.OUTDOORS, Group.ELDERLY);
            case PM10, PM25 ->
                    EnumSet.of(
                            Group.CARDIOVASCULAR,
                            Group.RESPIRATORY,
                            Group.CHILDREN,
                            Group.OUTDOORS,
                            Group.ELDERLY);
        };
    }

    /** A reading as sent: its {@code ts} in epoch ms, its own period if any, its values. */
    public record Sent(String station, long ts, Duration period, Map<String, Double> values) {
        String json() {
            StringBuilder b =
                    new StringBuilder("{\"stationId\":\"")
                            .append(station)
                            .append("\",\"ts\":")
                            .append(ts);
            if (period != null) {
                b.append(",\"period\":\"").append(period).append('"');
            }
            values.forEach((k, v) -> b.append(",\"").append(k).append("\":").append(v));
            return b.append('}').toString();
        }
    }

    /** What the job does with a reading. */
    public enum Fate {
        /** every pollutant new to its period */
        COUNTED,
        /** some pollutants new, another one given a changed value (a correction that counts) */
        COUNTED_AND_CORRECTION,
        /** all pollutants seen before with the same values */
        DUPLICATE,
        /** no new pollutant, a changed value */
        CORRECTION,
        /** behind the allowed lateness: a LATE dead letter */
        LATE,
        /** not in the reference data: an UNKNOWN_ID dead letter */
        UNKNOWN_STATION
    }

    /** The job's settings the oracle needs. */
    public record Settings(
            Duration outOfOrderness,
            Duration allowedLateness,
            Duration defaultPeriod,
            Stamp defaultStamp,
            ZoneId zone,
            Duration minCoverage) {
        public static Settings defaults(ZoneId zone) {
            return new Settings(
                    Duration.ofSeconds(30),
                    Duration.ofMinutes(10),
                    Duration.ofMinutes(1),
                    Stamp.START,
                    zone,
                    Duration.ofMinutes(45));
        }
    }

    /** The result: each reading's fate (in input order) and every expected {@code aqi} point. */
    public record Outcome(List<Fate> fates, Map<String, Map<String, Object>> points) {
        long count(Fate... fs) {
            Set<Fate> set = EnumSet.noneOf(Fate.class);
            set.addAll(List.of(fs));
            return fates.stream().filter(set::contains).count();
        }
    }

    /**
     * A field whose text is not typed here (HJ 633 table 1's advice): it must be non-empty, the
     * same for every point with the same {@code key}, and different for different keys.
     */
    record Consistent(String field, Object key) {}

    /** A piece of a station's pollutant: a value over {@code [start, end)}. */
    record Piece(long start, long end, BigDecimal value) {}

    private final ReferenceData reference;
    private final Settings settings;

    public AqiOracle(ReferenceData reference, Settings settings) {
        this.reference = reference;
        this.settings = settings;
    }

    // ---- readings: the lateness gate and the merge per pollutant ---------------------------

    public Outcome run(List<Sent> sent) {
        List<Fate> fates = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        long lateness = settings.allowedLateness().toMillis();
        long bound = settings.outOfOrderness().toMillis();
        Map<String, BigDecimal> seen = new HashMap<>();
        Map<String, Map<Pollutant, List<Piece>>> pieces = new TreeMap<>();
        for (Sent s : sent) {
            Station st = reference.station(s.station());
            if (st == null) {
                fates.add(Fate.UNKNOWN_STATION);
                continue;
            }
            long period =
                    (s.period() != null
                                    ? s.period()
                                    : st.period() != null ? st.period() : settings.defaultPeriod())
                            .toMillis();
            Stamp stamp = st.stamp() != null ? st.stamp() : settings.defaultStamp();
            long start = stamp == Stamp.START ? s.ts() : s.ts() - period;
            long eventTime = start + period - 1;
            long minuteEnd = Math.floorDiv(eventTime, MINUTE) * MINUTE + MINUTE;
            if (minuteEnd - 1 + lateness <= watermark) {
                fates.add(Fate.LATE);
                continue;
            }
            watermark = Math.max(watermark, eventTime - bound - 1);
            long grid = Math.floorDiv(start + period / 2, period);
            boolean fresh = false;
            boolean changed = false;
            for (var e : s.values().entrySet()) {
                Pollutant p = Pollutant.ofField(e.getKey());
                if (p == null || e.getValue() == null) {
                    continue;
                }
                BigDecimal v = BigDecimal.valueOf(e.getValue());
                String key = s.station() + "|" + p + "|" + period + "|" + grid;
                BigDecimal first = seen.putIfAbsent(key, v);
                if (first == null) {
                    fresh = true;
                    pieces.computeIfAbsent(s.station(), k -> new EnumMap<>(Pollutant.class))
                            .computeIfAbsent(p, k -> new ArrayList<>())
                            .add(new Piece(start, start + period, v));
                } else if (first.compareTo(v) != 0) {
                    changed = true;
                }
            }
            fates.add(
                    fresh
                            ? (changed ? Fate.COUNTED_AND_CORRECTION : Fate.COUNTED)
                            : (changed ? Fate.CORRECTION : Fate.DUPLICATE));
        }
        return new Outcome(fates, points(pieces));
    }

    // ---- hours, averages, reports ----------------------------------------------------------

    /** A station's valid hourly means, per hour start, and the hours in which it had a reading. */
    record StationHours(TreeMap<Long, Map<Pollutant, BigDecimal>> valid, TreeSet<Long> reported) {}

    StationHours hours(Map<Pollutant, List<Piece>> byPollutant) {
        TreeSet<Long> reported = new TreeSet<>();
        TreeMap<Long, Map<Pollutant, BigDecimal>> valid = new TreeMap<>();
        long min = settings.minCoverage().toMillis();
        for (var e : byPollutant.entrySet()) {
            TreeMap<Long, List<Piece>> parts = new TreeMap<>();
            for (Piece pc : e.getValue()) {
                reported.add(Math.floorDiv(pc.start() + (pc.end() - pc.start()) / 2, HOUR) * HOUR);
                for (long h = Math.floorDiv(pc.start(), HOUR) * HOUR; h < pc.end(); h += HOUR) {
                    long s = Math.max(pc.start(), h);
                    long t = Math.min(pc.end(), h + HOUR);
                    if (s < t) {
                        parts.computeIfAbsent(h, k -> new ArrayList<>())
                                .add(new Piece(s, t, pc.value()));
                    }
                }
            }
            parts.forEach(
                    (h, list) -> {
                        if (union(list) >= min) {
                            BigDecimal num = BigDecimal.ZERO;
                            BigDecimal den = BigDecimal.ZERO;
                            for (Piece pc : list) {
                                BigDecimal w = BigDecimal.valueOf(pc.end() - pc.start());
                                num = num.add(pc.value().multiply(w));
                                den = den.add(w);
                            }
                            valid.computeIfAbsent(h, k -> new EnumMap<>(Pollutant.class))
                                    .put(e.getKey(), num.divide(den, MC));
                        }
                    });
        }
        return new StationHours(valid, reported);
    }

    /** The length of the union of the pieces' intervals. */
    static long union(List<Piece> pieces) {
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort((a, b) -> Long.compare(a.start(), b.start()));
        long covered = 0;
        long end = Long.MIN_VALUE;
        for (Piece p : sorted) {
            if (p.end() <= end) {
                continue;
            }
            covered += p.end() - Math.max(p.start(), end);
            end = p.end();
        }
        return covered;
    }

    /** Mean of p's valid hours in [from, to), or null with fewer than min of them. */
    static BigDecimal mean(StationHours sh, Pollutant p, long from, long to, int min) {
        List<BigDecimal> xs = values(sh, p, from, to);
        return xs.size() >= min ? meanOf(xs) : null;
    }

    static BigDecimal max(StationHours sh, Pollutant p, long from, long to, int min) {
        List<BigDecimal> xs = values(sh, p, from, to);
        return xs.size() >= min ? xs.stream().reduce(BigDecimal::max).orElseThrow() : null;
    }

    static List<BigDecimal> values(StationHours sh, Pollutant p, long from, long to) {
        List<BigDecimal> xs = new ArrayList<>();
        for (Map<Pollutant, BigDecimal> m : sh.valid().subMap(from, to).values()) {
            if (m.containsKey(p)) {
                xs.add(m.get(p));
            }
        }
        return xs;
    }

    static BigDecimal meanOf(List<BigDecimal> xs) {
        BigDecimal sum = xs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(xs.size()), MC);
    }

    /**
     * The NowCast of the 12 hours ending with hour k: at least 2 of the last 3 hours present; w =
     * min/max over the present hours, at least 1/2; Σ w^i c_i / Σ w^i (i = hours ago), computed as
     * exact fractions (scaled by max^11) and truncated to {@code scale} decimals.
     */
    static BigDecimal nowCast(StationHours sh, Pollutant p, long k, int scale) {
        BigDecimal[] c = new BigDecimal[12];
        int recent = 0;
        for (int i = 0; i < 12; i++) {
            Map<Pollutant, BigDecimal> m = sh.valid().get(k - i * HOUR);
            c[i] = m == null ? null : m.get(p);
            if (i < 3 && c[i] != null) {
                recent++;
            }
        }
        if (recent < 2) {
            return null;
        }
        BigDecimal lo = null;
        BigDecimal hi = null;
        for (BigDecimal x : c) {
            if (x != null) {
                lo = lo == null ? x : lo.min(x);
                hi = hi == null ? x : hi.max(x);
            }
        }
        if (hi.signum() == 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        BigDecimal a = lo;
        BigDecimal b = hi;
        if (lo.multiply(BigDecimal.valueOf(2)).compareTo(hi) < 0) {
            a = BigDecimal.ONE;
            b = BigDecimal.valueOf(2);
        }
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (int i = 0; i < 12; i++) {
            if (c[i] != null) {
                BigDecimal w = a.pow(i).multiply(b.pow(11 - i));
                num = num.add(w.multiply(c[i]));
                den = den.add(w);
            }
        }
        return num.movePointRight(scale).divideToIntegralValue(den).movePointLeft(scale);
    }

    /** Every average of a station's hourly report of hour k (absent = missing). */
    static Map<String, BigDecimal> hourly(StationHours sh, long k) {
        Map<String, BigDecimal> a = new TreeMap<>();
        Map<Pollutant, BigDecimal> now = sh.valid().getOrDefault(k, Map.of());
        for (Pollutant p : Pollutant.values()) {
            put(a, p.field + "_1h", now.get(p));
            if (p != Pollutant.O3) {
                put(a, p.field + "_24h", mean(sh, p, k - 23 * HOUR, k + HOUR, 20));
            }
        }
        put(a, "co_8h", mean(sh, Pollutant.CO, k - 7 * HOUR, k + HOUR, 6));
        put(a, "o3_8h", mean(sh, Pollutant.O3, k - 7 * HOUR, k + HOUR, 6));
        put(a, "pm25_nowcast", nowCast(sh, Pollutant.PM25, k, 1));
        put(a, "pm10_nowcast", nowCast(sh, Pollutant.PM10, k, 0));
        return a;
    }

    /** Every average of a station's daily report of the local day [d, next). */
    static Map<String, BigDecimal> daily(StationHours sh, long d, long next) {
        Map<String, BigDecimal> a = new TreeMap<>();
        for (Pollutant p : Pollutant.values()) {
            put(a, p.field + "_1h", max(sh, p, d, next, 20));
            if (p != Pollutant.O3) {
                put(a, p.field + "_24h", mean(sh, p, d, next, 20));
            }
        }
        put(a, "o3_8h", dailyMax8h(sh, Pollutant.O3, d, new BigDecimal(160)));
        put(a, "co_8h", dailyMax8h(sh, Pollutant.CO, d, null));
        return a;
    }

    /**
     * The largest of the 17 8-h means starting 00:00..16:00 (each 6 of 8 valid); valid with 14 of
     * them, or (when {@code limit} is given) with a maximum above it.
     */
    static BigDecimal dailyMax8h(StationHours sh, Pollutant p, long d, BigDecimal limit) {
        List<BigDecimal> means = new ArrayList<>();
        for (int j = 0; j <= 16; j++) {
            BigDecimal m = mean(sh, p, d + j * HOUR, d + (j + 8) * HOUR, 6);
            if (m != null) {
                means.add(m);
            }
        }
        BigDecimal max = means.stream().reduce(BigDecimal::max).orElse(null);
        if (means.size() >= 14 || (max != null && limit != null && max.compareTo(limit) > 0)) {
            return max;
        }
        return null;
    }

    static void put(Map<String, BigDecimal> m, String k, BigDecimal v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    long dayStart(long t) {
        return Instant.ofEpochMilli(t)
                .atZone(settings.zone())
                .toLocalDate()
                .atStartOfDay(settings.zone())
                .toInstant()
                .toEpochMilli();
    }

    long nextDay(long d) {
        return Instant.ofEpochMilli(d)
                .atZone(settings.zone())
                .toLocalDate()
                .plusDays(1)
                .atStartOfDay(settings.zone())
                .toInstant()
                .toEpochMilli();
    }

    /** A report before indexing: its averages (absent = missing) and its monitoring plan. */
    record Averages(Map<String, BigDecimal> values, Set<Pollutant> plan) {}

    /**
     * Every point: each station's reports, then each area's (its townships' and the district's),
     * whose averages are the means of the valid values of its stations with a report for that
     * window and start, and whose plan is the union of the plans of all its stations in the
     * reference data.
     */
    Map<String, Map<String, Object>> points(Map<String, Map<Pollutant, List<Piece>>> pieces) {
        // station id -> "1h@start" or "1d@start" -> averages
        Map<String, Map<String, Averages>> stations = new TreeMap<>();
        for (var e : pieces.entrySet()) {
            Station st = reference.station(e.getKey());
            Set<Pollutant> plan = plan(st);
            StationHours sh = hours(e.getValue());
            Map<String, Averages> reports = new TreeMap<>();
            TreeSet<Long> days = new TreeSet<>();
            for (long k : sh.reported()) {
                reports.put("1h@" + k, new Averages(hourly(sh, k), plan));
                days.add(dayStart(k));
            }
            for (long d : days) {
                reports.put("1d@" + d, new Averages(daily(sh, d, nextDay(d)), plan));
            }
            stations.put(st.id(), reports);
        }
        Map<String, Map<String, Object>> out = new TreeMap<>();
        stations.forEach(
                (id, reports) -> {
                    Station st = reference.station(id);
                    String tags = "scope=station,station=" + id + ",township=" + st.township();
                    reports.forEach((when, a) -> out.put(key(tags, when), index(when, a, 1)));
                });
        // area tags -> its stations in the reference data
        Map<String, List<Station>> areas = new TreeMap<>();
        for (Station st : reference.stations()) {
            areas.computeIfAbsent(
                            "scope=township,township=" + st.township(), k -> new ArrayList<>())
                    .add(st);
            areas.computeIfAbsent("scope=district", k -> new ArrayList<>()).add(st);
        }
        areas.forEach(
                (tags, members) -> {
                    Set<Pollutant> plan = EnumSet.noneOf(Pollutant.class);
                    Map<String, List<Averages>> byWhen = new TreeMap<>();
                    for (Station st : members) {
                        plan.addAll(plan(st));
                        stations.getOrDefault(st.id(), Map.of())
                                .forEach(
                                        (when, a) ->
                                                byWhen.computeIfAbsent(when, k -> new ArrayList<>())
                                                        .add(a));
                    }
                    byWhen.forEach(
                            (when, list) -> {
                                Map<String, BigDecimal> values = new TreeMap<>();
                                for (String f : AVERAGES) {
                                    List<BigDecimal> xs = new ArrayList<>();
                                    for (Averages a : list) {
                                        if (a.values().containsKey(f)) {
                                            xs.add(a.values().get(f));
                                        }
                                    }
                                    if (!xs.isEmpty()) {
                                        values.put(f, meanOf(xs));
                                    }
                                }
                                out.put(
                                        key(tags, when),
                                        index(when, new Averages(values, plan), list.size()));
                            });
                });
        return out;
    }

    static Set<Pollutant> plan(Station st) {
        Set<Pollutant> plan = EnumSet.noneOf(Pollutant.class);
        for (Quantity q : st.plan()) {
            plan.add(Pollutant.ofField(q.field()));
        }
        return plan;
    }

    /** The point key the read-back uses: sorted non-empty tags, then {@code @} and the time. */
    static String key(String tags, String when) {
        TreeSet<String> t = new TreeSet<>(List.of(tags.split(",")));
        t.add("standard=" + STANDARD);
        t.add("window=" + when.substring(0, when.indexOf('@')));
        return String.join(",", t) + when.substring(when.indexOf('@'));
    }

    // ---- indexing (HJ 633—2026) and the point encoding (docs/schema.md) ---------------------

    /** The report's indicator of pollutant p (4.2.3 real-time, 4.2.2 daily). */
    static String indicator(Pollutant p, boolean daily) {
        if (p == Pollutant.O3) {
            return daily ? "o3_8h" : "o3_1h";
        }
        return p.field + (daily ? "_24h" : "_1h");
    }

    static int[] row(Pollutant p, boolean daily) {
        return switch (p) {
            case SO2 -> daily ? SO2_24H : SO2_1H;
            case NO2 -> daily ? NO2_24H : NO2_1H;
            case CO -> daily ? CO_24H : CO_1H;
            case O3 -> daily ? O3_8H : O3_1H;
            case PM10 -> PM10_24H; // formula (1): 1-h PM against the 24-h column
            case PM25 -> PM25_24H;
        };
    }

    /** The sub-index of an unrounded concentration: GB/T 8170, table 3, rounded up. */
    static int iaqi(Pollutant p, boolean daily, BigDecimal unrounded) {
        BigDecimal c = unrounded.setScale(p.scale, RoundingMode.HALF_EVEN);
        int[] bp = row(p, daily);
        if (c.compareTo(BigDecimal.valueOf(bp[bp.length - 1])) > 0) {
            if (p == Pollutant.SO2 && !daily) {
                return 200; // note (b)
            }
            if (p == Pollutant.O3 && daily) {
                return 300; // note (c)
            }
            return 500; // above the table: dustwatch's choice
        }
        for (int i = 0; i + 1 < bp.length; i++) {
            BigDecimal lo = BigDecimal.valueOf(bp[i]);
            BigDecimal hi = BigDecimal.valueOf(bp[i + 1]);
            if (c.compareTo(hi) <= 0) {
                BigDecimal step =
                        c.subtract(lo)
                                .multiply(BigDecimal.valueOf(IAQI[i + 1] - IAQI[i]))
                                .divide(hi.subtract(lo), 0, RoundingMode.CEILING);
                return IAQI[i] + step.intValueExact();
            }
        }
        throw new AssertionError("unreachable");
    }

    static Map<String, Object> index(String when, Averages a, int stations) {
        boolean daily = when.startsWith("1d");
        Map<String, Object> f = new TreeMap<>();
        for (String avg : AVERAGES) {
            BigDecimal v = a.values().get(avg);
            f.put(avg, v == null ? -1.0 : v.doubleValue());
        }
        for (String s : SUB_INDICES) {
            f.put(s, -1.0);
        }
        Map<Pollutant, Integer> sub = new EnumMap<>(Pollutant.class);
        for (Pollutant p : Pollutant.values()) {
            BigDecimal c = a.values().get(indicator(p, daily));
            if (c != null) {
                int i = iaqi(p, daily, c);
                sub.put(p, i);
                String field =
                        p == Pollutant.O3
                                ? (daily ? "iaqi_o3_8h" : "iaqi_o3_1h")
                                : "iaqi_" + p.field;
                f.put(field, (double) i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Pollutant p : TABLE_ORDER) {
            if (a.plan().contains(p) && !sub.containsKey(p)) {
                missing.add(p.label);
            }
        }
        int aqi =
                sub.isEmpty() ? 0 : Math.max(1, sub.values().stream().max(Integer::compare).get());
        boolean published = !sub.isEmpty() && (missing.isEmpty() || aqi > 100);
        int level =
                aqi <= 50
                        ? 1
                        : aqi <= 100 ? 2 : aqi <= 150 ? 3 : aqi <= 200 ? 4 : aqi <= 300 ? 5 : 6;
        List<String> primary = new ArrayList<>();
        if (aqi > 50) {
            sub.forEach(
                    (p, i) -> {
                        if (i == aqi) {
                            primary.add(p.label);
                        }
                    });
        }
        Set<Group> groups = EnumSet.noneOf(Group.class);
        sub.forEach(
                (p, i) -> {
                    if (i > 100) {
                        groups.addAll(groups(p));
                    }
                });
        f.put("status", published ? "ok" : "NA");
        f.put("aqi", published ? (double) aqi : -1.0);
        f.put("level", published ? (double) level : -1.0);
        f.put("category", published ? CATEGORIES[level - 1][0] : "NA");
        f.put("category_en", published ? CATEGORIES[level - 1][1] : "NA");
        f.put("primary_pollutant", published ? String.join(",", primary) : "");
        f.put("advice", published ? new Consistent("advice", level) : "");
        f.put("advice_en", published ? new Consistent("advice_en", level) : "");
        f.put("exceeding", "");
        f.put("missing", String.join(",", missing));
        // table 2's groups in docs/aqi.md's order; the separators are the format the points use
        f.put("sensitive_groups", String.join("；", groups.stream().map(g -> g.zh).toList()));
        f.put("sensitive_groups_en", String.join("; ", groups.stream().map(g -> g.en).toList()));
        f.put("stations", (double) stations);
        return f;
    }

    // ---- reading InfluxDB back and comparing -------------------------------------------------

    /** Every {@code aqi} point: sorted non-empty tags, {@code @}, epoch ms → field → value. */
    static Map<String, Map<String, JsonNode>> read(InfluxServer.Client client, String db)
            throws IOException {
        return org.dustwatch.jobs.testing.InfluxAnswers.points(
                client.query(db, "SELECT * FROM aqi GROUP BY *"));
    }

    /**
     * Every difference between the expected and the actual points, one line each: missing and
     * unexpected points, field sets, and values (numbers within 1e-9, relative above 1; strings
     * exactly; {@link Consistent} texts consistent).
     */
    static List<String> differences(
            Map<String, Map<String, Object>> expected,
            Map<String, Map<String, JsonNode>> actual,
            ZoneId zone) {
        List<String> out = new ArrayList<>();
        for (String k : expected.keySet()) {
            if (!actual.containsKey(k)) {
                out.add("missing point " + show(k, zone));
            }
        }
        for (String k : actual.keySet()) {
            if (!expected.containsKey(k)) {
                out.add("unexpected point " + show(k, zone) + " " + actual.get(k));
            }
        }
        Map<Consistent, String> texts = new HashMap<>();
        Map<String, Consistent> owners = new HashMap<>();
        expected.forEach(
                (k, fields) -> {
                    Map<String, JsonNode> got = actual.get(k);
                    if (got == null) {
                        return;
                    }
                    if (!got.keySet().equals(fields.keySet())) {
                        Set<String> extra = new TreeSet<>(got.keySet());
                        extra.removeAll(fields.keySet());
                        Set<String> absent = new TreeSet<>(fields.keySet());
                        absent.removeAll(got.keySet());
                        out.add(show(k, zone) + " fields: absent " + absent + ", extra " + extra);
                    }
                    fields.forEach(
                            (name, want) -> {
                                JsonNode g = got.get(name);
                                if (g == null) {
                                    return;
                                }
                                String where = show(k, zone) + " " + name;
                                if (want instanceof Double d) {
                                    if (!g.isNumber()
                                            || Math.abs(g.asDouble() - d)
                                                    > 1e-9 * Math.max(1, Math.abs(d))) {
                                        out.add(where + ": expected " + d + ", got " + g);
                                    }
                                } else if (want instanceof Consistent c) {
                                    String text = g.asText();
                                    if (text.isEmpty()) {
                                        out.add(where + ": expected a text, got ''");
                                        return;
                                    }
                                    String before = texts.putIfAbsent(c, text);
                                    if (before != null && !before.equals(text)) {
                                        out.add(
                                                where
                                                        + ": '"
                                                        + text
                                                        + "', elsewhere '"
                                                        + before
                                                        + "'");
                                    }
                                    Consistent owner =
                                            owners.putIfAbsent(c.field() + "|" + text, c);
                                    if (owner != null && !owner.equals(c)) {
                                        out.add(where + ": '" + text + "' also for " + owner);
                                    }
                                } else if (!g.isTextual() || !g.asText().equals(want)) {
                                    out.add(where + ": expected '" + want + "', got " + g);
                                }
                            });
                });
        return out;
    }

    static String show(String key, ZoneId zone) {
        int at = key.lastIndexOf('@');
        return key.substring(0, at)
                + "@"
                + Instant.ofEpochMilli(Long.parseLong(key.substring(at + 1)))
                        .atZone(zone)
                        .toLocalDateTime();
    }

    /** The values map of a reading, from alternating names and numbers. */
    static Map<String, Double> values(Object... kv) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }
}
