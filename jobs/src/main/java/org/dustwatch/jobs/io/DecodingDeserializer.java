package org.dustwatch.jobs.io;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.functions.ingest.Clocked;
import org.dustwatch.jobs.functions.ingest.SourceClocks;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.RejectReason;

/**
 * Decodes Kafka records with a {@link RecordDecoder} built once per task (one reused JSON factory),
 * and keeps the {@link SourceClocks} of each partition it reads: the records of one partition
 * arrive here in their order, which is what a per-partition watermark needs. Every record yields
 * one envelope: the value, or a dead letter that keeps the reason, topic, partition, offset and raw
 * payload; before it may come envelopes with neither, each with the {@code ClockSkew} of an earlier
 * record the clocks have only now found ahead ({@link SourceClocks#confirmedAhead()}). A value
 * whose source lags its partition's frontier by more than its lag becomes a {@link
 * RejectReason#CLOCK_SKEW} dead letter. Nothing is thrown, so no record stops a job.
 *
 * <p>The clocks are not checkpointed: after a restart each partition warms up again, as Flink's own
 * per-split watermarks do.
 */
public final class DecodingDeserializer<T>
        implements KafkaRecordDeserializationSchema<Envelope<T>> {

    private final RecordDecoder.Factory<T> factory;
    private final TypeInformation<Envelope<T>> type;
    private final Clocked<T> clocked;
    private final SourceClocks.Settings clockSettings;
    private transient RecordDecoder<T> decoder;
    private transient Map<Integer, SourceClocks> partitions;
    private transient Counter skewed;

    public DecodingDeserializer(
            RecordDecoder.Factory<T> factory,
            TypeInformation<Envelope<T>> type,
            Clocked<T> clocked,
            SourceClocks.Settings clockSettings) {
        this.factory = factory;
        this.type = type;
        this.clocked = clocked;
        this.clockSettings = clockSettings;
    }

    @Override
    public void open(DeserializationSchema.InitializationContext context) {
        decoder = factory.create(Clock.systemUTC());
        skewed = context.getMetricGroup().counter("clockSkewRecords");
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Envelope<T>> out) {
        if (decoder == null) {
            decoder = factory.create(Clock.systemUTC());
        }
        if (partitions == null) {
            partitions = new HashMap<>();
        }
        SourceClocks clocks =
                partitions.computeIfAbsent(
                        record.partition(), p -> new SourceClocks(clockSettings));
        Decoded<T> d = decoder.decode(record.value());
        if (d instanceof Decoded.Ok<T> ok) {
            T value = ok.value();
            long ts = clocked.eventTime(value);
            SourceClocks.Verdict v =
                    clocks.observe(
                            clocked.clock(value), clocked.id(value), ts, clocked.periodMs(value));
            for (SourceClocks.Ahead a : clocks.confirmedAhead()) {
                // an earlier record, of another source or of this one, now found ahead
                if (skewed != null) {
                    skewed.inc();
                }
                out.collect(
                        new Envelope<>(
                                null,
                                null,
                                clocks.watermark(),
                                new ClockSkew(
                                        record.topic(),
                                        clocked.level(),
                                        a.site().toString(),
                                        record.partition(),
                                        a.eventTime(),
                                        a.frontier(),
                                        false)));
            }
            if (v == SourceClocks.Verdict.ON_TIME) {
                out.collect(new Envelope<>(value, null, clocks.watermark(), null));
                return;
            }
            if (skewed != null) {
                skewed.inc();
            }
            ClockSkew skew =
                    new ClockSkew(
                            record.topic(),
                            clocked.level(),
                            clocked.id(value),
                            record.partition(),
                            ts,
                            clocks.frontier(),
                            v == SourceClocks.Verdict.BEHIND);
            if (v == SourceClocks.Verdict.AHEAD) {
                out.collect(new Envelope<>(value, null, clocks.watermark(), skew));
                return;
            }
            DeadLetter late =
                    DeadLetter.of(
                            RejectReason.CLOCK_SKEW,
                            clocked.level()
                                    + " "
                                    + clocked.id(value)
                                    + " stamped "
                                    + Instant.ofEpochMilli(ts)
                                    + ", "
                                    + minutes(-skew.offsetMs())
                                    + " behind the other sources of partition "
                                    + record.partition()
                                    + " (frontier "
                                    + Instant.ofEpochMilli(skew.frontier())
                                    + "); a source may lag "
                                    + minutes(clocks.maxLagMs() + clocked.periodMs(value))
                                    + ": its clock, or a backlog",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            record.value());
            out.collect(new Envelope<>(null, late, clocks.watermark(), skew));
            return;
        }
        Decoded.Rejected<T> r = (Decoded.Rejected<T>) d;
        out.collect(
                new Envelope<>(
                        null,
                        DeadLetter.of(
                                r.reason(),
                                r.detail(),
                                record.topic(),
                                record.partition(),
                                record.offset(),
                                record.value()),
                        clocks.watermark(),
                        null));
    }

    static String minutes(long ms) {
        Duration d = Duration.ofMillis(ms);
        return d.toMinutes() + " min";
    }

    @Override
    public TypeInformation<Envelope<T>> getProducedType() {
        return type;
    }
}
