package org.dustwatch.bench.alerts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.functions.StationHours;
import org.dustwatch.jobs.functions.alerts.EpisodeDetector;
import org.dustwatch.jobs.functions.alerts.SilenceDetector;
import org.dustwatch.jobs.functions.aqi.AqiReports;
import org.dustwatch.jobs.functions.aqi.AreaAverages;
import org.dustwatch.jobs.functions.aqi.IndexReports;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.AreaPart;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.stages.Alerting;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReferenceData;

/**
 * The job's air-quality alerts for one seed without a cluster: the production functions of the AQI
 * reports ({@link StationHours}, {@link AqiReports}, {@link AreaAverages}, {@link IndexReports}),
 * the episode filter and {@link EpisodeDetector}, and {@link SilenceDetector} over the stations'
 * minutes with data, each in Flink's keyed operator harness (real keyed state and event-time
 * timers), wired as {@code AqiReporting} and {@code Alerting} wire them. Readings enter in the
 * order the simulator emits them; the watermark trails the latest event time by the job's
 * out-of-orderness, as one source's would, and advances once per minute of event time.
 *
 * <p>What it leaves out, and why that changes no alert here: the lateness gate, de-duplication and
 * the merge of split feeds (the input has no late record and no duplicate, and a split feed's two
 * messages carry different pollutants, which the merge passes both); the station minutes are one
 * element per station and minute with a reading, which is all {@link SilenceDetector} reads of
 * them, emitted when the watermark passes the minute's end, as the job's window fires.
 */
final class AirPipeline implements AutoCloseable {

    static final long MINUTE = 60_000L;

    private final KeyedOneInputStreamOperatorTestHarness<String, Reading, PollutantHour> hours;
    private final KeyedOneInputStreamOperatorTestHarness<String, PollutantHour, AqiInput> stations;
    private final KeyedOneInputStreamOperatorTestHarness<String, AreaPart, AqiInput> areas;
    private final KeyedOneInputStreamOperatorTestHarness<String, AqiReport, Alert> episodes;
    private final KeyedOneInputStreamOperatorTestHarness<String, AirStats, Alert> silence;
    private final IndexReports index;
    private final Alerting.EpisodeInputs episodeInputs = new Alerting.EpisodeInputs();
    private final AreaAverages.ToAreas toAreas = new AreaAverages.ToAreas();
    private final long outOfOrdernessMs;

    /** Station minutes with a reading not yet emitted: minute start, then station. */
    private final TreeMap<Long, TreeSet<String>> pendingMinutes = new TreeMap<>();

    private final Map<String, String> townshipOf = new TreeMap<>();
    private long maxEventTime = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;

    /** The alerts, episodes' and silences', in the order the detectors raised them. */
    final List<Alert> alerts = new ArrayList<>();

    /** Per township, hour start to the AQI level of its published real-time report. */
    final Map<String, Map<Long, Integer>> townshipLevels = new TreeMap<>();

    /** Per station, the starts of its minutes with a reading, ascending. */
    final Map<String, long[]> minutes = new TreeMap<>();

    private final Map<String, Integer> minuteCount = new TreeMap<>();

