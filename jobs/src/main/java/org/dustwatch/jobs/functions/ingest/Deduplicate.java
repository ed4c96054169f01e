package org.dustwatch.jobs.functions.ingest;

import java.io.Serializable;
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

/**
 * Lets the first event of each id through and drops repeats (counted in {@code duplicates}). A
 * repeat with a higher revision than any seen for its id is a correction (an inspection re-sent
 * under its {@code eventId} with a higher {@code revision}): it is dropped too, but counted in
 * {@code corrections}, since it takes effect only when the month is recomputed ({@code dustwatch
 * recompute}, docs/operations.md). The same or a lower revision is a duplicate ({@link
 * #isCorrection}).
 *
 * <p>It is keyed by where events come from, the checkpoint or the station, not by the id: so it
 * shares the partitioning of the 1-minute window after it, which reads its output as already keyed
 * ({@code reinterpretAsKeyedStream}) and runs in the same task, one network hop less per event. The
 * id within a key is the event id (inspections) or the timestamp (readings).
 *
 * <p>State per key: a map from id to event time, and the ids filed by the quarter hour in which
 * they expire, with one event-time timer per such quarter hour. An id is forgotten once the
 * watermark has passed its event time plus the horizon, at the next full quarter hour, so the state
 * holds at most the horizon plus 15 minutes of ids. The quarter hour is a trade: a station
 * reporting every few minutes, or a checkpoint seeing a truck a minute, gets a handful of timers an
 * hour instead of one per event; timers were the largest cost of this task in the profile
 * (docs/benchmarks.md). A timer removes the ids filed under it and touches no other: sweeping the
 * whole map instead took a third of the station task's CPU in a later profile. The horizon must
 * exceed the allowed lateness, so that a repeat which arrives after its id is forgotten is late
 * anyway.
 *
 * <p>The highest revision of an id is kept only when it is above 0, in a map state of its own
 * ({@code revisions}) that is emptied with {@code seen}; a savepoint from before it restores with
 * that map empty.
 *
 * <p>The filing changed the operator's state; its uid says so ({@code inspections-dedup-filed},
 * {@code readings-dedup-filed}), and docs/operations.md ("Upgrades") says what that means for a
 * savepoint of an older version.
 */
public final class Deduplicate<T> extends KeyedProcessFunction<String, T, T> {

    /** One element (the number 1) per dropped repeat, for the {@code pipeline} measurement. */
    public static final org.apache.flink.util.OutputTag<Long> DUPLICATES =
            new org.apache.flink.util.OutputTag<>("duplicates", Types.LONG);

    /** One element (the number 1) per dropped correction, for the {@code pipeline} measurement. */
    public static final org.apache.flink.util.OutputTag<Long> CORRECTIONS =
            new org.apache.flink.util.OutputTag<>("corrections", Types.LONG);

    /** The identity of an event within its key, and its revision. */
    public interface Id<T> extends Serializable {
        String of(T event);

        /** The event's revision; 0 for events that have none. */
        default int revision(T event) {
            return 0;
        }
    }

    /**
     * Whether a repeat of an id is a correction: its revision is above the highest seen for the id.
     * Otherwise it is a duplicate.
     */
    public static boolean isCorrection(int highestSeen, int revision) {
        return revision > highestSeen;
    }

    /** Ids expiring within one such span are forgotten together. */
    static final long SWEEP_MS = 15 * 60_000L;

    private final long horizonMs;
    private final LatenessGate.EventTime<T> eventTime;
    private final Id<T> id;
    private transient MapState<String, Long> seen;

    /** The highest revision seen of the ids in {@code seen}, where it is above 0. */
    private transient MapState<String, Integer> revisions;

    /** The ids in {@code seen} by the quarter hour they are forgotten at. */
    private transient MapState<Long, List<String>> expiring;

    private transient Counter duplicates;
    private transient Counter corrections;

    public Deduplicate(Duration horizon, LatenessGate.EventTime<T> eventTime, Id<T> id) {
        this.horizonMs = horizon.toMillis();
        this.eventTime = eventTime;
        this.id = id;
    }

    @Override
    public void open(OpenContext openContext) {
        seen =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("seen", Types.STRING, Types.LONG));
        expiring =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "expiring", Types.LONG, Types.LIST(Types.STRING)));
        revisions =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("revisions", Types.STRING, Types.INT));
        duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
        corrections = getRuntimeContext().getMetricGroup().counter("corrections");
    }

    @Override
    public void processElement(T value, Context ctx, Collector<T> out) throws Exception {
        String key = id.of(value);
        int revision = id.revision(value);
        if (seen.contains(key)) {
            Integer highest = revisions.get(key);
            if (isCorrection(highest == null ? 0 : highest, revision)) {
                revisions.put(key, revision);
                corrections.inc();
                ctx.output(CORRECTIONS, 1L);
            } else {
                duplicates.inc();
                ctx.output(DUPLICATES, 1L);
            }
            return;
        }
        long ts = eventTime.applyAsLong(value);
        seen.put(key, ts);
        if (revision > 0) {
            revisions.put(key, revision);
        }
        long forget = forgetAt(ts);
        List<String> filed = expiring.get(forget);
        if (filed == null) {
            filed = new ArrayList<>();
            ctx.timerService().registerEventTimeTimer(forget);
        }
        filed.add(key);
        expiring.put(forget, filed); // in place on the heap; RocksDB needs the put
        out.collect(value);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<T> out) throws Exception {
        List<String> filed = expiring.get(timestamp);
        if (filed == null) {
            return;
        }
        for (String key : filed) {
            seen.remove(key);
            revisions.remove(key);
        }
        expiring.remove(timestamp);
    }

    /** The first full quarter hour at or after the event time plus the horizon. */
    private long forgetAt(long ts) {
        return Math.floorDiv(ts + horizonMs + SWEEP_MS - 1, SWEEP_MS) * SWEEP_MS;
    }
}
