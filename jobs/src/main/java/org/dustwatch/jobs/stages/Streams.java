package org.dustwatch.jobs.stages;

import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.dustwatch.jobs.functions.rollup.LocalDayWindows;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.Timing;

/** What the stages share: their window assigners, and one stream of several. */
final class Streams {
    private Streams() {}

    /** Tumbling minutes and hours; local days of the job's zone. */
    static WindowAssigner<Object, TimeWindow> windows(WindowSize w, Timing t) {
        return w == WindowSize.DAY
                ? new LocalDayWindows(t.zone())
                : TumblingEventTimeWindows.of(w.nominal());
    }

    /** One stream of all the given ones (at least one). */
    @SuppressWarnings("unchecked")
    static <T> DataStream<T> unionOf(List<DataStream<T>> streams) {
        return streams.get(0).union(streams.subList(1, streams.size()).toArray(new DataStream[0]));
    }
}
