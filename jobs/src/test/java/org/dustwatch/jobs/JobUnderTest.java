package org.dustwatch.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions.MinutePoints;
import org.dustwatch.jobs.functions.alerts.RepeatOffenderDetector;
import org.dustwatch.jobs.functions.ingest.Clocked;
import org.dustwatch.jobs.io.AirStatsPoints;
import org.dustwatch.jobs.io.AlertPoints;
import org.dustwatch.jobs.io.AlertSerializer;
import org.dustwatch.jobs.io.AqiPoints;
import org.dustwatch.jobs.io.DeadLetterSerializer;
import org.dustwatch.jobs.io.DecodingDeserializer;
import org.dustwatch.jobs.io.Envelope;
import org.dustwatch.jobs.io.HealthPoints;
import org.dustwatch.jobs.io.InspectionStatsPoints;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.AlertSettings;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.jobs.settings.Timing;
import org.dustwatch.jobs.testing.CollectingInfluxSink;
import org.dustwatch.jobs.testing.CollectingKafkaSink;
import org.dustwatch.jobs.testing.InfluxModel;
import org.dustwatch.jobs.testing.ScriptedRun;
import org.dustwatch.jobs.testing.ScriptedSource;
import org.dustwatch.jobs.testing.ScriptedSplit.Step;
import org.dustwatch.jobs.testing.Signals;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.PlateKey;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.ReferenceData;

/**
 * The topology API as PipelineIT and the fast tier call it: every call of theirs to {@link
 * Topology#build}, {@link Sources}, {@link Sinks}, {@link Timing} and {@link Settings} is in this
 * class, so that a new entry point is one edit.
 */
final class JobUnderTest {
    private JobUnderTest() {}

    /**
     * The defaults (30 s out-of-orderness, 10 min lateness, 1 h de-duplication), with a watermark
     * after every event, so that the processing order of the input decides what is late.
     */
    static final Timing TIMING = timing(Duration.ofMinutes(1));

    /** {@link #TIMING} with another idleness period. */
    static Timing timing(Duration idleness) {
        return new Timing(
                Duration.ofSeconds(30),
                idleness,
                Duration.ofMinutes(15),
                Duration.ofMinutes(10),
                Duration.ofHours(1),
                PipelineScenario.ZONE,
                true);
    }

    /** Checkpointing and the state backend from dustwatch's settings. */
    static StreamExecutionEnvironment environment(DustwatchConfig c) {
        return JobEnvironment.create(c);
    }

    /** The whole job on the Kafka sources (bounded) and the sinks that the settings name. */
    static void build(StreamExecutionEnvironment env, DustwatchConfig c, MinutePoints minutes)
            throws Exception {
        build(env, KafkaSources.of(c, true, TIMING), ProductionSinks.of(c), TIMING, minutes);
    }

    /**
     * The fast tier's inputs and outputs: each topic's partitions as scripts ({@link
     * ScriptedSource}), the InfluxDB sinks writing into the {@link InfluxModel} {@code database},
     * the dead letters and alerts into {@link CollectingKafkaSink}s, topics named {@code prefix +
     * inspections/readings/dlq/alerts}. Sources and sinks are those of {@code
     * io.KafkaSources/ProductionSinks}, with the production decoders, converters and serializers.
     */
    record FastRun(
            String prefix,
            String database,
            PlateKey plateKey,
            List<List<Step>> inspections,
            List<List<Step>> readings) {

        String topic(String name) {
            return prefix + name;
        }

        /** The signal that starts the scripted sources (see {@link ScriptedRun}). */
        String startSignal() {
            return prefix + "start";
        }

        /** Empties the database and the topics, for a run from scratch. */
        FastRun clear() {
            Signals.reset(startSignal());
            InfluxModel.drop(database);
            CollectingKafkaSink.clear(topic("dlq"));
            CollectingKafkaSink.clear(topic("alerts"));
            return this;
        }

        /** Runs the job built for this run to its end (see {@link ScriptedRun}). */
        void execute(StreamExecutionEnvironment env, MiniCluster cluster) throws Exception {
            ScriptedRun.execute(env, prefix + "job", cluster, startSignal(), Duration.ofMinutes(3));
        }

        /** Starts the job built for this run and returns once its sources play. */
        org.apache.flink.core.execution.JobClient start(
                StreamExecutionEnvironment env, MiniCluster cluster) throws Exception {
            return ScriptedRun.start(
                    env, prefix + "job", cluster, startSignal(), Duration.ofMinutes(3));
        }

        InfluxModel influx() {
            return InfluxModel.named(database);
        }

        /** What the run wrote, read back as PipelineIT reads a real influxd and Kafka. */
        PipelineScenario.Written written() {
            return new PipelineScenario.Written() {
                @Override
                public String selectAll(List<String> measurements) {
                    return influx().selectAll(measurements);
                }

                @Override
                public String everything() {
                    return influx().selectEverything();
                }

                @Override
                public List<PipelineScenario.TopicRecord> topic(String name, int expected) {
                    List<PipelineScenario.TopicRecord> out = new ArrayList<>();
                    for (ProducerRecord<byte[], byte[]> r : CollectingKafkaSink.records(name)) {
                        out.add(new PipelineScenario.TopicRecord(r.key(), r.value()));
                    }
                    return out;
                }
            };
        }
    }

