package org.dustwatch.jobs.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;
import org.dustwatch.jobs.functions.rollup.InspectionRollUp;
import org.dustwatch.jobs.functions.rollup.InspectionRollUp.Part;
import org.dustwatch.jobs.functions.rollup.LastPerPart;
import org.dustwatch.jobs.functions.rollup.TallyInspections;
import org.dustwatch.jobs.functions.rollup.ToInspectionStats;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Inspection;

/**
 * Inspection figures per checkpoint, road and township, per minute, hour and local day.
 *
 * <p>Raw inspections enter exactly one window, per checkpoint and minute; every other figure is
 * rolled up from those ({@link LastPerPart}). The input must be partitioned by checkpoint already
 * (ingest's de-duplication is), so no shuffle precedes the window.
 *
 * <p>A checkpoint's hours and days are keyed like its minutes, so they run in the minute window's
 * task; roads and townships roll up from checkpoint hours, so only one record per checkpoint-hour
 * crosses the network to them. Minutes of roads are computed only when they are written; township
 * minutes always, for the health counts.
 */
public final class InspectionRollUps {
    private InspectionRollUps() {}

    /**
     * The results: {@code written}, those written (minutes as {@code pipeline.minute-points} says),
     * and the parts that the alerts and the health counts build on.
     */
    public record Results(
            DataStream<InspectionStats> written,
            DataStream<InspectionStats> townshipMinutes,
            DataStream<InspectionStats> roadHours,
            DataStream<InspectionStats> townshipHours) {}

    public static Results of(DataStream<Inspection> in, Timing t, MinutePoints minutes) {
        SingleOutputStreamOperator<InspectionStats> cpMinute =
                DataStreamUtils.reinterpretAsKeyedStream(in, new Ingest.CheckpointKey())
                        .window(TumblingEventTimeWindows.of(WindowSize.MINUTE.nominal()))
                        .allowedLateness(t.allowedLateness())
                        .aggregate(
                                new TallyInspections(),
                                new ToInspectionStats(Level.CHECKPOINT, WindowSize.MINUTE))
                        .name(Uids.CHECKPOINT_MINUTES)
                        .uid(Uids.CHECKPOINT_MINUTES);
        DataStream<InspectionStats> townMinute =
                rollUp(
                        cpMinute.keyBy(new TownshipOf()),
                        Level.TOWNSHIP,
                        WindowSize.MINUTE,
                        Part.SUBJECT,
                        t,
                        Uids.TOWNSHIP_MINUTES);
        DataStream<InspectionStats> cpHour =
                rollUp(
                        inTask(cpMinute),
                        Level.CHECKPOINT,
                        WindowSize.HOUR,
                        Part.WINDOW,
                        t,
                        Uids.CHECKPOINT_HOURS);
        DataStream<InspectionStats> roadHour =
                rollUp(
                        cpHour.keyBy(new RoadOf()),
                        Level.ROAD,
                        WindowSize.HOUR,
                        Part.SUBJECT,
                        t,
                        Uids.ROAD_HOURS);
        DataStream<InspectionStats> townHour =
                rollUp(
                        cpHour.keyBy(new TownshipOf()),
                        Level.TOWNSHIP,
                        WindowSize.HOUR,
                        Part.SUBJECT,
                        t,
                        Uids.TOWNSHIP_HOURS);
        List<DataStream<InspectionStats>> written = new ArrayList<>();
        written.add(cpHour);
        written.add(roadHour);
        written.add(townHour);
        written.add(
                rollUp(
                        inTask(cpHour),
                        Level.CHECKPOINT,
                        WindowSize.DAY,
                        Part.WINDOW,
                        t,
                        Uids.CHECKPOINT_DAYS));
        written.add(
                rollUp(
                        inTask(roadHour),
                        Level.ROAD,
                        WindowSize.DAY,
                        Part.WINDOW,
                        t,
                        Uids.ROAD_DAYS));
        written.add(
                rollUp(
                        inTask(townHour),
                        Level.TOWNSHIP,
                        WindowSize.DAY,
                        Part.WINDOW,
                        t,
                        Uids.TOWNSHIP_DAYS));
        if (minutes != MinutePoints.NONE) {
            written.add(
                    rollUp(
                            cpMinute.keyBy(new RoadOf()),
                            Level.ROAD,
                            WindowSize.MINUTE,
                            Part.SUBJECT,
                            t,
                            Uids.ROAD_MINUTES));
            written.add(townMinute);
        }
        if (minutes == MinutePoints.ALL) {
            written.add(cpMinute);
        }
        return new Results(Streams.unionOf(written), townMinute, roadHour, townHour);
    }

    /**
     * Results keyed by their own subject, as a keyed window's output is partitioned already: the
     * roll-up runs in the same task as its input, no shuffle, no copy.
     */
    private static KeyedStream<InspectionStats, String> inTask(DataStream<InspectionStats> in) {
        return DataStreamUtils.reinterpretAsKeyedStream(in, new SubjectOf());
    }

    private static DataStream<InspectionStats> rollUp(
            KeyedStream<InspectionStats, String> in,
            Level level,
            WindowSize window,
            Part part,
            Timing t,
            String uid) {
        return in.window(Streams.windows(window, t))
                .allowedLateness(t.allowedLateness())
                .process(
                        new LastPerPart<>(new InspectionRollUp(level, window, part)),
                        TypeInformation.of(InspectionStats.class))
                .name(level.tag() + "-" + window.tag())
                .uid(uid);
    }

    static final class SubjectOf implements KeySelector<InspectionStats, String> {
        @Override
        public String getKey(InspectionStats s) {
            return s.subject();
        }
    }

    static final class RoadOf implements KeySelector<InspectionStats, String> {
        @Override
        public String getKey(InspectionStats s) {
            return s.road();
        }
    }

    static final class TownshipOf implements KeySelector<InspectionStats, String> {
        @Override
        public String getKey(InspectionStats s) {
            return s.township();
        }
    }
}
