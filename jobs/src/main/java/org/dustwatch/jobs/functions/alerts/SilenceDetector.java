package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * A station that has sent no reading for {@code silence} of event time, judged from its 1-minute
 * windows. A gap after a minute with data that ends at E is decided once it is final: when the
 * watermark (driven by the other stations) passes E + silence + the allowed lateness. From then on
 * the lateness gate refuses any reading that could fall into the gap, so a reading that arrives
 * late but is accepted fills the gap before it is judged, as it would in order: a replay raises the
 * same alerts. The alert resolves with the station's next reading (at once, if that reading had
 * already arrived ahead of the watermark). The end of a bounded input (a watermark of {@code
 * Long.MAX_VALUE}) is not silence. A whole district going quiet stops the watermark too; Grafana's
 * "pipeline stalled" rule covers that.
 *
 * <p>State, per station: the ends of its minutes whose gaps are not decided yet, the open alert,
 * and one pending timer. A reading does not move the timer: when it fires before the station's
 * silence is due, it is set again for the next due time, so a station reporting every 5 minutes
 * costs one timer per silence period. A silent station holds only its open alert and the end of its
 * last minute (what its next reading resolves), and no timer.
 *
 * <p>A station whose reference data declare a period hears {@code silence} or two of its periods,
 * whichever is longer: an hourly data service is not silent between its hours.
 */
public final class SilenceDetector extends KeyedProcessFunction<String, AirStats, Alert> {

    static final long MINUTE = 60_000L;
    private static final int OPENED = 0;
    private static final int TIMER = 1;
    private static final int ENDS = 2;
    private static final long NONE = Long.MIN_VALUE;

    private final long defaultSilenceMs;
    private final long latenessMs;
    private final Map<String, Long> declaredPeriodMs;

    /**
     * {openedAt (the end of the last minute before the open gap, or NONE), pending timer (or NONE),
     * the ends of the minutes whose gaps are not decided yet, ascending...}
     */
    private transient ValueState<long[]> state;

    /** The state of builds before the lateness rule: {lastMinuteEnd, openedAt or -1, timer}. */
    private transient ValueState<long[]> before;

    public SilenceDetector(Duration silence, Duration allowedLateness) {
        this(silence, allowedLateness, Map.of());
    }

    /**
     * @param allowedLateness the job's: a gap is judged once no reading can fall into it any more
     * @param declaredPeriodMs the stations' declared periods, by station id (from reference data)
     */
    public SilenceDetector(
            Duration silence, Duration allowedLateness, Map<String, Long> declaredPeriodMs) {
        this.defaultSilenceMs = silence.toMillis();
        this.latenessMs = allowedLateness.toMillis();
        this.declaredPeriodMs = new HashMap<>(declaredPeriodMs);
    }

    /** The declared periods of the stations that declare one. */
    public static Map<String, Long> declaredPeriods(ReferenceData reference) {
        Map<String, Long> out = new HashMap<>();
        if (reference != null) {
            for (Station s : reference.stations()) {
                if (s.period() != null) {
                    out.put(s.id(), s.period().toMillis());
                }
            }
        }
        return out;
    }

    /** The silence that opens an alert for a station. */
    long silenceMs(String station) {
        Long p = declaredPeriodMs.get(station);
        return p == null ? defaultSilenceMs : Math.max(defaultSilenceMs, 2 * p);
    }

