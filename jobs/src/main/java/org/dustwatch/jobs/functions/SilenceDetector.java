package org.dustwatch.jobs.functions;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;

/**
 * A station that has sent no reading for {@code silence} of event time, judged from its 1-minute
 * windows: the alert opens when the watermark (driven by the other stations) passes the end of its
 * last minute with data plus {@code silence}, and resolves with its next reading. The end of a
 * bounded input (a watermark of {@code Long.MAX_VALUE}) is not silence. A whole district going
 * quiet stops the watermark too; Grafana's "pipeline stalled" rule covers that. State: one
 * station's last minute and its open alert, kept while the station is known.
 */
public final class SilenceDetector extends KeyedProcessFunction<String, AirStats, Alert> {

    private final long silenceMs;

    /** {lastMinuteEnd, openedAt (or -1)} */
    private transient ValueState<long[]> state;

    public SilenceDetector(Duration silence) {
        this.silenceMs = silence.toMillis();
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
        long[] s = state.value();
        if (s == null) {
            s = new long[] {Long.MIN_VALUE, -1};
        }
        if (s[1] < 0 && s[0] != Long.MIN_VALUE && m.windowStart() >= s[0] + silenceMs) {
            // The gap was long enough, but this station's data ran ahead of the watermark (it
            // is the minimum over all stations' channels), so the timer has not fired yet: the
            // silence is judged on the data, the same either way.
            out.collect(opened(m.subject(), s[0]));
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
            ctx.timerService().registerEventTimeTimer(end + silenceMs);
        }
        state.update(s);
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        long[] s = state.value();
        if (s == null
                || s[1] >= 0
                || t != s[0] + silenceMs
                || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return;
        }
        s[1] = s[0];
        state.update(s);
        out.collect(opened(ctx.getCurrentKey(), s[0]));
    }

    private Alert opened(String station, long lastEnd) {
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
                Alert.id("station_silent", "station", station, openedAt),
                "station_silent",
                "station",
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
