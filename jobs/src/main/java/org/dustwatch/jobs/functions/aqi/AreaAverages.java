package org.dustwatch.jobs.functions.aqi;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.functions.StationHours;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AreaPart;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * An area's averages (a township's or the district's) from its stations', as HJ 663 forms a
 * region's concentration: for each average, the mean of the stations' valid values of that average,
 * unrounded (the report rounds that mean once; docs/aqi.md, "Areas"). A township's hourly
 * concentration is thus the mean of its stations' valid hourly means, its daily one the mean of
 * their valid daily means, and its 8-h and 24-h moving means the means of theirs. A station without
 * a valid value of an average does not count for it. The area's monitoring plan is the union of its
 * stations' plans.
 *
 * <p>Keyed by {@link AreaPart#key()}: area, window and start. The parts are kept with the last
 * arrival per station winning, so a station's re-emission corrects the area instead of adding to
 * it. The area is emitted by a timer at its stations' emission time (their timestamp), and again at
 * the next watermark after any later change; its state is dropped a day past the allowed lateness,
 * long after any station can re-emit it.
 */
public final class AreaAverages extends KeyedProcessFunction<String, AreaPart, AqiInput> {

    static final MathContext PRECISION = MathContext.DECIMAL128;

    private final long retentionMs;
    private final Map<String, Integer> townshipPlans;
    private final int districtPlan;
    private transient MapState<String, AqiInput> parts;
    private transient ValueState<Long> cleanupAt;

    /**
     * @param reference the stations and their plans; {@code null}: an area plans what its reporting
     *     stations plan
     */
    public AreaAverages(Duration allowedLateness, ReferenceData reference) {
        this.retentionMs = allowedLateness.plus(Duration.ofDays(1)).toMillis();
        this.townshipPlans = new HashMap<>();
        int district = 0;
        if (reference != null) {
            for (Station s : reference.stations()) {
                int bits = StationHours.planBits(s.plan());
                townshipPlans.merge(s.township(), bits, (a, b) -> a | b);
                district |= bits;
            }
        }
        this.districtPlan = district;
    }

    /** A station's averages as parts of its township's and of the district's. */
    public static final class ToAreas implements FlatMapFunction<AqiInput, AreaPart> {
        @Override
        public void flatMap(AqiInput station, Collector<AreaPart> out) {
            out.collect(new AreaPart(Level.TOWNSHIP.tag(), station.township(), station));
            out.collect(new AreaPart(Level.DISTRICT.tag(), Level.DISTRICT.tag(), station));
        }
    }

    @Override
    public void open(OpenContext openContext) {
        parts =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "parts", Types.STRING, Types.POJO(AqiInput.class)));
        cleanupAt = getRuntimeContext().getState(new ValueStateDescriptor<>("cleanup", Types.LONG));
    }

    @Override
    public void processElement(AreaPart part, Context ctx, Collector<AqiInput> out)
            throws Exception {
        parts.put(part.station().subject(), part.station());
        long at = ctx.timestamp();
        ctx.timerService().registerEventTimeTimer(at);
        if (cleanupAt.value() == null) {
            cleanupAt.update(at + retentionMs);
            ctx.timerService().registerEventTimeTimer(at + retentionMs);
        }
    }

    @Override
    public void onTimer(long t, OnTimerContext ctx, Collector<AqiInput> out) throws Exception {
        Long cleanup = cleanupAt.value();
        if (cleanup != null && t >= cleanup) {
            parts.clear();
            cleanupAt.clear();
            return;
        }
        List<AqiInput> stations = new ArrayList<>();
        parts.values().forEach(stations::add);
        if (stations.isEmpty()) {
            return;
        }
        String scope = ctx.getCurrentKey().substring(0, ctx.getCurrentKey().indexOf('|'));
        boolean township = Level.TOWNSHIP.is(scope);
        String area = township ? stations.get(0).township() : Level.DISTRICT.tag();
        int plan = township ? townshipPlans.getOrDefault(area, 0) : districtPlan;
        out.collect(area(scope, area, stations, plan));
    }

    /**
     * The mean of the stations' valid values, per average; the plan is {@code plan} together with
     * the reporting stations' plans.
     */
    static AqiInput area(String scope, String area, List<AqiInput> stations, int plan) {
        AqiInput first = stations.get(0);
        int n = first.averages().length;
        BigDecimal[] mean = new BigDecimal[n];
        for (AqiInput s : stations) {
            plan |= s.plan();
        }
        for (int i = 0; i < n; i++) {
            BigDecimal sum = BigDecimal.ZERO;
            int count = 0;
            for (AqiInput s : stations) {
                if (s.averages()[i] != null) {
                    sum = sum.add(s.averages()[i]);
                    count++;
                }
            }
            if (count > 0) {
                mean[i] = sum.divide(BigDecimal.valueOf(count), PRECISION);
            }
        }
        return new AqiInput(
                scope,
                area,
                Level.TOWNSHIP.is(scope) ? area : null,
                first.window(),
                first.start(),
                mean,
                plan,
                stations.size());
    }
}
