package org.dustwatch.jobs.functions.alerts;

import static org.dustwatch.jobs.functions.alerts.SpikeCore.HOUR;

import java.util.ArrayList;
import java.util.List;

/**
 * One road's or township's hourly counts in arrays, judged hour by hour by the production {@link
 * SpikeCore}: what {@code bin/dustwatch bench alerts} and the Monte Carlo tests run the detector
 * over, thousands of road-weeks a second, without Flink. Hour i starts at {@code base + i} hours.
 */
public final class HourlySeries implements SpikeCore.Store {

    private final long base;
    private final long[] n;
    private final long[] x;
    private final boolean[] part;
    private long[] alert;

    /** An alert's state change at hour index {@code hour}. */
    public record Event(int hour, SpikeCore.Change change) {}

    public HourlySeries(long baseMs, long[] inspected, long[] violating) {
        this.base = baseMs;
        this.n = inspected.clone();
        this.x = violating.clone();
        this.part = new boolean[n.length];
    }

    /**
     * Judges every hour with inspections, in order, as the detector's timers do; returns the
     * changes.
     */
    public List<Event> run(SpikeCore core) throws Exception {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                SpikeCore.Change c = core.judge(base + i * HOUR, this);
                if (c != null) {
                    out.add(new Event(i, c));
                }
            }
        }
        return out;
    }

    private int index(long hour) {
        long i = (hour - base) / HOUR;
        return i < 0 || i >= n.length ? -1 : (int) i;
    }

    @Override
    public long[] counts(long hour) {
        int i = index(hour);
        return i < 0 || n[i] == 0 ? null : new long[] {n[i], x[i]};
    }

    @Override
    public boolean partOfAlert(long hour) {
        int i = index(hour);
        return i >= 0 && part[i];
    }

    @Override
    public void markPartOfAlert(long hour) {
        int i = index(hour);
        if (i >= 0) {
            part[i] = true;
        }
    }

    @Override
    public long[] alert() {
        return alert;
    }

    @Override
    public void alert(long[] a) {
        alert = a;
    }
}
