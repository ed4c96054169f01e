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
 * @param readers the parallelism of each source, or 0 for the job's. A reader without a partition
 *     holds the lateness gate's watermark (the lowest over every reader) at its start until its end
 *     reaches the gate, so a source of fewer partitions than the job's parallelism should have as
 *     many readers as partitions; tests whose order decides what is late set it.
 */
public record Sources(
        Source<Envelope<Inspection>, ?, ?> inspections,
        String inspectionsTopic,
        Source<Envelope<Reading>, ?, ?> readings,
        String readingsTopic,
        int readers) {

    /** Sources read at the job's parallelism. */
    public Sources(
            Source<Envelope<Inspection>, ?, ?> inspections,
            String inspectionsTopic,
            Source<Envelope<Reading>, ?, ?> readings,
            String readingsTopic) {
        this(inspections, inspectionsTopic, readings, readingsTopic, 0);
    }
}
