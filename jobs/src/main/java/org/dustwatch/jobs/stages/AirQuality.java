package org.dustwatch.jobs.stages;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;
import org.dustwatch.jobs.functions.rollup.LastPerPart;
import org.dustwatch.jobs.functions.rollup.StationRollUp;
import org.dustwatch.jobs.functions.rollup.TallyReadings;
import org.dustwatch.jobs.functions.rollup.ToAirStats;
import org.dustwatch.jobs.functions.rollup.TownshipAirRollUp;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Reading;

/**
 * Station and township air quality (every measured quantity's mean and maximum) per minute, hour
 * and local day. Raw readings enter one window per station and minute; the rest is rolled up
 * ({@link LastPerPart}). The input must be partitioned by station already (ingest's merge is), so
 * no shuffle precedes it; a station's hours and days run in its minutes' task.
 */
public final class AirQuality {
    private AirQuality() {}

    private static final TypeInformation<AirStats> TYPE = TypeInformation.of(AirStats.class);

    /**
     * The results: {@code written}, those written, and the parts that the alerts and the health
     * counts build on.
     */
    public record Results(
            DataStream<AirStats> written,
            DataStream<AirStats> stationMinutes,
            DataStream<AirStats> townshipMinutes) {}

    public static Results of(DataStream<Reading> in, Timing t, MinutePoints minutes) {
        SingleOutputStreamOperator<AirStats> stMinute =
                DataStreamUtils.reinterpretAsKeyedStream(in, new Ingest.StationKey())
                        .window(TumblingEventTimeWindows.of(WindowSize.MINUTE.nominal()))
                        .allowedLateness(t.allowedLateness())
                        .aggregate(new TallyReadings(), new ToAirStats(WindowSize.MINUTE))
                        .name(Uids.STATION_MINUTES)
                        .uid(Uids.STATION_MINUTES);
        DataStream<AirStats> stHour = station(stMinute, WindowSize.HOUR, t, Uids.STATION_HOURS);
        DataStream<AirStats> stDay = station(stHour, WindowSize.DAY, t, Uids.STATION_DAYS);
        DataStream<AirStats> townMinute =
                township(stMinute, WindowSize.MINUTE, t, Uids.TOWNSHIP_AIR_MINUTES);
        List<DataStream<AirStats>> written = new ArrayList<>();
        written.add(stHour);
        written.add(stDay);
        written.add(township(stHour, WindowSize.HOUR, t, Uids.TOWNSHIP_AIR_HOURS));
        written.add(township(stDay, WindowSize.DAY, t, Uids.TOWNSHIP_AIR_DAYS));
        if (minutes != MinutePoints.NONE) {
            written.add(townMinute);
        }
        if (minutes == MinutePoints.ALL) {
            written.add(stMinute);
        }
        return new Results(Streams.unionOf(written), stMinute, townMinute);
    }

    /** A station's coarser window, in the task of its finer one: they are keyed by station. */
    private static DataStream<AirStats> station(
            DataStream<AirStats> finer, WindowSize window, Timing t, String uid) {
        return DataStreamUtils.reinterpretAsKeyedStream(finer, new SubjectOf())
                .window(Streams.windows(window, t))
                .allowedLateness(t.allowedLateness())
                .process(new LastPerPart<>(new StationRollUp(window)), TYPE)
                .name("station-" + window.tag())
                .uid(uid);
    }

    private static DataStream<AirStats> township(
            DataStream<AirStats> stations, WindowSize window, Timing t, String uid) {
        return stations.keyBy(new TownshipOf())
                .window(Streams.windows(window, t))
                .allowedLateness(t.allowedLateness())
                .process(new LastPerPart<>(new TownshipAirRollUp(window)), TYPE)
                .name("township-air-" + window.tag())
                .uid(uid);
    }

    static final class SubjectOf implements KeySelector<AirStats, String> {
        @Override
        public String getKey(AirStats s) {
            return s.subject();
        }
    }

    static final class TownshipOf implements KeySelector<AirStats, String> {
        @Override
        public String getKey(AirStats s) {
            return s.township();
        }
    }
}
