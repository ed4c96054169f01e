package org.dustwatch.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.model.DeadLetter;

/**
 * Where the job writes. Production writes InfluxDB and Kafka ({@code io.ProductionSinks}); tests
 * may collect.
 */
public record Sinks(
        Sink<InspectionStats> inspections,
        Sink<AirStats> air,
        Sink<AqiReport> aqi,
        Sink<Alert> alerts,
        Sink<Alert> alertsTopic,
        Sink<HealthCount> health,
        Sink<DeadLetter> deadLetters) {}