    AirPipeline(ReferenceData reference, Settings s) throws Exception {
        var t = s.timing();
        var a = s.aqi();
        hours =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new StationHours(a.minCoverage(), t.allowedLateness(), reference),
                        Reading::stationId,
                        Types.STRING);
        stations =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AqiReports(
                                a.standard() == org.dustwatch.aqi.Standard.US_EPA_2024,
                                t.zone(),
                                t.allowedLateness()),
                        PollutantHour::station,
                        Types.STRING);
        areas =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new AreaAverages(t.allowedLateness(), reference),
                        AreaPart::key,
                        Types.STRING);
        index = new IndexReports(a.standard(), t.zone(), a.round2012());
        episodes =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new EpisodeDetector(s.alerts().episode(), t.allowedLateness()),
                        AqiReport::township,
                        Types.STRING);
        silence =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new SilenceDetector(
                                s.alerts().stationSilence(),
                                t.allowedLateness(),
                                SilenceDetector.declaredPeriods(reference)),
                        AirStats::subject,
                        Types.STRING);
        outOfOrdernessMs = t.outOfOrderness().toMillis();
        reference.stations().forEach(st -> townshipOf.put(st.id(), st.township()));
    }

    /** One decoded reading, in arrival order. */
    void accept(Reading r) throws Exception {
        long ts = r.eventTime();
        hours.processElement(r, ts);
        drainHours();
        pendingMinutes
                .computeIfAbsent(Math.floorDiv(ts, MINUTE) * MINUTE, k -> new TreeSet<>())
                .add(r.stationId());
        if (ts > maxEventTime) {
            boolean newMinute =
                    maxEventTime == Long.MIN_VALUE || ts / MINUTE > maxEventTime / MINUTE;
            maxEventTime = ts;
            if (newMinute) {
                advance(maxEventTime - outOfOrdernessMs - 1);
            }
        }
    }

    /** The end of the input: the watermark jumps to the end of time, as a bounded source's. */
    void finish() throws Exception {
        advance(Long.MAX_VALUE);
    }

    private void advance(long w) throws Exception {
        if (w <= watermark) {
            return;
        }
        watermark = w;
        // the station minutes whose window the watermark closes, then the watermark
        while (!pendingMinutes.isEmpty() && pendingMinutes.firstKey() + MINUTE - 1 <= w) {
            Map.Entry<Long, TreeSet<String>> e = pendingMinutes.pollFirstEntry();
            for (String st : e.getValue()) {
                record(st, e.getKey());
                silence.processElement(minute(st, e.getKey()), e.getKey() + MINUTE - 1);
            }
        }
        silence.processWatermark(new Watermark(w));
        drain(silence, r -> alerts.add(r.getValue()), x -> {});
        hours.processWatermark(new Watermark(w));
        drainHours();
    }

    private void drainHours() throws Exception {
        drain(
                hours,
                r -> call(() -> stations.processElement(r.getValue(), r.getTimestamp())),
                x -> call(() -> stations.processWatermark(new Watermark(x))));
        drain(
                stations,
                r -> {
                    // only real-time (hourly) reports reach the episode detector; a station's
                    // daily ones, and its township's made of them, are left out (less work)
                    if (WindowSize.HOUR.is(r.getValue().window())) {
                        report(r.getValue(), r.getTimestamp());
                        toAreas.flatMap(r.getValue(), collector(r.getTimestamp()));
                    }
                },
                x -> call(() -> areas.processWatermark(new Watermark(x))));
        drain(
                areas,
                r -> report(r.getValue(), r.getTimestamp()),
                x -> call(() -> episodes.processWatermark(new Watermark(x))));
        drain(episodes, r -> alerts.add(r.getValue()), x -> {});
    }

    private Collector<AreaPart> collector(long ts) {
        return new Collector<>() {
            @Override
            public void collect(AreaPart p) {
                call(() -> areas.processElement(p, ts));
            }

            @Override
            public void close() {}
        };
    }

    /** An AQI input indexed as the job does, and passed to the episode detector if it is one. */
    private void report(AqiInput in, long ts) {
        AqiReport r = index.map(in);
        if (Level.TOWNSHIP.is(r.scope()) && WindowSize.HOUR.is(r.window()) && r.published()) {
            townshipLevels
                    .computeIfAbsent(r.subject(), k -> new TreeMap<>())
                    .put(r.start(), r.level());
        }
        if (episodeInputs.filter(r)) {
            call(() -> episodes.processElement(r, ts));
        }
    }

    private void record(String station, long minuteStart) {
        long[] m = minutes.computeIfAbsent(station, k -> new long[1024]);
        int n = minuteCount.getOrDefault(station, 0);
        if (n == m.length) {
            m = Arrays.copyOf(m, 2 * n);
            minutes.put(station, m);
        }
        m[n] = minuteStart;
        minuteCount.put(station, n + 1);
    }

    /** Per station, its minutes with a reading, trimmed; once {@link #finish} has run. */
    Map<String, long[]> stationMinutes() {
        Map<String, long[]> out = new TreeMap<>();
        minutes.forEach((st, m) -> out.put(st, Arrays.copyOf(m, minuteCount.get(st))));
        return out;
    }

    private AirStats minute(String station, long start) {
        return new AirStats(
                Level.STATION.tag(),
                station,
                townshipOf.get(station),
                WindowSize.MINUTE.tag(),
                start,
                new double[9],
                new long[9],
                new double[9],
                0,
                0,
                1);
    }

    interface Step {
        void run() throws Exception;
    }

    private static void call(Step s) {
        try {
            s.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <O> void drain(
            KeyedOneInputStreamOperatorTestHarness<String, ?, O> h,
            Consumer<StreamRecord<O>> records,
            java.util.function.LongConsumer watermarks) {
        Object o;
        while ((o = h.getOutput().poll()) != null) {
            if (o instanceof StreamRecord<?> r) {
                records.accept((StreamRecord<O>) r);
            } else if (o instanceof Watermark w) {
                watermarks.accept(w.getTimestamp());
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (var h : List.of(hours, stations, areas, episodes, silence)) {
            h.close();
        }
    }
}
