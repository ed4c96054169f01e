package org.dustwatch.jobs.functions.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.dustwatch.model.Quantity;
import org.dustwatch.model.Reading;

/**
 * Merges the readings of one station per pollutant: for a station, a pollutant and a period there
 * is one value, whichever message carried it. A PM monitor and a gas analyser of one station send
 * separate messages whose {@code ts} differ by a few hundred milliseconds or seconds, and both
 * pass; a device that sends the same value again is a duplicate.
 *
 * <p><b>Same period.</b> Two values of a pollutant belong to the same period when their periods are
 * equally long and their starts lie within a tolerance of each other: a quarter of the period, at
 * most {@link #TOLERANCE_MS} (08:05:00.000 and 08:05:01.900 are one five-minute period, 08:05 and
 * 08:10 two). Equal timestamps are thus neither needed nor enough. A period is filed under the
 * point of its length's grid that its start rounds to; a reading that rounds to a point held by a
 * period more than the tolerance away (a feed whose starts sit half a period off the grid, with a
 * little jitter) takes the neighbouring point on its side.
 *
 * <p><b>What passes.</b> A reading goes on with the pollutants that are new, the others cleared;
 * its weather fields go with it. A reading whose pollutants were all seen with the same values is a
 * duplicate (counted once, in {@code duplicates}). A reading that gives a seen pollutant another
 * value is a correction (counted once, in {@code corrections}): the first value stands. The first
 * may already have been published in a report, and a later arrival is not more trustworthy for
 * being later; an audited correction is brought in by recomputing the period (docs/events.md,
 * "Readings").
 *
 * <p><b>State</b> per station: the six values seen per period (one entry per period and grid point,
 * whichever messages filled it), and the periods filed by the quarter hour in which they are
 * forgotten (as {@link Deduplicate} does): a period is forgotten once the watermark passes the
 * event time of its first reading plus the horizon, which must exceed the allowed lateness.
 */
public final class MergeReadings extends KeyedProcessFunction<String, Reading, Reading> {

    /** One element (the number 1) per reading that was a whole repeat. */
    public static final OutputTag<Long> DUPLICATES = Deduplicate.DUPLICATES;

    /** One element (the number 1) per reading that changed a value seen before. */
    public static final OutputTag<Long> CORRECTIONS = new OutputTag<>("corrections", Types.LONG);

    static final long SWEEP_MS = Deduplicate.SWEEP_MS;

    /** Starts further apart than this are different periods, however they round. */
    static final long TOLERANCE_MS = 5_000;

    /** Where the first start of a period is kept in its entry, after the six values. */
    static final int START = 6;

    private static final Quantity[] POLLUTANTS = {
        Quantity.PM25, Quantity.PM10, Quantity.SO2, Quantity.NO2, Quantity.CO, Quantity.O3
    };

    private final long horizonMs;

    /** The values seen per period, by {@link #key}: six pollutants, NaN where none was seen. */
    private transient MapState<Long, double[]> seen;

    private transient MapState<Long, List<Long>> expiring;
    private transient Counter duplicates;
    private transient Counter corrections;

    public MergeReadings(Duration horizon) {
        this.horizonMs = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "seen",
                                        Types.LONG,
                                        PrimitiveArrayTypeInfo.DOUBLE_PRIMITIVE_ARRAY_TYPE_INFO));
        expiring =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "expiring", Types.LONG, Types.LIST(Types.LONG)));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
        corrections = getRuntimeContext().getMetricGroup().counter("corrections");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Reading> out) throws Exception {
        long p = r.periodMs();
        long tolerance = Math.min(p / 4, TOLERANCE_MS);
        long slot = Math.floorDiv(r.start() + p / 2, p);
        long key = key(slot, p);
        double[] before = seen.get(key);
        if (before != null && Math.abs((long) before[START] - r.start()) > tolerance) {
            // another period holds this grid point: take the neighbouring one on this side
            key = key(slot + (r.start() > (long) before[START] ? 1 : -1), p);
            before = seen.get(key);
            if (before != null && Math.abs((long) before[START] - r.start()) > tolerance) {
                before = null; // both taken by other periods: pass it on, unremembered
                key = Long.MIN_VALUE;
            }
        }
        boolean known = before != null;
        double[] values = known ? before : nothingSeen(r.start());
        double[] fresh = new double[POLLUTANTS.length];
        boolean anyFresh = false;
        boolean corrected = false;
        for (int i = 0; i < POLLUTANTS.length; i++) {
            double v = POLLUTANTS[i].of(r);
            fresh[i] = Double.NaN;
            if (Double.isNaN(v)) {
                continue;
            }
            if (Double.isNaN(values[i])) {
                values[i] = v;
                fresh[i] = v;
                anyFresh = true;
            } else if (Double.compare(values[i], v) != 0) {
                corrected = true;
            }
        }
        if (anyFresh && key != Long.MIN_VALUE) {
            seen.put(key, values);
            if (!known) {
                file(key, r.eventTime(), ctx);
            }
        }
        if (corrected) {
            corrections.inc();
            ctx.output(CORRECTIONS, 1L);
        } else if (!anyFresh) {
            duplicates.inc();
            ctx.output(DUPLICATES, 1L);
        }
        if (anyFresh) {
            out.collect(
                    new Reading(
                            r.stationId(),
                            r.ts(),
                            r.start(),
                            r.periodMs(),
                            fresh[0],
                            fresh[1],
                            fresh[2],
                            fresh[3],
                            fresh[4],
                            fresh[5],
                            r.tempC(),
                            r.humidity(),
                            r.windSpeed(),
                            r.windDir(),
                            r.township()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Reading> out)
            throws Exception {
        List<Long> filed = expiring.get(timestamp);
        if (filed == null) {
            return;
        }
        for (Long key : filed) {
            seen.remove(key);
        }
        expiring.remove(timestamp);
    }

    /**
     * A period as one number: its grid point times 4096, plus the period in seconds (whole seconds
     * from 1 to 3,600, so it fits in 12 bits).
     */
    static long key(long slot, long periodMs) {
        return slot * 4096 + periodMs / 1000;
    }

    /** A new entry: no value seen, and the period's first start (exact in a double). */
    private static double[] nothingSeen(long start) {
        double[] v = new double[POLLUTANTS.length + 1];
        java.util.Arrays.fill(v, Double.NaN);
        v[START] = start;
        return v;
    }

    private void file(long key, long eventTime, Context ctx) throws Exception {
        long forget = Math.floorDiv(eventTime + horizonMs + SWEEP_MS - 1, SWEEP_MS) * SWEEP_MS;
        List<Long> filed = expiring.get(forget);
        if (filed == null) {
            filed = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(forget);
        }
        filed.add(key);
        expiring.put(forget, filed); // in place on the heap; RocksDB needs the put
    }
}
