package org.dustwatch.jobs.stages;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.dustwatch.jobs.Sources;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.functions.ingest.Deduplicate;
import org.dustwatch.jobs.functions.ingest.LatenessGate;
import org.dustwatch.jobs.functions.ingest.MergeReadings;
import org.dustwatch.jobs.functions.ingest.SplitDeadLetters;
import org.dustwatch.jobs.io.Envelope;
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
 * <p>Watermarks trail the newest event time by the out-of-orderness bound (30 s by default:
 * checkpoints upload in small bursts, stations report within seconds). A split that is quiet for
 * the idleness period (checkpoints close at night) stops holding them back.
 */
public final class Ingest {
    private Ingest() {}

    /**
     * One source's records after ingest, partitioned by their key (checkpoint or station).
     *
     * @param deadLetters what validation and the lateness gate refused
     * @param duplicates one element per duplicate dropped
     * @param corrections one element per changed repeat dropped (readings; empty for inspections)
     */
    public record Ingested<T>(
            SingleOutputStreamOperator<T> records,
            DataStream<DeadLetter> deadLetters,
            DataStream<Long> duplicates,
            DataStream<Long> corrections) {}

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
                Deduplicate.CORRECTIONS);
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
                MergeReadings.CORRECTIONS);
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
            org.apache.flink.api.common.typeinfo.TypeInformation<Envelope<T>> envelopes,
            String topic,
            LatenessGate.EventTime<T> eventTime,
            KeySelector<T, String> key,
            KeyedProcessFunction<String, T, T> unique,
            Class<T> type,
            Timing t,
            Names n,
            org.apache.flink.util.OutputTag<Long> corrections) {
        SingleOutputStreamOperator<T> decoded =
                env.fromSource(source, watermarks(t, eventTime), n.source(), envelopes)
                        .uid(n.sourceUid())
                        .process(new SplitDeadLetters<T>())
                        .returns(type)
                        .name(n.validateUid())
                        .uid(n.validateUid());
        SingleOutputStreamOperator<T> onTime =
                decoded.process(
                                new LatenessGate<T>(
                                        t.allowedLateness(), topic, eventTime, new Json<>()))
                        .returns(type)
                        .name(n.latenessUid())
                        .uid(n.latenessUid());
        SingleOutputStreamOperator<T> records =
                onTime.keyBy(key).process(unique).returns(type).name(n.unique()).uid(n.uniqueUid());
        DataStream<DeadLetter> deadLetters =
                decoded.getSideOutput(SplitDeadLetters.DEAD_LETTERS)
                        .union(onTime.getSideOutput(SplitDeadLetters.DEAD_LETTERS));
        DataStream<Long> duplicates = records.getSideOutput(Deduplicate.DUPLICATES);
        return new Ingested<>(
                records,
                deadLetters,
                duplicates,
                corrections == null ? null : records.getSideOutput(corrections));
    }

    private static <T> WatermarkStrategy<Envelope<T>> watermarks(
            Timing t, LatenessGate.EventTime<T> ts) {
        Duration bound = t.outOfOrderness();
        WatermarkStrategy<Envelope<T>> strategy =
                t.watermarkEveryEvent()
                        ? WatermarkStrategy.forGenerator(ctx -> new EveryEventWatermarks<>(bound))
                        : WatermarkStrategy.forBoundedOutOfOrderness(bound);
        return strategy.withTimestampAssigner((e, kafkaTs) -> e.eventTime(ts))
                .withIdleness(t.idleness());
    }

    /** Bounded out-of-orderness, emitted after every event (see {@link Timing}). */
    static final class EveryEventWatermarks<T> implements WatermarkGenerator<T> {
        private final long boundMs;
        private long max = Long.MIN_VALUE;

        EveryEventWatermarks(Duration bound) {
            this.boundMs = bound.toMillis();
        }

        @Override
        public void onEvent(T event, long timestamp, WatermarkOutput output) {
            if (timestamp > max) {
                max = timestamp;
                output.emitWatermark(new Watermark(max - boundMs - 1));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {}
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
