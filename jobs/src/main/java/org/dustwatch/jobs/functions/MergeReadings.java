package org.dustwatch.jobs.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * equally long and their starts round to the same point of that length's grid (the nearest multiple
 * of the period since the epoch): 08:05:00.000 and 08:05:01.900 are one five-minute period, 08:05
 * and 08:10 two. Equal timestamps are thus neither needed nor enough.
 *
 * <p><b>What passes.</b> A reading goes on with the pollutants that are new, the others cleared;
 * its weather fields go with it. A reading whose pollutants were all seen with the same values is a
 * duplicate (counted once, in {@code duplicates}). A reading that gives a seen pollutant another
 * value is a correction (counted once, in {@code corrections}): the first value stands. The first
 * may already have been published in a report, and a later arrival is not more trustworthy for
 * being later; an audited correction is brought in by recomputing the period (docs/events.md,
 * "Readings").
 *
 * <p><b>State</b> per station: the values seen, keyed by pollutant, period and grid point, and the
 * keys filed by the quarter hour in which they are forgotten (as {@link Deduplicate} does): a value
 * is forgotten once the watermark passes its reading's event time plus the horizon, which must
 * exceed the allowed lateness.
 */
public final class MergeReadings extends KeyedProcessFunction<String, Reading, Reading> {

    /** One element (the number 1) per reading that was a whole repeat. */
    public static final OutputTag<Long> DUPLICATES = Deduplicate.DUPLICATES;

    /** One element (the number 1) per reading that changed a value seen before. */
    public static final OutputTag<Long> CORRECTIONS = new OutputTag<>("corrections", Types.LONG);

    static final long SWEEP_MS = Deduplicate.SWEEP_MS;

    private static final Quantity[] POLLUTANTS = {
        Quantity.PM25, Quantity.PM10, Quantity.SO2, Quantity.NO2, Quantity.CO, Quantity.O3
    };

    private final long horizonMs;
    private transient MapState<String, Double> seen;
    private transient MapState<Long, List<String>> expiring;
    private transient Counter duplicates;
    private transient Counter corrections;

    public MergeReadings(Duration horizon) {
        this.horizonMs = horizon.toMillis();
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.DOUBLE));
        expiring =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "expiring", Types.LONG, Types.LIST(Types.STRING)));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
        corrections = getRuntimeContext().getMetricGroup().counter("corrections");
    }

    @Override
    public void processElement(Reading r, Context ctx, Collector<Reading> out) throws Exception {
        double[] fresh = new double[POLLUTANTS.length];
        boolean anyFresh = false;
        boolean corrected = false;
        List<String> added = null;
        for (int i = 0; i < POLLUTANTS.length; i++) {
            double v = POLLUTANTS[i].of(r);
            fresh[i] = Double.NaN;
            if (Double.isNaN(v)) {
                continue;
            }
            String key = key(i, r);
            Double before = seen.get(key);
            if (before == null) {
                seen.put(key, v);
                if (added == null) {
                    added = new ArrayList<>(POLLUTANTS.length);
                }
                added.add(key);
                fresh[i] = v;
                anyFresh = true;
            } else if (Double.compare(before, v) != 0) {
                corrected = true;
            }
        }
        if (added != null) {
            file(added, r.eventTime(), ctx);
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
        List<String> filed = expiring.get(timestamp);
        if (filed == null) {
            return;
        }
        for (String key : filed) {
            seen.remove(key);
        }
        expiring.remove(timestamp);
    }

    /** pollutant, period and grid point: {@code 0:300000:5890000}. */
    static String key(int pollutant, Reading r) {
        long p = r.periodMs();
        long slot = Math.floorDiv(r.start() + p / 2, p);
        return pollutant + ":" + p + ":" + slot;
    }

    private void file(List<String> keys, long eventTime, Context ctx) throws Exception {
        long forget = Math.floorDiv(eventTime + horizonMs + SWEEP_MS - 1, SWEEP_MS) * SWEEP_MS;
        List<String> filed = expiring.get(forget);
        if (filed == null) {
            filed = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(forget);
        }
        filed.addAll(keys);
        expiring.put(forget, filed);
    }
}
