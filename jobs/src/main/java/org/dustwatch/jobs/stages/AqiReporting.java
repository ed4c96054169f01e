package org.dustwatch.jobs.stages;

import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.dustwatch.aqi.Standard;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.functions.StationHours;
import org.dustwatch.jobs.functions.aqi.AqiReports;
import org.dustwatch.jobs.functions.aqi.AreaAverages;
import org.dustwatch.jobs.functions.aqi.IndexReports;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.AreaPart;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.jobs.settings.AqiSettings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Reading;

/**
 * Hourly and daily AQI reports per station, township and for the district (docs/aqi.md, "In the
 * pipeline"). A station's hours come from its readings of any cadence, by the minutes they cover;
 * its reports' averages from its valid hours; an area's averages are the means of its stations' (HJ
 * 663), and every report is indexed once, from unrounded averages. The input must be partitioned by
 * station already (ingest's merge is).
 */
public final class AqiReporting {
    private AqiReporting() {}

    public static DataStream<AqiReport> of(DataStream<Reading> readings, Timing t, AqiSettings s) {
        DataStream<PollutantHour> hours =
                DataStreamUtils.reinterpretAsKeyedStream(readings, new Ingest.StationKey())
                        .process(
                                new StationHours(
                                        s.minCoverage(), t.allowedLateness(), s.reference()))
                        .name("aqi-station-hours")
                        .uid(Uids.AQI_STATION_HOURS);
        DataStream<AqiInput> stations =
                DataStreamUtils.reinterpretAsKeyedStream(hours, new StationOfHour())
                        .process(
                                new AqiReports(
                                        s.standard() == Standard.US_EPA_2024,
                                        t.zone(),
                                        t.allowedLateness()))
                        .name(Uids.AQI_STATION_AVERAGES)
                        .uid(Uids.AQI_STATION_AVERAGES);
        DataStream<AqiInput> areas =
                stations.flatMap(new AreaAverages.ToAreas())
                        .name(Uids.AQI_AREAS)
                        .uid(Uids.AQI_AREAS)
                        .keyBy(new AreaKey())
                        .process(new AreaAverages(t.allowedLateness(), s.reference()))
                        .name(Uids.AQI_AREA_AVERAGES)
                        .uid(Uids.AQI_AREA_AVERAGES);
        return stations.union(areas)
                .map(new IndexReports(s.standard(), t.zone(), s.round2012()))
                .name(Uids.AQI_INDEX)
                .uid(Uids.AQI_INDEX);
    }

    static final class StationOfHour implements KeySelector<PollutantHour, String> {
        @Override
        public String getKey(PollutantHour h) {
            return h.station();
        }
    }

    static final class AreaKey implements KeySelector<AreaPart, String> {
        @Override
        public String getKey(AreaPart p) {
            return p.key();
        }
    }
}
