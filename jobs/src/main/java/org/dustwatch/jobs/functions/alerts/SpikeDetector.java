package org.dustwatch.jobs.functions.alerts;

import static org.dustwatch.jobs.functions.alerts.SpikeCore.HOUR;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.InspectionStats;

/**
 * Violation spikes of one road or township, judged once per hour when the hour is final (the
 * watermark has passed its end plus the allowed lateness) by {@link SpikeCore}, which holds the
 * test and the life cycle; docs/alerts.md explains them.
 *
 * <p><b>State.</b> Per key, the hourly counts of the baseline's horizon ({@link
 * SpikeCore.Settings#horizonMs}, at most the baseline days and a day), the hours that were part of
 * an alert, the alert's state, a timer per hour not yet judged and one cleanup timer. A key that
 * has had no inspections for the baseline days plus a day, after the allowed lateness, is
 * forgotten: its state and timers are freed (an alert still open is resolved then). A key quiet for
 * a night keeps everything.
 *
 * <p>The state's names and types are those of the detector before issue 21 ({@code alert} was three
 * longs and is now five), so a savepoint of that build restores into this one.
 */
public final class SpikeDetector extends KeyedProcessFunction<String, InspectionStats, Alert> {

    private final SpikeCore core;
    private final long latenessMs;
    private transient MapState<Long, long[]> hours;
    private transient MapState<Long, Boolean> anomalous;

    /** {openedAt, lastResolvedAt, critical, last hour with data, cleanup timer}. */
    private transient ValueState<long[]> alert;

    /**
     * @param allowedLateness the job's, which decides when an hour is final
     */
    public SpikeDetector(SpikeCore.Settings settings, Duration allowedLateness) {
        this.core = new SpikeCore(settings);
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
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        anomalous =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("anomalous", Types.LONG, Types.BOOLEAN));
        alert =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "alert",
                                        PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    /** Forgotten this long after the end of the last hour with data (beyond the lateness). */
    private long idleMs() {
        return (core.settings().days() + 1) * 24 * HOUR;
    }

    @Override
    public void processElement(InspectionStats st, Context ctx, Collector<Alert> out)
            throws Exception {
        // the last arrival for an hour wins: a late firing upstream corrects it
        hours.put(st.windowStart(), new long[] {st.inspected(), st.violating()});
        long[] a = state();
        if (st.windowStart() > a[3]) {
            if (a[4] != Long.MIN_VALUE) {
                ctx.timerService().deleteEventTimeTimer(a[4]);
            }
            a[3] = st.windowStart();
            a[4] = st.windowStart() + HOUR - 1 + latenessMs + idleMs();
        }
        ctx.timerService().registerEventTimeTimer(st.windowStart() + HOUR - 1 + latenessMs);
        ctx.timerService().registerEventTimeTimer(a[4]);
        alert.update(a);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long h = t + 1 - latenessMs - HOUR;
        String[] key = ctx.getCurrentKey().split("\\|", 2);
        long[] a = state();
        if (t == a[4]) {
            if (ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
                return; // the end of a bounded input is not silence
            }
            if (a[0] >= 0) {
                out.collect(idleResolve(key[0], key[1], a, h));
            }
            hours.clear();
            anomalous.clear();
            alert.clear();
            return;
        }
        if (hours.get(h) == null) {
            return;
        }
        SpikeCore.Change c = core.judge(h, new StateStore(a));
        if (c != null) {
            out.collect(alert(key[0], key[1], c));
        }
        long horizon = h - core.settings().horizonMs();
        List<Long> old = new ArrayList<>();
        for (Long k : hours.keys()) {
            if (k < horizon) {
                old.add(k);
            }
        }
        for (Long k : anomalous.keys()) {
            if (k < horizon) {
                old.add(k);
            }
        }
        for (Long k : old) {
            hours.remove(k);
            anomalous.remove(k);
        }
    }

    /** The alert state, five longs; one of the build before issue 21 (three) is widened. */
    private long[] state() throws Exception {
        long[] a = alert.value();
        if (a == null) {
            return new long[] {-1, Long.MIN_VALUE, 0, Long.MIN_VALUE, Long.MIN_VALUE};
        }
        if (a.length < 5) {
            return new long[] {a[0], a[1], a[2], Long.MIN_VALUE, Long.MIN_VALUE};
        }
        return a;
    }

    /** The keyed state as the core's store; the alert's first three longs are the core's. */
    private final class StateStore implements SpikeCore.Store {
        private final long[] a;

        StateStore(long[] a) {
            this.a = a;
        }

        @Override
        public long[] counts(long hour) throws Exception {
            return hours.get(hour);
        }

        @Override
        public boolean partOfAlert(long hour) throws Exception {
            return Boolean.TRUE.equals(anomalous.get(hour));
        }

        @Override
        public void markPartOfAlert(long hour) throws Exception {
            anomalous.put(hour, true);
        }

        @Override
        public long[] alert() {
            return new long[] {a[0], a[1], a[2]};
        }

        @Override
        public void alert(long[] c) throws Exception {
            a[0] = c[0];
            a[1] = c[1];
            a[2] = c[2];
            alert.update(a);
        }
    }

    private Alert alert(String level, String subject, SpikeCore.Change c) {
        SpikeCore.Window w = c.window();
        String span =
                w.hours() == 1
                        ? ""
                        : String.format(Locale.ROOT, " in the last %d hours", w.hours());
        String message =
                c.open()
                        ? String.format(
                                Locale.ROOT,
                                "violation rate %.0f%% on %s %s (%d of %d inspected%s) against a"
                                        + " usual %.0f%% (z = %.1f)",
                                100 * w.rate(),
                                level,
                                subject,
                                w.x(),
                                w.n(),
                                span,
                                100 * w.baseline(),
                                w.z())
                        : String.format(
                                Locale.ROOT,
                                "violation rate on %s %s back to %.0f%% (%d of %d inspected%s;"
                                        + " usual %.0f%%)",
                                level,
                                subject,
                                100 * w.rate(),
                                w.x(),
                                w.n(),
                                span,
                                100 * w.baseline());
        long start = c.open() ? w.from() : w.to() - HOUR;
        // the window's violating inspections against what the baseline's rate expects of them
        return alert(
                        level,
                        subject,
                        c.openedAt(),
                        start,
                        w.to(),
                        w.rate(),
                        w.baseline(),
                        c.critical(),
                        c.open() ? Alert.OPEN : Alert.RESOLVED,
                        message)
                .withCounts("violations", w.x(), w.n() * w.baseline());
    }

    private Alert idleResolve(String level, String subject, long[] a, long h) {
        return alert(
                level,
                subject,
                a[0],
                h,
                h + HOUR,
                Double.NaN,
                Double.NaN,
                a[2] == 1,
                Alert.RESOLVED,
                String.format(
                        Locale.ROOT,
                        "no inspections on %s %s for %d days: the violation-spike alert is closed",
                        level,
                        subject,
                        core.settings().days() + 1));
    }

    private static Alert alert(
            String level,
            String subject,
            long openedAt,
            long start,
            long end,
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
                start,
                end,
                rate,
                baseline,
                critical ? "critical" : "warning",
                state,
                message);
    }
}
