package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.model.Inspection;

/**
 * Repeat offenders: one vehicle, keyed by its plate's keyed hash, caught with a violation in at
 * least {@code count} incidents within {@code period} of event time. Only violating inspections
 * reach it.
 *
 * <p><b>Incidents.</b> One truck with one uncovered load that passes three checkpoints in an hour
 * is one offence, not three. The violations of the period are grouped in time order: an incident
 * begins with the oldest violation not yet grouped and takes every violation less than {@code
 * tripWindow} after that one. The grouping is a function of the period's violations alone, so it
 * does not depend on arrival order.
 *
 * <p>The vehicle is judged at the end of each minute, "as of" that minute's end M, from the
 * violations in [M − period, M). A minute is judged only once it is final, when the watermark
 * passes its end plus the allowed lateness: from then on the lateness gate sends any event of that
 * minute to the dead-letter topic, so the judgement, and the alert's id, never depend on arrival
 * order or on a replay. The alert opens at the first minute that reaches {@code count} incidents
 * and resolves at the first minute whose trailing period holds fewer. The end of a bounded input
 * resolves nothing: it says nothing about the weeks after it.
 *
 * <p>State: the vehicle's violations of the last period (times and checkpoints) and the minute its
 * alert opened; both are cleared once the period holds none.
 */
public final class RepeatOffenderDetector extends KeyedProcessFunction<String, Inspection, Alert> {

    static final long MINUTE = 60_000L;

    /**
     * @param count incidents within the period that open an alert
     * @param period the trailing span they are counted over
     * @param tripWindow the violations of one vehicle less than this after an incident's first are
     *     that incident
     */
    public record Settings(int count, Duration period, Duration tripWindow)
            implements java.io.Serializable {
        public Settings {
            if (count < 2) {
                throw new IllegalArgumentException(
                        "a repeat offender needs at least 2 incidents, not " + count);
            }
            if (period.compareTo(Duration.ofMinutes(1)) < 0) {
                throw new IllegalArgumentException(
                        "the repeat-offender period must be at least 1 minute, not " + period);
            }
            if (tripWindow.isNegative() || tripWindow.compareTo(period) >= 0) {
                throw new IllegalArgumentException(
                        "the repeat-offender trip window must be at least 0 and shorter than the"
                                + " period ("
                                + period
                                + "), not "
                                + tripWindow);
            }
        }
    }

    private final long count;
    private final long periodMs;
    private final long tripMs;
    private final long latenessMs;
    private final ZoneId zone;

    /** Event times of the violations kept, ascending; {@link #checkpoints} runs in parallel. */
    private transient ValueState<long[]> times;

    private transient ValueState<String[]> checkpoints;

    /** Start of the minute the open alert opened in; absent when none is open. */
    private transient ValueState<Long> openedAt;

    /**
     * @param allowedLateness the job's, which decides when a minute is final
     * @param zone the zone of the incidents' times in the message
     */
    public RepeatOffenderDetector(Settings s, Duration allowedLateness, ZoneId zone) {
        this.count = s.count();
        this.periodMs = s.period().toMillis();
        this.tripMs = s.tripWindow().toMillis();
        this.latenessMs = allowedLateness.toMillis();
        this.zone = zone;
    }

    @Override
    public void open(OpenContext openContext) {
        var ctx = getRuntimeContext();
        times =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "times", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        checkpoints =
                ctx.getState(
                        new ValueStateDescriptor<>(
                                "checkpoints", BasicArrayTypeInfo.STRING_ARRAY_TYPE_INFO));
        openedAt = ctx.getState(new ValueStateDescriptor<>("opened-at", Types.LONG));
    }

    @Override
    public void processElement(Inspection i, Context ctx, Collector<Alert> out) throws Exception {
        long[] t = times.value();
        String[] cps = checkpoints.value();
        if (t == null) {
            t = new long[0];
            cps = new String[0];
        }
        int at = Arrays.binarySearch(t, i.ts());
        at = at < 0 ? -at - 1 : at;
        times.update(insert(t, at, i.ts()));
        checkpoints.update(insert(cps, at, i.checkpointId()));
        ctx.timerService().registerEventTimeTimer(finalAt(minuteEnd(i.ts())));
    }

