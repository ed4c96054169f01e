package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.Level;

/**
 * Pollution episodes of one township, judged once per hour when the hour is final, from its
 * published real-time AQI reports and its stations' hourly reports. An hour is <i>polluted</i> when
 * its AQI level is at least {@code minLevel} (4, 中度污染, by default) or its 1-h PM2.5 rose by at
 * least {@code pm25Rise} µg/m³ since the previous hour. The rise compares the same stations: those
 * with a valid 1-h PM2.5 in both hours, the mean of their values in this hour less the mean in the
 * previous one; a station back from an outage, or one that fell out, does not move it. A polluted
 * hour opens an alert unless one is open or one resolved less than {@code cooldown} ago. A level of
 * 5 or more makes it critical.
 *
 * <p>The first rise of an alert (the one that opened it, or the first while it is open) fixes its
 * <i>baseline hour</i>, the hour the rise started from. The alert resolves on the first hour that
 * is not polluted and is not <i>held</i>: held while the mean 1-h PM2.5 of the stations valid in
 * both that hour and the baseline hour is still at least half of {@code pm25Rise} above the same
 * stations' mean in the baseline hour (no such station: not held). Half, not all of it: a rise that
 * just made the threshold would otherwise end on the next hour's noise (docs/alerts.md has the
 * measurement). So a plateau after a rise stays one alert until the air comes most of the way back
 * down; an alert without a rise resolves as before.
 *
 * <p>Keyed by township; the input holds the township's published hourly reports and its stations'
 * hourly reports. State: the township's report and its stations' PM2.5 of the last hour judged (and
 * of any later hour already in), an open alert's baseline hour's stations, and the alert's state. A
 * township without reports is forgotten once its next hour is final and any cooldown is over; an
 * open alert is kept, with its baseline hour's stations and without a timer, for the hour that
 * resolves it.
 */
public final class EpisodeDetector extends KeyedProcessFunction<String, AqiReport, Alert> {

    static final long HOUR = 3_600_000L;
    private static final long NONE = Long.MIN_VALUE;

    public record Settings(int minLevel, double pm25Rise, Duration cooldown)
            implements java.io.Serializable {}

    private final Settings s;
    private final long latenessMs;

    /** hour start -> {aqi, level, pm25_1h (NaN if none)} of the township's published report */
    private transient MapState<Long, double[]> hours;

    /** hour start -> station -> its valid 1-h PM2.5 */
    private transient MapState<Long, Map<String, Double>> stations;

    /**
     * {openedAt, lastResolvedAt, critical, idle timer, baseline hour}; openedAt < 0 when no alert
     * is open, the timer and the baseline hour NONE when there is none (savepoints of earlier
     * builds hold the first three or four). The baseline hour's stations stay in {@link #stations}.
     */
    private transient ValueState<long[]> alert;

