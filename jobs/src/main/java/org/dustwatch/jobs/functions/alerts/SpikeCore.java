package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;

/**
 * The spike detector's judgement of one final hour, without Flink: {@link SpikeDetector} keeps the
 * counts in keyed state and calls {@link #judge}; {@code bin/dustwatch bench alerts} calls the same
 * method over simulated hourly counts. docs/alerts.md explains the test and its defaults.
 *
 * <p><b>Test.</b> For each window of the last {@code k = 1..windowHours} hours ending with the hour
 * judged, the violating count {@code x} of its {@code n} inspections is compared with the baseline:
 * the same hours of day (widened by {@code spread} hours either side) on each of the last {@code
 * days} days, pooled, leaving out hours that were part of an alert. With {@code bx} violating of
 * {@code bn} baseline inspections, the rate is uncertain as Beta(bx + ½, bn − bx + ½) (Jeffreys'
 * prior), so under no change {@code x} is beta-binomial, and the window's p-value is the exact
 * upper tail {@code P(X >= x)}. Its z-equivalent is {@code z = Φ⁻¹(1 − p)}. The hour's score is the
 * largest z of its windows: one thin hour of a big spike, or several of a smaller one.
 *
 * <p><b>Life cycle.</b> A score {@code >= threshold} opens an alert (critical at twice the
 * threshold) unless one is open or one resolved less than {@code cooldown} ago; the window's hours
 * become part of the alert. No window reaches back into an earlier alert or its cooldown, so a high
 * hour in the cooldown cannot open an alert as soon as the cooldown ends. While it is open, every
 * hour with data is part of it, judged or not, so no hour of a spike ever becomes a baseline. It
 * resolves at the first hour whose longest window scores below {@code resolveZ}. A window with
 * fewer than {@code minVolume} inspections, or whose baseline holds fewer than {@code minBaseline},
 * is not judged.
 */
public final class SpikeCore implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    public static final long HOUR = 3_600_000L;

    /** The detector's settings; see docs/configuration.md. */
    public record Settings(
            double threshold,
            double resolveZ,
            long minVolume,
            int days,
            int spread,
            int windowHours,
            long minBaseline,
            Duration cooldown)
            implements java.io.Serializable {
        public Settings {
            if (days < 0 || windowHours < 1 || spread < 0 || windowHours + spread > 24) {
                throw new IllegalArgumentException(
                        "alerts.spike: baseline-days and baseline-spread must be at least 0,"
                                + " window-hours at least 1, and window-hours + baseline-spread"
                                + " at most 24");
            }
        }

        /** How far back a judgement reads: the baseline days and the widest window. */
        public long horizonMs() {
            return days * 24 * HOUR + (windowHours + spread) * HOUR;
        }
    }

    /** What the judgement reads and writes. Hours are window starts, epoch ms. */
    public interface Store {
        /** {inspected, violating} of an hour, or null when it had none. */
        long[] counts(long hour) throws Exception;

        boolean partOfAlert(long hour) throws Exception;

        void markPartOfAlert(long hour) throws Exception;

        /** {openedAt, lastResolvedAt, critical}; openedAt < 0 when none is open. */
        long[] alert() throws Exception;

        void alert(long[] a) throws Exception;
    }

    /** One window's test. */
    public record Window(long from, long to, long n, long x, long baseN, long baseX, double z) {
        public double rate() {
            return n == 0 ? 0 : (double) x / n;
        }

        public double baseline() {
            return baseN == 0 ? 0 : (double) baseX / baseN;
        }

        public int hours() {
            return (int) ((to - from) / HOUR);
        }
    }

    /**
     * A change of the alert's state.
     *
     * @param openedAt the start of the window that opened it: the alert's id
     * @param window the window judged: for an open the one that scored highest, for a resolve the
     *     longest
     */
    public record Change(boolean open, long openedAt, boolean critical, Window window) {}

    private final Settings s;

    public SpikeCore(Settings s) {
        this.s = s;
    }

    public Settings settings() {
        return s;
    }

    /** Judges the final hour {@code h}; returns the alert's change, or null. */
    public Change judge(long h, Store st) throws Exception {
        long[] a = st.alert();
        if (a == null) {
            a = new long[] {-1, Long.MIN_VALUE, 0};
        }
        boolean open = a[0] >= 0;
        Change change = null;
        if (!open) {
            Window best = null;
            long coolUntil =
                    a[1] == Long.MIN_VALUE ? Long.MIN_VALUE : a[1] + s.cooldown().toMillis();
            for (int k = 1; k <= s.windowHours(); k++) {
                long from = h - (k - 1) * HOUR;
                if (st.partOfAlert(from) || from < coolUntil) {
                    break; // a window reaches neither into an earlier alert nor its cooldown
                }
                Window w = window(from, h, st);
                if (w != null && (best == null || w.z() > best.z())) {
                    best = w;
                }
            }
            if (best != null && best.z() >= s.threshold()) {
                a = new long[] {best.from(), a[1], best.z() >= 2 * s.threshold() ? 1 : 0};
                for (long t = best.from(); t <= h; t += HOUR) {
                    st.markPartOfAlert(t);
                }
                change = new Change(true, best.from(), a[2] == 1, best);
            }
        } else {
            Window w = window(h - (s.windowHours() - 1) * HOUR, h, st);
            if (w != null && w.z() < s.resolveZ()) {
                change = new Change(false, a[0], a[2] == 1, w);
                a = new long[] {-1, h, 0};
            } else {
                st.markPartOfAlert(h);
            }
        }
        st.alert(a);
        return change;
    }

    /** The test of the hours {@code [from, to]}, or null when it cannot be judged. */
    Window window(long from, long to, Store st) throws Exception {
        long n = 0;
        long x = 0;
        for (long t = from; t <= to; t += HOUR) {
            long[] c = st.counts(t);
            if (c != null) {
                n += c[0];
                x += c[1];
            }
        }
        if (n < Math.max(1, s.minVolume())) {
            return null;
        }
        long bn = 0;
        long bx = 0;
        for (int d = 1; d <= s.days(); d++) {
            long day = d * 24 * HOUR;
            for (long t = from - s.spread() * HOUR; t <= to + s.spread() * HOUR; t += HOUR) {
                long[] c = st.counts(t - day);
                if (c != null && !st.partOfAlert(t - day)) {
                    bn += c[0];
                    bx += c[1];
                }
            }
        }
        if (bn < Math.max(1, s.minBaseline())) {
            return null;
        }
        double p = SpikeStats.upperTail(x, n, bx + 0.5, bn - bx + 0.5);
        return new Window(from, to + HOUR, n, x, bn, bx, SpikeStats.zOf(p));
    }
}
