package org.dustwatch.jobs;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.jobs.stages.AirQuality;
import org.dustwatch.jobs.stages.Alerting;
import org.dustwatch.jobs.stages.AqiReporting;
import org.dustwatch.jobs.stages.Ingest;
import org.dustwatch.jobs.stages.InspectionRollUps;
import org.dustwatch.jobs.stages.PipelineHealth;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * The whole job, between given sources and sinks: the one build path of production and tests.
 * docs/architecture.md draws it; each stage is a file of {@code stages/}, and every operator uid is
 * in {@link Uids}.
 *
 * <pre>
 * inspections ─ Ingest ─┬─ InspectionRollUps ──────────────┬─ influxdb-inspections
 *                       │                                  ├─ Alerting ─ influxdb-alerts, kafka-alerts
 * readings ──── Ingest ─┼─ AirQuality ─────────────────────┤
 *                       ├─ AqiReporting ─ influxdb-aqi ────┘
 *                       └─ dead letters ─ dead-letters-sink
 *                          PipelineHealth (counts of all of it) ─ influxdb-pipeline
 * </pre>
 */
public final class Topology {
    private Topology() {}

    public static void build(
            StreamExecutionEnvironment env, Sources sources, Sinks sinks, Settings s) {
        Timing t = s.timing();
        Ingest.Ingested<Inspection> inspections = Ingest.inspections(env, sources, t);
        Ingest.Ingested<Reading> readings = Ingest.readings(env, sources, t);
        InspectionRollUps.Results rollUps =
                InspectionRollUps.of(inspections.records(), t, s.minutePoints());
        rollUps.written()
                .sinkTo(sinks.inspections())
                .name(Uids.INFLUXDB_INSPECTIONS)
                .uid(Uids.INFLUXDB_INSPECTIONS);

        AirQuality.Results air = AirQuality.of(readings.records(), t, s.minutePoints());

        DataStream<DeadLetter> deadLetters =
                inspections.deadLetters().union(readings.deadLetters());
        DataStream<ClockSkew> skews = inspections.skews().union(readings.skews());
        deadLetters.sinkTo(sinks.deadLetters()).name("dead-letters").uid(Uids.DEAD_LETTERS_SINK);
        air.written()
                .sinkTo(sinks.air())
                .name(Uids.INFLUXDB_AIR_QUALITY)
                .uid(Uids.INFLUXDB_AIR_QUALITY);

        DataStream<AqiReport> reports = AqiReporting.of(readings.records(), t, s.aqi());
        reports.sinkTo(sinks.aqi()).name(Uids.INFLUXDB_AQI).uid(Uids.INFLUXDB_AQI);

        DataStream<Alert> alerts =
                Alerting.of(
                        rollUps,
                        inspections.records(),
                        reports,
                        air.stationMinutes(),
                        skews,
                        s.alerts(),
                        t,
                        s.aqi().reference());
        alerts.sinkTo(sinks.alerts()).name(Uids.INFLUXDB_ALERTS).uid(Uids.INFLUXDB_ALERTS);
        alerts.sinkTo(sinks.alertsTopic()).name(Uids.KAFKA_ALERTS).uid(Uids.KAFKA_ALERTS);

        PipelineHealth.of(
                        sources.inspectionsTopic(),
                        sources.readingsTopic(),
                        rollUps.townshipMinutes(),
                        air.townshipMinutes(),
                        deadLetters,
                        skews,
                        inspections.duplicates(),
                        readings.duplicates(),
                        inspections.corrections(),
                        readings.corrections(),
                        t)
                .sinkTo(sinks.health())
                .name(Uids.INFLUXDB_PIPELINE)
                .uid(Uids.INFLUXDB_PIPELINE);
    }
}
