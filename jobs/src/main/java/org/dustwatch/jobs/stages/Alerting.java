package org.dustwatch.jobs.stages;

import java.time.Duration;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.functions.alerts.AlertContext;
import org.dustwatch.jobs.functions.alerts.ClockSkewDetector;
import org.dustwatch.jobs.functions.alerts.EpisodeDetector;
import org.dustwatch.jobs.functions.alerts.RepeatOffenderDetector;
import org.dustwatch.jobs.functions.alerts.SilenceDetector;
import org.dustwatch.jobs.functions.alerts.SpikeDetector;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.AlertSettings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.ReferenceData;

/**
 * Violation spikes per road and township from their hourly figures, repeat offenders from the
 * violating inspections of vehicles whose plate was hashed, pollution episodes per township from
 * its published real-time AQI and its stations' hourly PM2.5, and silent stations from their
 * minutes with readings (docs/alerts.md), and sources with a skewed clock from what the source
 * clocks flagged. Each detector decides an hour or minute once the job's allowed lateness has
 * passed, so a replay raises the same alerts.
 */
public final class Alerting {
    private Alerting() {}

    public static DataStream<Alert> of(
            InspectionRollUps.Results inspections,
            DataStream<Inspection> unique,
            DataStream<AqiReport> reports,
            DataStream<AirStats> stationMinutes,
            DataStream<ClockSkew> skews,
            AlertSettings s,
            Timing t,
            ReferenceData reference) {
        DataStream<Alert> spikes =
                inspections
                        .roadHours()
                        .union(inspections.townshipHours())
                        .keyBy(new LevelKey())
                        .process(new SpikeDetector(s.spike(), t.allowedLateness()))
                        .name(Uids.ALERTS_SPIKE)
                        .uid(Uids.ALERTS_SPIKE);
        DataStream<Alert> repeatOffenders =
                unique.filter(new ViolatingWithPlate())
                        .name(Uids.VIOLATIONS_WITH_PLATE)
                        .uid(Uids.VIOLATIONS_WITH_PLATE)
                        .keyBy(new PlateOf())
                        .process(
                                new RepeatOffenderDetector(
                                        s.repeatOffender(), t.allowedLateness(), t.zone()))
                        .name(Uids.ALERTS_REPEAT_OFFENDER)
                        .uid(Uids.ALERTS_REPEAT_OFFENDER);
        DataStream<Alert> episodes =
                reports.filter(new EpisodeInputs())
                        .name(Uids.AQI_TOWNSHIP_HOURLY)
                        .uid(Uids.AQI_TOWNSHIP_HOURLY)
                        .keyBy(new TownshipOf())
                        .process(new EpisodeDetector(s.episode(), t.allowedLateness()))
                        .name(Uids.ALERTS_EPISODE)
                        .uid(Uids.ALERTS_EPISODE);
        DataStream<Alert> silent =
                DataStreamUtils.reinterpretAsKeyedStream(stationMinutes, new AirQuality.SubjectOf())
                        .process(
                                new SilenceDetector(
                                        s.stationSilence(),
                                        t.allowedLateness(),
                                        SilenceDetector.declaredPeriods(reference)))
                        .name(Uids.ALERTS_SILENT)
                        .uid(Uids.ALERTS_SILENT);
        DataStream<Alert> skewed =
                skews.keyBy(new SkewedSource())
                        .process(new ClockSkewDetector(CLOCK_SKEW_QUIET))
                        .name(Uids.ALERTS_CLOCK_SKEW)
                        .uid(Uids.ALERTS_CLOCK_SKEW);
        return spikes.union(repeatOffenders, episodes, silent, skewed)
                .map(new AlertContext(reference))
                .name(Uids.ALERTS_CONTEXT)
                .uid(Uids.ALERTS_CONTEXT);
    }

    /** A clock_skew alert resolves after an hour of its partition's event time without skew. */
    static final Duration CLOCK_SKEW_QUIET = Duration.ofHours(1);

    static final class SkewedSource implements KeySelector<ClockSkew, String> {
        @Override
        public String getKey(ClockSkew s) {
            return s.level() + ":" + s.source();
        }
    }

    /**
     * What the episode detector judges: a township's published real-time reports, and its stations'
     * real-time reports with a 1-h PM2.5, from which it takes the rise over the stations valid in
     * both hours. An NA township hour (HJ 633—2026 5.3.1) neither opens nor resolves an episode:
     * its AQI is that of the pollutants left, and its PM2.5 may be missing. (The uid is the one of
     * the township filter this replaced; it holds no state. Public for {@code bin/dustwatch bench
     * alerts}, which runs the episode detector on what this passes.)
     */
    public static final class EpisodeInputs implements FilterFunction<AqiReport> {
        @Override
        public boolean filter(AqiReport r) {
            if (!WindowSize.HOUR.is(r.window())) {
                return false;
            }
            if (Level.TOWNSHIP.is(r.scope())) {
                return r.published();
            }
            return Level.STATION.is(r.scope())
                    && r.township() != null
                    && Double.isFinite(r.averages()[Average.PM25_1H.ordinal()]);
        }
    }

    static final class ViolatingWithPlate implements FilterFunction<Inspection> {
        @Override
        public boolean filter(Inspection i) {
            return i.violating() && i.plateHash() != null;
        }
    }

    static final class LevelKey implements KeySelector<InspectionStats, String> {
        @Override
        public String getKey(InspectionStats s) {
            return s.levelKey();
        }
    }

    static final class PlateOf implements KeySelector<Inspection, String> {
        @Override
        public String getKey(Inspection i) {
            return i.plateHash();
        }
    }

    /** A township report's subject is its township, the same key as before station reports. */
    static final class TownshipOf implements KeySelector<AqiReport, String> {
        @Override
        public String getKey(AqiReport r) {
            return r.township();
        }
    }
}
