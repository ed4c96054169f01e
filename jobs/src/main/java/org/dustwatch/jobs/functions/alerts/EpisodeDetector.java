package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.Level;

/**
 * Pollution episodes of one township, from its real-time AQI reports, judged once per hour when the
 * hour is final. An hour is <i>polluted</i> when its AQI level is at least {@code minLevel} (4,
 * 中度污染, by default) or its 1-h PM2.5 rose by at least {@code pm25Rise} µg/m³ since the previous
 * hour. A polluted hour opens an alert unless one is open or one resolved less than {@code
 * cooldown} ago; the first hour that is not polluted resolves it. A level of 5 or more makes it
 * critical. State: the last two hours' reports and the alert's state.
 */
public final class EpisodeDetector extends KeyedProcessFunction<String, AqiReport, Alert> {

    static final long HOUR = 3_600_000L;

    public record Settings(int minLevel, double pm25Rise, Duration cooldown)
            implements java.io.Serializable {}

    private final Settings s;
    private final long latenessMs;

    /** hour start -> {aqi, level, pm25_1h (NaN if none)} */
    private transient MapState<Long, double[]> hours;

    /** {openedAt, lastResolvedAt, critical}; openedAt < 0 when no alert is open. */
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
        hours =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hours",
                                        Types.LONG,
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        alert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert",
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(AqiReport r, Context ctx, Collector<Alert> out) throws Exception {
        hours.put(
                r.start(),
                new double[] {r.aqi(), r.level(), r.averages()[Average.PM25_1H.ordinal()]});
        ctx.timerService().registerEventTimeTimer(r.start() + HOUR - 1 + latenessMs);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long h = t + 1 - latenessMs - HOUR;
        double[] now = hours.get(h);
        if (now == null) {
            return;
        }
        String township = ctx.getCurrentKey();
        double[] before = hours.get(h - HOUR);
        double rise = before == null ? Double.NaN : now[2] - before[2];
        boolean byLevel = now[1] >= s.minLevel();
        boolean byRise = rise >= s.pm25Rise();
        long[] a = alert.value();
        if (a == null) {
            a = new long[] {-1, Long.MIN_VALUE, 0};
        }
        boolean open = a[0] >= 0;
        boolean cooling = a[1] != Long.MIN_VALUE && h < a[1] + s.cooldown().toMillis();
        if (!open && (byLevel || byRise) && !cooling) {
            a[0] = h;
            a[2] = now[1] >= 5 ? 1 : 0;
            String why =
                    byLevel
                            ? String.format(Locale.ROOT, "AQI %.0f (level %.0f)", now[0], now[1])
                            : String.format(
                                    Locale.ROOT,
                                    "PM2.5 up %.0f µg/m³ in an hour to %.0f",
                                    rise,
                                    now[2]);
            out.collect(
                    alert(
                            township,
                            h,
                            h,
                            byLevel ? now[0] : rise,
                            byLevel ? Double.NaN : before[2],
                            a[2] == 1,
                            Alert.OPEN,
                            "pollution episode in " + township + ": " + why));
        } else if (open && !byLevel && !byRise) {
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
                                    now[1])));
            a[0] = -1;
            a[1] = h;
        }
        alert.update(a);
        List<Long> old = new ArrayList<>();
        for (Long k : hours.keys()) {
            if (k < h - HOUR) {
                old.add(k);
            }
        }
        for (Long k : old) {
            hours.remove(k);
        }
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
