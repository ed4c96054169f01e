package org.dustwatch.jobs.functions.alerts;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * A station that has sent no reading for {@code silence} of event time, judged from its 1-minute
 * windows: the alert opens when the watermark (driven by the other stations) passes the end of its
 * last minute with data plus {@code silence}, and resolves with its next reading. The end of a
 * bounded input (a watermark of {@code Long.MAX_VALUE}) is not silence. A whole district going
 * quiet stops the watermark too; Grafana's "pipeline stalled" rule covers that. State: one
 * station's last minute, its open alert and its one pending timer, kept while the station is known.
 *
 * <p>A station has one timer at a time. A reading does not move it: when it fires before the
 * station's silence is due (readings came in since), it is set again for the new due time. A
 * station reporting every 5 minutes thus costs one timer per silence period instead of one per
 * reading, with the same alerts.
 *
 * <p>A station whose reference data declare a period hears {@code silence} or two of its periods,
 * whichever is longer: an hourly data service is not silent between its hours.
 */
public final class SilenceDetector extends KeyedProcessFunction<String, AirStats, Alert> {

    private final long defaultSilenceMs;
    private final Map<String, Long> declaredPeriodMs;

    /** {lastMinuteEnd, openedAt (or -1), pending timer (or Long.MIN_VALUE)} */
    private transient ValueState<long[]> state;

    public SilenceDetector(Duration silence) {
        this(silence, Map.of());
    }

    /**
     * @param declaredPeriodMs the stations' declared periods, by station id (from reference data)
     */
    public SilenceDetector(Duration silence, Map<String, Long> declaredPeriodMs) {
        this.defaultSilenceMs = silence.toMillis();
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
        state =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "last-seen",
                                        org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo
                                                .LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(AirStats m, Context ctx, Collector<Alert> out) throws Exception {
        long end = m.windowStart() + 60_000;
        long silenceMs = silenceMs(m.subject());
        long[] s = current();
        if (s[1] < 0 && s[0] != Long.MIN_VALUE && m.windowStart() >= s[0] + silenceMs) {
            // The gap was long enough, but this station's data ran ahead of the watermark (it
            // is the minimum over all stations' channels), so the timer has not fired yet: the
            // silence is judged on the data, the same either way.
            out.collect(opened(m.subject(), s[0], silenceMs));
            s[1] = s[0];
        }
        if (s[1] >= 0 && end > s[0]) {
            out.collect(
                    alert(
                            m.subject(),
                            s[1],
                            m.windowStart(),
                            end,
                            (m.windowStart() - s[0]) / 60_000.0,
                            Alert.RESOLVED,
                            String.format(Locale.ROOT, "station %s reports again", m.subject())));
            s[1] = -1;
        }
        if (end > s[0]) {
            s[0] = end;
            if (s[2] == Long.MIN_VALUE) {
                s[2] = end + silenceMs;
                ctx.timerService().registerEventTimeTimer(s[2]);
            }
        }
        state.update(s);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long silenceMs = silenceMs(ctx.getCurrentKey());
        long[] s = current();
        if (s[2] != Long.MIN_VALUE && t != s[2]) {
            return; // one of the timers per reading that a savepoint from before this rule holds
        }
        long due = s[0] + silenceMs;
        if (t < due) {
            s[2] = due;
            ctx.timerService().registerEventTimeTimer(due);
        } else {
            s[2] = Long.MIN_VALUE;
            if (s[1] < 0 && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
                s[1] = s[0];
                out.collect(opened(ctx.getCurrentKey(), s[0], silenceMs));
            }
        }
        state.update(s);
    }

    /** The station's state; two-element state from an older savepoint has no pending timer. */
    private long[] current() throws java.io.IOException {
        long[] s = state.value();
        if (s == null) {
            return new long[] {Long.MIN_VALUE, -1, Long.MIN_VALUE};
        }
        return s.length == 3 ? s : new long[] {s[0], s[1], Long.MIN_VALUE};
    }

    private static Alert opened(String station, long lastEnd, long silenceMs) {
        return alert(
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