    @Override
    public void open(OpenContext openContext) {
        var type = PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("gaps", type));
        before = getRuntimeContext().getState(new ValueStateDescriptor<>("last-seen", type));
    }

    @Override
    public void processElement(AirStats m, Context ctx, Collector<Alert> out) throws Exception {
        long end = m.windowStart() + MINUTE;
        long silenceMs = silenceMs(m.subject());
        if (end + silenceMs + latenessMs <= ctx.timerService().currentWatermark()) {
            return; // its gap is decided already; the gate refuses what could reach it
        }
        long[] s = current();
        if (s[OPENED] != NONE) {
            out.collect(resolved(m.subject(), s[OPENED], m.windowStart()));
            s = new long[] {NONE, s[TIMER]};
        }
        int at = Arrays.binarySearch(s, ENDS, s.length, end);
        if (at >= 0) {
            return; // a late firing of a minute already seen
        }
        s = insert(s, -at - 1, end);
        if (s[TIMER] == NONE) {
            s[TIMER] = s[ENDS] + silenceMs + latenessMs;
            ctx.timerService().registerEventTimeTimer(s[TIMER]);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        String station = ctx.getCurrentKey();
        long silenceMs = silenceMs(station);
        long[] s = current();
        if (s[TIMER] != NONE && t != s[TIMER]) {
            return; // one of the timers per reading that a savepoint from before that rule holds
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean end = watermark == Long.MAX_VALUE;
        // gaps after ends up to here are final: by the watermark, which may be far past this
        // timer (after a restart, or at the end of a bounded input, when no timer follows)
        long finalThrough = watermark - silenceMs - latenessMs;
        int i = ENDS;
        for (; i < s.length && s[i] <= finalThrough; i++) {
            if (i < s.length - 1) {
                if (s[i + 1] - MINUTE >= s[i] + silenceMs) {
                    // the next minute had come in ahead of the watermark: open and resolve now
                    out.collect(opened(station, s[i], silenceMs, declaredPeriodMs.get(station)));
                    out.collect(resolved(station, s[i], s[i + 1] - MINUTE));
                }
            } else if (!end) {
                s[OPENED] = s[i];
                out.collect(opened(station, s[i], silenceMs, declaredPeriodMs.get(station)));
            }
        }
        // decided ends are dropped; an open alert keeps the end of its last minute
        long[] kept = new long[ENDS + s.length - i];
        kept[OPENED] = s[OPENED];
        kept[TIMER] = NONE;
        System.arraycopy(s, i, kept, ENDS, s.length - i);
        if (kept.length > ENDS && !end) {
            // the next due time: the first gap already seen, else the trailing one
            long due = kept[kept.length - 1] + silenceMs + latenessMs;
            for (int j = ENDS; j < kept.length - 1; j++) {
                if (kept[j + 1] - MINUTE >= kept[j] + silenceMs) {
                    due = kept[j] + silenceMs + latenessMs;
                    break;
                }
            }
            kept[TIMER] = due;
            ctx.timerService().registerEventTimeTimer(due);
        }
        if (kept.length == ENDS && kept[OPENED] == NONE) {
            state.clear();
        } else {
            state.update(kept);
        }
    }

    /** The station's state; a savepoint's state from before the lateness rule is read once. */
    private long[] current() throws java.io.IOException {
        long[] s = state.value();
        if (s != null) {
            return s;
        }
        long[] old = before.value();
        if (old == null) {
            return new long[] {NONE, NONE};
        }
        before.clear();
        long timer = old.length == 3 ? old[2] : NONE;
        if (old[1] >= 0) {
            return new long[] {old[1], timer}; // open since its last minute, which it names
        }
        return old[0] == Long.MIN_VALUE
                ? new long[] {NONE, timer}
                : new long[] {NONE, timer, old[0]};
    }

    private static long[] insert(long[] a, int at, long v) {
        long[] b = new long[a.length + 1];
        System.arraycopy(a, 0, b, 0, at);
        b[at] = v;
        System.arraycopy(a, at, b, at + 1, a.length - at);
        return b;
    }

    /** An open alert; a station that declares its period says how many readings it missed. */
    private static Alert opened(String station, long lastEnd, long silenceMs, Long periodMs) {
        Alert a =
                alert(
                        station,
                        lastEnd,
                        lastEnd,
                        lastEnd + silenceMs,
                        silenceMs / 60_000.0,
                        Alert.OPEN,
                        String.format(
                                Locale.ROOT,
                                "station %s has sent no reading for %d minutes",
                                station,
                                silenceMs / 60_000));
        return periodMs == null ? a : a.withCounts("readings", 0, silenceMs / periodMs);
    }

    /** The resolve by the minute that starts at {@code minuteStart}, after the gap's start. */
    private static Alert resolved(String station, long openedAt, long minuteStart) {
        return alert(
                station,
                openedAt,
                minuteStart,
                minuteStart + MINUTE,
                (minuteStart - openedAt) / 60_000.0,
                Alert.RESOLVED,
                String.format(Locale.ROOT, "station %s reports again", station));
    }

    private static Alert alert(
            String station,
            long openedAt,
            long from,
            long to,
            double minutes,
            String st,
            String msg) {
        return new Alert(
                Alert.id("station_silent", Level.STATION.tag(), station, openedAt),
                "station_silent",
                Level.STATION.tag(),
                station,
                from,
                to,
                minutes,
                Double.NaN,
                "warning",
                st,
                msg);
    }
}
