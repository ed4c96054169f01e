package org.dustwatch.jobs.stages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.dustwatch.jobs.Sources;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.functions.ingest.Deduplicate;
import org.dustwatch.jobs.functions.ingest.EndOfInputWatermark;
import org.dustwatch.jobs.functions.ingest.LatenessGate;
import org.dustwatch.jobs.functions.ingest.MergeReadings;
import org.dustwatch.jobs.functions.ingest.SplitDeadLetters;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * The first stage, the same for both sources: event-time watermarks at the source, the split of
 * decoded records from dead letters, the lateness gate, and the keyed step that makes records
 * unique (inspections de-duplicate by event id; readings merge per pollutant and period, since a PM
 * monitor and a gas analyser of one station report the same period in separate messages).
 *
 * <p>Each Kafka partition's watermark comes from the clocks of its sources, kept as the records are
 * decoded ({@link org.dustwatch.jobs.functions.ingest.SourceClocks}): it waits for the slowest
 * active source, by the source lag at most, and one clock that runs ahead cannot move it. A
 * partition without records for the idleness period (in processing time) stops holding the
 * watermark back. The lateness gate runs after the shuffle, by the same watermark as the windows.
 */
public final class Ingest {
    private Ingest() {}

    /**
     * One source's records after ingest, partitioned by their key (checkpoint or station).
     *
     * @param deadLetters what validation and the lateness gate refused
     * @param duplicates one element per duplicate dropped
     * @param corrections one element per correction dropped: a reading's changed repeat, an
     *     inspection's higher revision
     * @param skews the records of sources whose clocks disagree with their partition's
     */
    public record Ingested<T>(
            SingleOutputStreamOperator<T> records,
            DataStream<DeadLetter> deadLetters,
            DataStream<Long> duplicates,
            DataStream<Long> corrections,
            DataStream<ClockSkew> skews) {}

    public static Ingested<Inspection> inspections(
            StreamExecutionEnvironment env, Sources sources, Timing t) {
        return ingest(
                env,
                sources.inspections(),
                Envelope.OF_INSPECTIONS,
                sources.inspectionsTopic(),
                new InspectionTime(),
                new CheckpointKey(),
                new Deduplicate<>(t.dedupHorizon(), new InspectionTime(), new EventId()),
                Inspection.class,
                t,
                new Names(
                        "inspections",
                        Uids.INSPECTIONS_SOURCE,
                        Uids.INSPECTIONS_VALIDATE,
                        Uids.INSPECTIONS_LATENESS,
                        "inspections-dedup",
                        Uids.INSPECTIONS_DEDUP),
                Deduplicate.CORRECTIONS,
                sources.readers());
    }

    public static Ingested<Reading> readings(
            StreamExecutionEnvironment env, Sources sources, Timing t) {
        return ingest(
                env,
                sources.readings(),
                Envelope.OF_READINGS,
                sources.readingsTopic(),
                new ReadingTime(),
                new StationKey(),
                new MergeReadings(t.dedupHorizon()),
                Reading.class,
                t,
                new Names(
                        "readings",
                        Uids.READINGS_SOURCE,
                        Uids.READINGS_VALIDATE,
                        Uids.READINGS_LATENESS,
                        "readings-merge",
                        Uids.READINGS_MERGE),
                MergeReadings.CORRECTIONS,
                sources.readers());
    }

    /** The operators' names and uids of one source's ingest. */
    private record Names(
            String source,
            String sourceUid,
            String validateUid,
            String latenessUid,
            String unique,
            String uniqueUid) {}

