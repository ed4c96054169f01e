package org.dustwatch.jobs.stages;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.Collector;
import org.dustwatch.jobs.Uids;
import org.dustwatch.jobs.functions.health.PerMinuteCounts;
import org.dustwatch.jobs.functions.rollup.LastPerPart;
import org.dustwatch.jobs.functions.rollup.ValidCount;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.ClockSkew;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.model.DeadLetter;

/**
 * The {@code pipeline} measurement: per source topic and minute, the records counted, and the dead
 * letters, late events, records of skewed clocks ({@code clock_skew} refused, {@code clock_ahead}
 * counted), duplicates and corrections (see {@link PerMinuteCounts} for their minute); and the
 * {@code refusals} measurement, the dead letters per source, reason and minute, in the same minute.
 * The records counted are summed from the townships' 1-minute results, exact under late firings
 * like those; townships, not checkpoints and stations, because this sum runs on one key: a few
 * dozen results a minute instead of one per checkpoint with traffic.
 */
public final class PipelineHealth {
    private PipelineHealth() {}

    /** The counts of both sources; the refusals are ingest's side outputs. */
    public static DataStream<HealthCount> of(
            String inspectionsTopic,
            String readingsTopic,
            DataStream<InspectionStats> townshipMinutes,
            DataStream<AirStats> townshipAirMinutes,
            DataStream<DeadLetter> deadLetters,
            DataStream<ClockSkew> skews,
            DataStream<Long> inspectionDuplicates,
            DataStream<Long> readingDuplicates,
            DataStream<Long> inspectionCorrections,
            DataStream<Long> readingCorrections,
            Timing t) {
        TypeInformation<HealthCount> type = TypeInformation.of(HealthCount.class);
        DataStream<HealthCount> validInspections =
                townshipMinutes
                        .keyBy(new ConstantKey<>(inspectionsTopic))
                        .window(TumblingEventTimeWindows.of(WindowSize.MINUTE.nominal()))
                        .allowedLateness(t.allowedLateness())
                        .process(new LastPerPart<>(new ValidCount<>(new Inspected())), type)
                        .name(Uids.VALID_INSPECTIONS)
                        .uid(Uids.VALID_INSPECTIONS);
        DataStream<HealthCount> validReadings =
                townshipAirMinutes
                        .keyBy(new ConstantKey<>(readingsTopic))
                        .window(TumblingEventTimeWindows.of(WindowSize.MINUTE.nominal()))
                        .allowedLateness(t.allowedLateness())
                        .process(new LastPerPart<>(new ValidCount<>(new ReadingsCounted())), type)
                        .name(Uids.VALID_READINGS)
                        .uid(Uids.VALID_READINGS);
        DataStream<String> refused =
                deadLetters
                        .flatMap(new RefusedKind())
                        .name(Uids.REFUSED)
                        .uid(Uids.REFUSED)
                        .union(
                                inspectionDuplicates
                                        .map(new Constant(inspectionsTopic + "|duplicates"))
                                        .name(Uids.DUPLICATE_INSPECTIONS)
                                        .uid(Uids.DUPLICATE_INSPECTIONS),
                                readingDuplicates
                                        .map(new Constant(readingsTopic + "|duplicates"))
                                        .name(Uids.DUPLICATE_READINGS)
                                        .uid(Uids.DUPLICATE_READINGS),
                                inspectionCorrections
                                        .map(new Constant(inspectionsTopic + "|corrections"))
                                        .name(Uids.CORRECTED_INSPECTIONS)
                                        .uid(Uids.CORRECTED_INSPECTIONS),
                                readingCorrections
                                        .map(new Constant(readingsTopic + "|corrections"))
                                        .name(Uids.CORRECTED_READINGS)
                                        .uid(Uids.CORRECTED_READINGS),
                                skews.flatMap(new CountedAhead())
                                        .name(Uids.CLOCK_AHEAD)
                                        .uid(Uids.CLOCK_AHEAD));
        DataStream<HealthCount> counted =
                refused.keyBy(new ConstantKey<String>(null))
                        .process(new PerMinuteCounts())
                        .name(Uids.REFUSED_PER_MINUTE)
                        .uid(Uids.REFUSED_PER_MINUTE);
        return validInspections.union(validReadings, counted);
    }

    /** A fixed key; {@code null} keys each element by itself. */
    static final class ConstantKey<T> implements KeySelector<T, String> {
        private final String key;

        ConstantKey(String key) {
            this.key = key;
        }

        @Override
        public String getKey(T t) {
            return key != null ? key : (String) t;
        }
    }

    static final class Constant implements MapFunction<Long, String> {
        private final String value;

        Constant(String value) {
            this.value = value;
        }

        @Override
        public String map(Long ignored) {
            return value;
        }
    }

    /**
     * A dead letter counts twice: in its field of {@code pipeline} ({@code late}, {@code
     * clock_skew}, or {@code dead_letters} for every other reason) and under its reason in {@code
     * refusals}.
     */
    static final class RefusedKind implements FlatMapFunction<DeadLetter, String> {
        @Override
        public void flatMap(DeadLetter d, Collector<String> out) {
            out.collect(
                    d.sourceTopic()
                            + switch (d.reason()) {
                                case LATE -> "|late";
                                case CLOCK_SKEW -> "|clock_skew";
                                default -> "|dead_letters";
                            });
            out.collect(d.sourceTopic() + "|" + HealthCount.REFUSALS + "|" + d.reason().name());
        }
    }

    /**
     * A record counted at a stamp too far ahead of its partition's other sources: {@code
     * clock_ahead}. (Those too far behind are refused, and counted as {@code clock_skew}.)
     */
    static final class CountedAhead implements FlatMapFunction<ClockSkew, String> {
        @Override
        public void flatMap(ClockSkew s, Collector<String> out) {
            if (!s.refused()) {
                out.collect(s.topic() + "|clock_ahead");
            }
        }
    }

    /** A township minute's inspections. */
    public static final class Inspected implements ValidCount.Count<InspectionStats> {
        @Override
        public String subject(InspectionStats s) {
            return s.subject();
        }

        @Override
        public long count(InspectionStats s) {
            return s.inspected();
        }
    }

    /** A township minute's readings. */
    public static final class ReadingsCounted implements ValidCount.Count<AirStats> {
        @Override
        public String subject(AirStats s) {
            return s.subject();
        }

        @Override
        public long count(AirStats s) {
            return s.readings();
        }
    }
}
