package org.dustwatch.jobs;

import org.apache.flink.api.connector.source.Source;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * Where the job reads: decoded records, each in an {@link Envelope} that carries either the record
 * or its dead letter. Production reads Kafka ({@code io.KafkaSources}); tests may script their own.
 *
 * @param inspectionsTopic the name dead letters and pipeline counts give the inspections' source
 */
public record Sources(
        Source<Envelope<Inspection>, ?, ?> inspections,
        String inspectionsTopic,
        Source<Envelope<Reading>, ?, ?> readings,
        String readingsTopic) {}
