package org.dustwatch.jobs.functions;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.Quantity;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * A station's valid hourly means, from readings of any cadence (docs/aqi.md, "Validity on real
 * cadences"). A reading averages {@code [start, start + period)}; it enters every hour its period
 * overlaps, with the part that overlaps.
 *
 * <ul>
 *   <li><b>Coverage</b> of a pollutant in an hour is the union of the parts of the hour that its
 *       readings cover, not their sum: overlapping readings (a one-hour mean beside five-minute
 *       ones) and readings that straddle the hour are not counted twice. The hour is valid for the
 *       pollutant when the coverage is at least {@code minCoverage} (GB 3095 table 4: 45 minutes of
 *       sampling). A one-hour reading of the whole hour is a valid hour by itself.
 *   <li><b>Mean</b>: the readings' values weighted by the duration each covers in the hour, in
 *       exact decimal arithmetic (the values as reported), so that GB/T 8170 rounding later sees
 *       the true mean.
 * </ul>
 *
 * <p><b>Which.</b> An hour is emitted when the middle of one of the station's readings fell in it:
 * a reading that runs a few seconds into the next hour (an analyser a little off the grid) adds to
 * that hour but does not make it a station-hour of its own.
 *
 * <p><b>When.</b> An hour is emitted when the watermark passes its end, and again whenever a late
 * reading changes it afterwards; the last emission is that of an in-order run. An hour's tally is
 * kept until the allowed lateness plus one hour (the longest period) past its end: a reading the
 * lateness gate passed may reach back that far.
 */
public final class StationHours extends KeyedProcessFunction<String, Reading, PollutantHour> {

    static final long HOUR = 3_600_000L;
    static final int N = PollutantHour.POLLUTANTS;
    static final MathContext PRECISION = MathContext.DECIMAL128;

    private final long minCoverageMs;
    private final long retentionMs;
    private final ReferenceData reference;
    private transient MapState<Long, HourTally> hours;

    /** One station's hour in the making: per pollutant, a weighted sum and the covered spans. */
    public static final class HourTally {
        /** Σ value × covered ms, per pollutant; {@code null} before its first reading. */
        public BigDecimal[] weighted = new BigDecimal[N];

        /** Σ covered ms (the weights), per pollutant. */
        public long[] weight = new long[N];

        /** The covered spans as sorted, disjoint {@code [from, to)} pairs, ms into the hour. */
        public long[][] spans = new long[N][];

        public String township;

        /** Whether the middle of a reading fell in this hour: only then does it get a report. */
        public boolean anchored;

        public HourTally() {}
    }

    public StationHours(Duration minCoverage, Duration allowedLateness, ReferenceData reference) {
        this.minCoverageMs = minCoverage.toMillis();
        this.retentionMs = allowedLateness.toMillis() + HOUR;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext openContext) {
        hours =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "hours", Types.LONG, Types.POJO(HourTally.class)));
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<PollutantHour> out)
            throws Exception {
        long wm = ctx.timerService().currentWatermark();
        for (long h = Math.floorDiv(r.start(), HOUR) * HOUR; h < r.end(); h += HOUR) {
            if (h + HOUR - 1 + retentionMs <= wm) {
                continue; // forgotten already; unreachable for readings the lateness gate passed
            }
            long from = Math.max(r.start(), h) - h;
            long to = Math.min(r.end(), h + HOUR) - h;
            HourTally t = hours.get(h);
            if (t == null) {
                t = new HourTally();
                t.township = r.township();
                ctx.timerService().registerEventTimeTimer(h + HOUR - 1 + retentionMs);
            }
            for (Quantity q : Quantity.ALL) {
                if (!q.pollutant() || Double.isNaN(q.of(r))) {
                    continue;
                }
                int i = q.ordinal();
                BigDecimal part =
                        BigDecimal.valueOf(q.of(r)).multiply(BigDecimal.valueOf(to - from));
                t.weighted[i] = t.weighted[i] == null ? part : t.weighted[i].add(part);
                t.weight[i] += to - from;
                t.spans[i] = union(t.spans[i], from, to);
            }
            long middle = r.start() + r.periodMs() / 2;
            t.anchored |= middle >= h && middle < h + HOUR;
            hours.put(h, t);
            // Fires when the watermark passes the hour's end, or at the next watermark when it has
            // passed already: a late change is emitted again.
            ctx.timerService().registerEventTimeTimer(h + HOUR - 1);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<PollutantHour> out) throws Exception {
        long hourStart = t + 1 - HOUR;
        if (Math.floorMod(t + 1, HOUR) == 0) {
            HourTally tally = hours.get(hourStart);
            if (tally != null && tally.anchored) {
                out.collect(hour(ctx.getCurrentKey(), hourStart, tally));
            }
        }
        List<Long> expired = new ArrayList<>();
        for (Long h : hours.keys()) {
            if (h + HOUR - 1 + retentionMs <= t) {
                expired.add(h);
            }
        }
        for (Long h : expired) {
            hours.remove(h);
        }
    }

    PollutantHour hour(String station, long hourStart, HourTally t) {
        BigDecimal[] mean = new BigDecimal[N];
        long[] covered = new long[N];
        for (int i = 0; i < N; i++) {
            covered[i] = covered(t.spans[i]);
            if (covered[i] >= minCoverageMs && t.weight[i] > 0) {
                mean[i] = t.weighted[i].divide(BigDecimal.valueOf(t.weight[i]), PRECISION);
            }
        }
        return new PollutantHour(station, t.township, hourStart, mean, covered, plan(station));
    }

    private int plan(String station) {
        Station s = reference == null ? null : reference.station(station);
        return planBits(s == null ? Station.ALL_POLLUTANTS : s.plan());
    }

    /** A monitoring plan as bits {@code 1 << Quantity.ordinal()}, as the AQI records carry it. */
    public static int planBits(Set<Quantity> plan) {
        int bits = 0;
        for (Quantity q : plan) {
            bits |= 1 << q.ordinal();
        }
        return bits;
    }

    /** The total length of sorted, disjoint spans. */
    static long covered(long[] spans) {
        long n = 0;
        for (int k = 0; spans != null && k < spans.length; k += 2) {
            n += spans[k + 1] - spans[k];
        }
        return n;
    }

    /** Sorted, disjoint spans with {@code [from, to)} added: overlapping and touching ones join. */
    static long[] union(long[] spans, long from, long to) {
        if (spans == null) {
            return new long[] {from, to};
        }
        long[] out = new long[spans.length + 2];
        int n = 0;
        boolean placed = false;
        for (int k = 0; k < spans.length; k += 2) {
            long s = spans[k];
            long e = spans[k + 1];
            if (e < from) {
                out[n++] = s;
                out[n++] = e;
            } else if (s > to) {
                if (!placed) {
                    out[n++] = from;
                    out[n++] = to;
                    placed = true;
                }
                out[n++] = s;
                out[n++] = e;
            } else {
                from = Math.min(from, s);
                to = Math.max(to, e);
            }
        }
        if (!placed) {
            out[n++] = from;
            out[n++] = to;
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