    private static <T> Ingested<T> ingest(
            StreamExecutionEnvironment env,
            Source<Envelope<T>, ?, ?> source,
            TypeInformation<Envelope<T>> envelopes,
            String topic,
            LatenessGate.EventTime<T> eventTime,
            KeySelector<T, String> key,
            KeyedProcessFunction<String, T, T> unique,
            Class<T> type,
            Timing t,
            Names n,
            org.apache.flink.util.OutputTag<Long> corrections,
            int readers) {
        DataStreamSource<Envelope<T>> read =
                env.fromSource(source, watermarks(t, eventTime), n.source(), envelopes);
        read.uid(n.sourceUid());
        SingleOutputStreamOperator<T> decoded =
                read.transform(
                                n.validateUid(),
                                TypeInformation.of(type),
                                new EndOfInputWatermark<>(new SplitDeadLetters<T>()))
                        .uid(n.validateUid());
        if (readers > 0) {
            // the split of dead letters stays chained to its reader: a partition's order holds
            read.setParallelism(readers);
            decoded.setParallelism(readers);
        }
        SingleOutputStreamOperator<T> onTime =
                decoded.keyBy(key)
                        .process(
                                new LatenessGate<T>(
                                        t.allowedLateness(), topic, eventTime, new Json<>()))
                        .returns(type)
                        .name(n.latenessUid())
                        .uid(n.latenessUid());
        SingleOutputStreamOperator<T> records =
                DataStreamUtils.reinterpretAsKeyedStream(onTime, key)
                        .process(unique)
                        .returns(type)
                        .name(n.unique())
                        .uid(n.uniqueUid());
        DataStream<DeadLetter> deadLetters =
                decoded.getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                        .union(onTime.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
        DataStream<Long> duplicates = records.getSideOutput(Deduplicate.DUPLICATES);
        return new Ingested<>(
                records,
                deadLetters,
                duplicates,
                corrections == null ? null : records.getSideOutput(corrections),
                decoded.getSideOutput(SplitDeadLetters.SKEWS));
    }

    private static <T> WatermarkStrategy<Envelope<T>> watermarks(
            Timing t, LatenessGate.EventTime<T> ts) {
        boolean everyEvent = t.watermarkEveryEvent();
        return WatermarkStrategy.<Envelope<T>>forGenerator(
                        ctx -> new PartitionWatermarks<>(everyEvent))
                .withTimestampAssigner((e, kafkaTs) -> e.eventTime(ts))
                .withIdleness(t.idleness());
    }

    /**
     * The watermark that the partition's source clocks gave the last record (see {@link
     * Envelope#watermark()}), emitted periodically, or after every record when the timing asks.
     */
    static final class PartitionWatermarks<T> implements WatermarkGenerator<Envelope<T>> {
        private final boolean everyEvent;
        private long current = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        PartitionWatermarks(boolean everyEvent) {
            this.everyEvent = everyEvent;
        }

        @Override
        public void onEvent(Envelope<T> event, long timestamp, WatermarkOutput output) {
            current = Math.max(current, event.watermark());
            if (everyEvent) {
                onPeriodicEmit(output);
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            if (current > emitted) {
                emitted = current;
                output.emitWatermark(new Watermark(current));
            }
        }
    }

    /*
     * Event-time functions and keys as named classes: serializable method references such as
     * Inspection::ts and Reading::ts were mixed up on deserialization (the readings' gate got the
     * inspections' function), so nothing in this topology relies on them.
     */

    public static final class InspectionTime implements LatenessGate.EventTime<Inspection> {
        @Override
        public long applyAsLong(Inspection i) {
            return i.ts();
        }
    }

    /** A reading's event time: the last instant of the period it averages. */
    public static final class ReadingTime implements LatenessGate.EventTime<Reading> {
        @Override
        public long applyAsLong(Reading r) {
            return r.eventTime();
        }
    }

    /** An inspection's identity within its checkpoint: its event id. */
    public static final class EventId implements Deduplicate.Id<Inspection> {
        @Override
        public String of(Inspection i) {
            return i.eventId();
        }

        @Override
        public int revision(Inspection i) {
            return i.revision();
        }
    }

    static final class CheckpointKey implements KeySelector<Inspection, String> {
        @Override
        public String getKey(Inspection i) {
            return i.checkpointId();
        }
    }

    static final class StationKey implements KeySelector<Reading, String> {
        @Override
        public String getKey(Reading r) {
            return r.stationId();
        }
    }

    /** A late event's dead-letter payload: its validated content (the plate is not kept). */
    public static final class Json<T> implements LatenessGate.Payload<T> {
        private static final ObjectWriter JSON = new ObjectMapper().writer();

        @Override
        public byte[] render(T event) {
            try {
                return JSON.writeValueAsBytes(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
