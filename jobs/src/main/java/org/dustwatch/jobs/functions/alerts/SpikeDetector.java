package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.InspectionStats;

/**
 * Violation spikes of one road or township, judged once per hour when the hour is final (the
 * watermark has passed its end plus the allowed lateness). docs/alerts.md explains the choices.
 *
 * <p><b>Baseline.</b> The median violation rate of the same hour of day over the last {@code days}
 * days and of the last {@code recent} hours (the trend), counting only hours with at least {@code
 * minVolume} inspections and leaving out hours that were part of an open alert. Its spread is the
 * median absolute deviation (MAD) of the same samples.
 *
 * <p><b>Score.</b> {@code z = (rate - median) / sd}, where {@code sd^2} adds the binomial noise of
 * this hour's n inspections, {@code p(1 - p) / n}, to the baseline's own uncertainty: the larger of
 * its spread, {@code (1.4826 MAD)^2}, and the binomial noise of a typical baseline hour, {@code p(1
 * - p) / m} with m the median volume of the baseline hours. A handful of samples can have a MAD of
 * almost nothing by chance; the floor keeps that from paging anyone.
 *
 * <p><b>Life cycle.</b> An hour with {@code n >= minVolume} and {@code z >= threshold} opens an
 * alert, unless one is open or one resolved less than {@code cooldown} ago. The alert resolves on
 * the first hour with enough volume and {@code z < resolveZ}. Hours with too few inspections leave
 * the state as it is.
 *
 * <p><b>State.</b> Per key, the hourly counts of the last {@code days} days plus a day, the alert's
 * state, and one timer per hour; counts older than that are dropped when an hour is judged, and a
 * key without counts clears everything.
 */
public final class SpikeDetector extends KeyedProcessFunction<String, InspectionStats, Alert> {

    static final long HOUR = 3_600_000L;

    /** The detector's settings; see docs/configuration.md. */
    public record Settings(
            double threshold,
            double resolveZ,
            long minVolume,
            int days,
            int recent,
            int minSamples,
            Duration cooldown)
            implements java.io.Serializable {}

    private final Settings s;
    private final long latenessMs;
    private transient MapState<Long, long[]> hours;
    private transient MapState<Long, Boolean> anomalous;

    /** {openedAt, lastResolvedAt, critical}; openedAt < 0 when no alert is open. */
    private transient ValueState<long[]> alert;

    /**
     * @param allowedLateness the job's, which decides when an hour is final
     */
    public SpikeDetector(Settings settings, Duration allowedLateness) {
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
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        anomalous =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("anomalous", Types.LONG, Types.BOOLEAN));
        alert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert",
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(InspectionStats st, Context ctx, Collector<Alert> out)
            throws Exception {
        // the last arrival for an hour wins: a late firing upstream corrects it
        hours.put(st.windowStart(), new long[] {st.inspected(), st.violating()});
        ctx.timerService().registerEventTimeTimer(st.windowStart() + HOUR - 1 + latenessMs);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long h = t + 1 - latenessMs - HOUR;
        long[] now = hours.get(h);
        if (now == null) {
            return;
        }
        String[] key = ctx.getCurrentKey().split("\\|", 2);
        String level = key[0];
        String subject = key[1];
        List<Double> samples = new ArrayList<>();
        List<Double> volumes = new ArrayList<>();
        for (int d = 1; d <= s.days(); d++) {
            sample(h - d * 24 * HOUR, samples, volumes);
        }
        for (int r = 1; r <= s.recent(); r++) {
            sample(h - r * HOUR, samples, volumes);
        }
        long[] a = alert.value();
        if (a == null) {
            a = new long[] {-1, Long.MIN_VALUE, 0};
        }
        boolean open = a[0] >= 0;
        if (now[0] >= s.minVolume() && samples.size() >= s.minSamples()) {
            double rate = (double) now[1] / now[0];
            double median = median(samples);
            double mad = median(samples.stream().map(x -> Math.abs(x - median)).toList());
            double p = Math.min(Math.max(median, 0.01), 0.99);
            double baselineVariance =
                    Math.max(Math.pow(1.4826 * mad, 2), p * (1 - p) / median(volumes));
            double sd = Math.sqrt(p * (1 - p) / now[0] + baselineVariance);
            double z = (rate - median) / sd;
            boolean cooling = a[1] != Long.MIN_VALUE && h < a[1] + s.cooldown().toMillis();
            if (!open && z >= s.threshold() && !cooling) {
                a[0] = h;
                a[2] = z >= 2 * s.threshold() ? 1 : 0;
                anomalous.put(h, true);
                out.collect(
                        alert(
                                level,
                                subject,
                                h,
                                h,
                                rate,
                                median,
                                a[2] == 1,
                                Alert.OPEN,
                                String.format(
                                        Locale.ROOT,
                                        "violation rate %.0f%% on %s %s (%d of %d inspected) against a"
                                                + " usual %.0f%% (z = %.1f)",
                                        100 * rate,
                                        level,
                                        subject,
                                        now[1],
                                        now[0],
                                        100 * median,
                                        z)));
            } else if (open && z < s.resolveZ()) {
                out.collect(
                        alert(
                                level,
                                subject,
                                a[0],
                                h,
                                rate,
                                median,
                                a[2] == 1,
                                Alert.RESOLVED,
                                String.format(
                                        Locale.ROOT,
                                        "violation rate on %s %s back to %.0f%% (usual %.0f%%)",
                                        level,
                                        subject,
                                        100 * rate,
                                        100 * median)));
                a[0] = -1;
                a[1] = h;
            } else if (open) {
                anomalous.put(h, true);
            }
            alert.update(a);
        }
        long horizon = h - (s.days() + 1) * 24 * HOUR;
        List<Long> old = new ArrayList<>();
        for (Long k : hours.keys()) {
            if (k < horizon) {
                old.add(k);
            }
        }
        for (Long k : old) {
            hours.remove(k);
            anomalous.remove(k);
        }
        if (hours.isEmpty() && a[0] < 0) {
            alert.clear();
        }
    }

    private void sample(long hour, List<Double> samples, List<Double> volumes) throws Exception {
        long[] c = hours.get(hour);
        if (c != null && c[0] >= s.minVolume() && !Boolean.TRUE.equals(anomalous.get(hour))) {
            samples.add((double) c[1] / c[0]);
            volumes.add((double) c[0]);
        }
    }

    private Alert alert(
            String level,
            String subject,
            long openedAt,
            long h,
            double rate,
            double baseline,
            boolean critical,
            String state,
            String message) {
        return new Alert(
                Alert.id("violation_spike", level, subject, openedAt),
                "violation_spike",
                level,
                subject,
                h,
                h + HOUR,
                rate,
                baseline,
                critical ? "critical" : "warning",
                state,
                message);
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        int n = a.length;
        return n % 2 == 1 ? a[n / 2] : (a[n / 2 - 1] + a[n / 2]) / 2;
    }
}