    /**
     * @param allowedLateness the job's, which decides when an hour is final
     */
    public EpisodeDetector(Settings settings, Duration allowedLateness) {
        this.s = settings;
        this.latenessMs = allowedLateness.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        hours =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "hours",
                                Types.LONG,
                                PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        stations =
                ctx.getMapState(
                        new MapStateDescriptor<>(
                                "station-pm25", Types.LONG, Types.MAP(Types.STRING, Types.DOUBLE)));
        alert =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "alert", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(AqiReport r, Context ctx, Collector<Alert> out) throws Exception {
        long judgedAt = r.start() + HOUR - 1 + latenessMs;
        if (judgedAt <= ctx.timerService().currentWatermark()) {
            return; // judged already: nothing can change it
        }
        double pm25 = r.averages()[Average.PM25_1H.ordinal()];
        if (Level.STATION.is(r.scope())) {
            if (!Double.isFinite(pm25)) {
                return;
            }
            Map<String, Double> m = stations.get(r.start());
            m = m == null ? new HashMap<>() : new HashMap<>(m);
            m.put(r.subject(), pm25);
            stations.put(r.start(), m);
        } else {
            hours.put(r.start(), new double[] {r.aqi(), r.level(), pm25});
        }
        ctx.timerService().registerEventTimeTimer(judgedAt);
        long[] a = alert.value();
        if (a != null && a.length > 3 && a[3] != NONE) {
            ctx.timerService().deleteEventTimeTimer(a[3]); // not idle: an hour is pending
            a[3] = NONE;
            alert.update(a);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long[] a = current();
        if (t == a[3]) {
            forget(a);
            return;
        }
        long h = t + 1 - latenessMs - HOUR;
        double[] now = hours.get(h);
        if (now != null) {
            judge(h, now, a, ctx.getCurrentKey(), out);
        }
        // keep this hour (the next one rises from it), any later one already in, and the stations
        // of an open alert's baseline hour
        for (MapState<Long, ?> m : List.of(hours, stations)) {
            List<Long> old = new ArrayList<>();
            for (Long k : m.keys()) {
                if (k < h && !(m == stations && k == a[4])) {
                    old.add(k);
                }
            }
            for (Long k : old) {
                m.remove(k);
            }
        }
        // idle once the next hour is final without a report and any cooldown is over
        long idle = h + 2 * HOUR + latenessMs;
        if (a[1] != NONE) {
            idle = Math.max(idle, a[1] + s.cooldown().toMillis() + latenessMs);
        }
        if (a[3] != NONE) {
            ctx.timerService().deleteEventTimeTimer(a[3]);
        }
        a[3] = idle;
        ctx.timerService().registerEventTimeTimer(idle);
        alert.update(a);
    }

    private void judge(long h, double[] now, long[] a, String township, Collector<Alert> out)
            throws Exception {
        Rise rise = rise(stations.get(h), stations.get(h - HOUR));
        boolean byLevel = now[1] >= s.minLevel();
        boolean byRise = rise != null && rise.by() >= s.pm25Rise();
        boolean open = a[0] >= 0;
        boolean cooling = a[1] != NONE && h < a[1] + s.cooldown().toMillis();
        Rise sinceRise = open && a[4] != NONE ? rise(stations.get(h), stations.get(a[4])) : null;
        boolean held = sinceRise != null && sinceRise.by() >= s.pm25Rise() / 2;
        if (!open && (byLevel || byRise) && !cooling) {
            a[0] = h;
            a[2] = now[1] >= 5 ? 1 : 0;
            a[4] = byRise ? h - HOUR : NONE;
            String why =
                    byLevel
                            ? String.format(Locale.ROOT, "AQI %.0f (level %.0f)", now[0], now[1])
                            : String.format(
                                    Locale.ROOT,
                                    "PM2.5 up %.0f µg/m³ in an hour to %.0f at %d station%s"
                                            + " valid in both hours (%s)",
                                    rise.by(),
                                    rise.now(),
                                    rise.stations().size(),
                                    rise.stations().size() == 1 ? "" : "s",
                                    String.join(", ", rise.stations()));
            out.collect(
                    alert(
                            township,
                            h,
                            h,
                            byLevel ? now[0] : rise.by(),
                            byLevel ? Double.NaN : rise.before(),
                            a[2] == 1,
                            Alert.OPEN,
                            "pollution episode in " + township + ": " + why));
        } else if (open && byRise && a[4] == NONE) {
            a[4] = h - HOUR; // the alert's first rise: it holds from now on
        } else if (open && !byLevel && !byRise && !held) {
            out.collect(
                    alert(
                            township,
                            a[0],
                            h,
                            now[0],
                            Double.NaN,
                            a[2] == 1,
                            Alert.RESOLVED,
                            String.format(
                                            Locale.ROOT,
                                            "pollution episode in %s over: AQI %.0f (level %.0f)",
                                            township,
                                            now[0],
                                            now[1])
                                    + (sinceRise == null
                                            ? ""
                                            : String.format(
                                                    Locale.ROOT,
                                                    ", PM2.5 %.0f µg/m³ against %.0f before the"
                                                            + " rise",
                                                    sinceRise.now(),
                                                    sinceRise.before()))));
            a[0] = -1;
            a[1] = h;
            a[4] = NONE;
        }
    }

    /**
     * The rise of the mean 1-h PM2.5 over the stations valid in both hours, or null when there are
     * none.
     *
     * @param stations the stations of the rise, sorted
     */
    record Rise(double by, double before, double now, List<String> stations) {}

    static Rise rise(Map<String, Double> now, Map<String, Double> before) {
        if (now == null || before == null) {
            return null;
        }
        TreeMap<String, Double> both = new TreeMap<>(now);
        both.keySet().retainAll(before.keySet());
        if (both.isEmpty()) {
            return null;
        }
        double sumNow = 0;
        double sumBefore = 0;
        for (String st : both.keySet()) {
            sumNow += now.get(st);
            sumBefore += before.get(st);
        }
        double n = both.size();
        return new Rise(
                (sumNow - sumBefore) / n,
                sumBefore / n,
                sumNow / n,
                new ArrayList<>(both.keySet()));
    }

    /**
     * An idle township: its hours go; its alert state too, unless an alert is open, which keeps its
     * baseline hour's stations.
     */
    private void forget(long[] a) throws Exception {
        hours.clear();
        Map<String, Double> baseline = a[4] == NONE ? null : stations.get(a[4]);
        stations.clear();
        if (a[0] < 0) {
            alert.clear();
        } else {
            if (baseline != null) {
                stations.put(a[4], baseline);
            }
            a[3] = NONE;
            alert.update(a);
        }
    }

    private long[] current() throws Exception {
        long[] a = alert.value();
        if (a == null) {
            return new long[] {-1, NONE, 0, NONE, NONE};
        }
        if (a.length > 4) {
            return a;
        }
        long[] b = {-1, NONE, 0, NONE, NONE};
        System.arraycopy(a, 0, b, 0, a.length);
        return b;
    }

    private Alert alert(
            String township,
            long openedAt,
            long h,
            double observed,
            double baseline,
            boolean critical,
            String state,
            String message) {
        return new Alert(
                Alert.id("pollution_episode", Level.TOWNSHIP.tag(), township, openedAt),
                "pollution_episode",
                Level.TOWNSHIP.tag(),
                township,
                h,
                h + HOUR,
                observed,
                baseline,
                critical ? "critical" : "warning",
                state,
                message);
    }
}