    /** The whole job between the fast tier's scripted sources and collecting sinks. */
    static void build(
            StreamExecutionEnvironment env, FastRun run, Timing timing, MinutePoints minutes) {
        ReferenceData reference = ReferenceData.bundled();
        DecoderOptions options = DecoderOptions.defaults();
        String db = run.database();
        build(
                env,
                new Sources(
                        scripted(
                                run.topic("inspections"),
                                run.inspections(),
                                run.startSignal(),
                                new InspectionDecoder.Factory(reference, options, run.plateKey()),
                                Envelope.OF_INSPECTIONS,
                                new Clocked.Inspections(),
                                timing),
                        run.topic("inspections"),
                        scripted(
                                run.topic("readings"),
                                run.readings(),
                                run.startSignal(),
                                new ReadingDecoder.Factory(reference, options),
                                Envelope.OF_READINGS,
                                new Clocked.Readings(),
                                timing),
                        run.topic("readings"),
                        // as many readers as partitions (see Sources#readers), at most the job's
                        Math.min(
                                env.getParallelism(),
                                Math.max(
                                        1,
                                        Math.max(
                                                run.inspections().size(), run.readings().size())))),
                new Sinks(
                        new CollectingInfluxSink<>(db, new InspectionStatsPoints(reference)),
                        new CollectingInfluxSink<>(db, new AirStatsPoints()),
                        new CollectingInfluxSink<>(db, new AqiPoints()),
                        new CollectingInfluxSink<>(db, new AlertPoints()),
                        new CollectingKafkaSink<>(new AlertSerializer(run.topic("alerts"))),
                        new CollectingInfluxSink<>(db, new HealthPoints()),
                        new CollectingKafkaSink<>(new DeadLetterSerializer(run.topic("dlq")))),
                timing,
                minutes);
    }

    private static <T> ScriptedSource<Envelope<T>> scripted(
            String topic,
            List<List<Step>> partitions,
            String startSignal,
            RecordDecoder.Factory<T> decoder,
            TypeInformation<Envelope<T>> type,
            Clocked<T> clocked,
            Timing timing) {
        return new ScriptedSource<>(
                topic,
                partitions,
                new DecodingDeserializer<>(decoder, type, clocked, timing.clocks()),
                startSignal);
    }

    /**
     * The one call of {@link Topology#build}: the defaults without station plans ({@link
     * TestSettings}), the default alerts but for a 2-hour station silence (AQ-03 of the scenario
     * reports once an hour) and a 1-minute trip window (the scenario's one truck is caught six
     * times within an hour: with trips of 1 minute those are three incidents).
     */
    private static void build(
            StreamExecutionEnvironment env,
            Sources sources,
            Sinks sinks,
            Timing t,
            MinutePoints minutes) {
        Settings s = TestSettings.of(t);
        AlertSettings defaults = s.alerts();
        Topology.build(
                env,
                sources,
                sinks,
                s.withMinutePoints(minutes)
                        .withAlerts(
                                new AlertSettings(
                                        defaults.spike(),
                                        defaults.episode(),
                                        Duration.ofHours(2),
                                        new RepeatOffenderDetector.Settings(
                                                defaults.repeatOffender().count(),
                                                defaults.repeatOffender().period(),
                                                Duration.ofMinutes(1)))));
    }
}