    @Override
    public void onTimer(long timer, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long asOf = timer - latenessMs + 1; // the end of the minute now final
        long[] t = times.value();
        if (t == null) {
            return;
        }
        String[] cps = checkpoints.value();
        int from = lowerBound(t, asOf - periodMs); // older ones no later judgement counts
        t = Arrays.copyOfRange(t, from, t.length);
        cps = Arrays.copyOfRange(cps, from, cps.length);
        int n = lowerBound(t, asOf); // violations in [asOf - period, asOf)
        List<int[]> incidents = incidents(t, n, tripMs);
        String vehicle = ctx.getCurrentKey();
        Long opened = openedAt.value();
        if (opened == null && incidents.size() >= count) {
            openedAt.update(asOf - MINUTE);
            out.collect(
                    alert(
                            vehicle,
                            asOf - MINUTE,
                            asOf,
                            incidents.size(),
                            distinct(cps, n),
                            Alert.OPEN,
                            String.format(
                                    Locale.ROOT,
                                    "vehicle %s was caught violating in %d incidents in %s, the"
                                            + " last at %s: %s",
                                    vehicle,
                                    incidents.size(),
                                    span(),
                                    cps[n - 1],
                                    describe(t, cps, incidents))));
        } else if (opened != null
                && incidents.size() < count
                && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            openedAt.clear();
            out.collect(
                    alert(
                            vehicle,
                            opened,
                            asOf,
                            incidents.size(),
                            distinct(cps, n),
                            Alert.RESOLVED,
                            String.format(
                                    Locale.ROOT,
                                    "vehicle %s has had fewer than %d incidents in the last %s",
                                    vehicle,
                                    count,
                                    span())));
        }
        if (t.length == 0) {
            times.clear();
            checkpoints.clear();
            return;
        }
        times.update(t);
        checkpoints.update(cps);
        // Judge again when the oldest violation kept leaves the period: that may resolve the
        // alert, and it forgets the vehicle once the period holds none.
        ctx.timerService().registerEventTimeTimer(finalAt(minuteEnd(t[0] + periodMs)));
    }

    /**
     * The incidents among the first {@code n} times (ascending), as {first, last} index pairs: each
     * begins with the oldest time not yet grouped and takes the times less than {@code tripMs}
     * after it.
     */
    static List<int[]> incidents(long[] t, int n, long tripMs) {
        List<int[]> out = new ArrayList<>();
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && t[j + 1] - t[i] < tripMs) {
                j++;
            }
            out.add(new int[] {i, j});
            i = j + 1;
        }
        return out;
    }

    /** "11-02 21:05 at CP-01; 11-09 03:40 at CP-03, CP-07 within 40 min", local times. */
    private String describe(long[] t, String[] cps, List<int[]> incidents) {
        List<String> parts = new ArrayList<>();
        for (int[] in : incidents) {
            StringBuilder b =
                    new StringBuilder(WHEN.format(Instant.ofEpochMilli(t[in[0]]).atZone(zone)))
                            .append(" at ")
                            .append(String.join(", ", Arrays.copyOfRange(cps, in[0], in[1] + 1)));
            if (in[1] > in[0]) {
                b.append(" within ").append((t[in[1]] - t[in[0]]) / MINUTE).append(" min");
            }
            parts.add(b.toString());
        }
        return String.join("; ", parts);
    }

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);

    /** When the minute ending at {@code end} is final: its last millisecond plus the lateness. */
    private long finalAt(long end) {
        return end - 1 + latenessMs;
    }

    /** The end of the minute that holds {@code ts}. */
    static long minuteEnd(long ts) {
        return Math.floorDiv(ts, MINUTE) * MINUTE + MINUTE;
    }

    /** The first index whose time is at least {@code ts}. */
    private static int lowerBound(long[] t, long ts) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private String span() {
        if (periodMs % 86_400_000L == 0) {
            return count(periodMs / 86_400_000L, "day");
        }
        return periodMs % 3_600_000L == 0
                ? count(periodMs / 3_600_000L, "hour")
                : count(periodMs / MINUTE, "minute");
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    private static String[] insert(String[] a, int at, String v) {
        String[] b = new String[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    /** An alert whose state changed in the minute that ends at {@code minuteEnd}. */
    private Alert alert(
            String vehicle,
            long openedAt,
            long minuteEnd,
            long incidents,
            String[] checkpoints,
            String state,
            String message) {
        return new Alert(
                        Alert.id("repeat_offender", "vehicle", vehicle, openedAt),
                        "repeat_offender",
                        "vehicle",
                        vehicle,
                        minuteEnd - MINUTE,
                        minuteEnd,
                        incidents,
                        count,
                        "warning",
                        state,
                        message)
                .withPlace(null, null, checkpoints, null)
                .withCounts("incidents", incidents, count);
    }

    /** The checkpoints of the first {@code n}, each once, in the order first caught at. */
    private static String[] distinct(String[] cps, int n) {
        return new java.util.LinkedHashSet<>(Arrays.asList(cps).subList(0, n))
                .toArray(String[]::new);
    }
}
