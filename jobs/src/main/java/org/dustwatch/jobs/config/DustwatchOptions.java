package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.dustwatch.model.Stamp;

/**
 * The settings of event time and the pipeline, the plates and the reference data, the enums of
 * every group, and {@link #all()}: every setting of the dustwatch jobs, with its one default and
 * its description, from this class and {@link KafkaOptions}, {@link InfluxOptions}, {@link
 * AqiOptions} and {@link AlertOptions}. docs/configuration.md is checked against {@link #all()} by
 * a test, so the two cannot drift.
 */
public final class DustwatchOptions {
    private DustwatchOptions() {}

    // ---- Event time and the pipeline ----------------------------------------------------------

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            key("pipeline.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How far a source's own records may come out of order: the watermark"
                                    + " trails the slowest active source by this much.");

    public static final ConfigOption<Duration> IDLENESS =
            key("pipeline.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A Kafka partition without events for this long stops holding the"
                                    + " watermark back.");

    public static final ConfigOption<Duration> MAX_SOURCE_LAG =
            key("pipeline.max-source-lag")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(15))
                    .withDescription(
                            "How far a checkpoint or station feed may trail the other sources of"
                                    + " its Kafka partition, beyond its period (an hourly mean may"
                                    + " arrive an hour late): the watermark waits that long for it"
                                    + " at most. Records further behind go to the dead-letter topic"
                                    + " as CLOCK_SKEW, records further ahead are counted and"
                                    + " flagged; both raise a clock_skew alert.");

    public static final ConfigOption<Duration> ALLOWED_LATENESS =
            key("pipeline.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Events up to this far behind the watermark still update their"
                                    + " windows (late firings); later ones go to the dead-letter"
                                    + " topic as LATE.");

    public static final ConfigOption<Duration> DEDUP_HORIZON =
            key("pipeline.dedup-horizon")
                    .durationType()
                    .defaultValue(Duration.ofHours(1))
                    .withDescription(
                            "Event-time span within which a repeated eventId (or a station's value"
                                    + " of a pollutant for one period) counts once.");

    public static final ConfigOption<String> TIME_ZONE =
            key("pipeline.time-zone")
                    .stringType()
                    .defaultValue("Asia/Shanghai")
                    .withDescription(
                            "Zone whose local midnight starts the daily windows. Its offset from"
                                    + " UTC must be a whole number of hours at every instant from"
                                    + " 2000 to 2100, since local days are made of UTC hours:"
                                    + " Asia/Kolkata (+05:30), Asia/Kathmandu (+05:45) and"
                                    + " Australia/Lord_Howe (+10:30 in winter) are refused at"
                                    + " start-up.");

    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
            key("pipeline.checkpoint-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("Flink checkpoint interval; each one flushes the sink.");

    public static final ConfigOption<Duration> CHECKPOINT_TIMEOUT =
            key("pipeline.checkpoint-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "A checkpoint not complete after this long is given up (it counts"
                                    + " against pipeline.tolerable-checkpoint-failures). Must be"
                                    + " longer than influx.request-timeout + influx.backoff-max, the"
                                    + " longest a checkpoint waits for an InfluxDB sink.");

    public static final ConfigOption<Integer> TOLERABLE_CHECKPOINT_FAILURES =
            key("pipeline.tolerable-checkpoint-failures")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Consecutive failed or expired checkpoints the job tolerates before it"
                                    + " fails and restarts from its last completed checkpoint.");

    public static final ConfigOption<String> CHECKPOINT_DIR =
            key("pipeline.checkpoint-dir")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Where checkpoints are stored (file://, s3://, hdfs://); unset means the"
                                    + " cluster's execution.checkpointing.dir, or the JobManager's"
                                    + " memory, which holds 5 MB: enough for the demo, not for a"
                                    + " district at full rate.");

    public static final ConfigOption<MinutePoints> MINUTE_POINTS =
            key("pipeline.minute-points")
                    .enumType(MinutePoints.class)
                    .defaultValue(MinutePoints.ALL)
                    .withDescription(
                            "Which 1-minute results are written: ALL; AREAS (roads and townships"
                                    + " only; checkpoints and stations get hours and days); NONE. A"
                                    + " district of a thousand checkpoints sees about one truck per"
                                    + " checkpoint-minute, so there ALL writes more points than"
                                    + " events (docs/benchmarks.md).");

    public static final ConfigOption<StateBackend> STATE_BACKEND =
            key("pipeline.state-backend")
                    .enumType(StateBackend.class)
                    .defaultValue(StateBackend.HASHMAP)
                    .withDescription(
                            "HASHMAP keeps state on the heap; ROCKSDB on local disk, for sites"
                                    + " that need a longer dedup horizon than the heap holds."
                                    + " Set here, it overrides the cluster's state.backend.type.");

    public static final ConfigOption<MemorySize> MAX_RECORD_SIZE =
            key("pipeline.max-record-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("16kb"))
                    .withDescription("Larger records go to the dead-letter topic as OVERSIZED.");

    public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
            key("pipeline.max-future-skew")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "Events further than this past the clock go to the dead-letter topic"
                                    + " as FUTURE_TIMESTAMP.");

    public static final ConfigOption<Duration> READINGS_DEFAULT_PERIOD =
            key("readings.default-period")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "The averaging period of a reading that carries no period, from a station"
                                    + " whose reference data declare none (PT1S to PT1H).");

    public static final ConfigOption<Stamp> READINGS_DEFAULT_STAMP =
            key("readings.default-stamp")
                    .enumType(Stamp.class)
                    .defaultValue(Stamp.START)
                    .withDescription(
                            "Whether a reading's ts marks the START or the END of its period, for"
                                    + " stations whose reference data do not say.");

    // ---- Plates -------------------------------------------------------------------------------

    public static final ConfigOption<String> PLATE_KEY_ENV =
            key("plates.key-env")
                    .stringType()
                    .defaultValue("DUSTWATCH_PLATE_KEY")
                    .withDescription(
                            "Environment variable holding the plate key: the secret (at least 16"
                                    + " bytes) that plates are hashed under (HMAC-SHA256) before"
                                    + " anything leaves Kafka. With no key, plates are dropped and"
                                    + " no repeat-offender alert can open.");

    public static final ConfigOption<String> PLATE_KEY_FILE =
            key("plates.key-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "File holding the plate key; wins over the variable. Read where the"
                                    + " job is submitted. Keep it for as long as hashes must match:"
                                    + " a new key gives every vehicle a new hash.");

    // ---- Reference data -----------------------------------------------------------------------

    public static final ConfigOption<String> REFERENCE_CHECKPOINTS =
            key("reference.checkpoints")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "CSV of checkpoints (with reference.stations); unset means the bundled"
                                    + " district.");

    public static final ConfigOption<String> REFERENCE_STATIONS =
            key("reference.stations")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "CSV of stations (with reference.checkpoints); unset means the bundled"
                                    + " district.");

    /** Which 1-minute results reach InfluxDB. */
    public enum MinutePoints {
        ALL,
        AREAS,
        NONE
    }

    /** Where keyed state lives. */
    public enum StateBackend {
        HASHMAP,
        ROCKSDB
    }

    /** Which AQI standard the reports use. */
    public enum AqiStandard {
        BY_DATE,
        HJ633_2012,
        HJ633_2026,
        US_EPA_2024;

        /** The fixed standard, or {@code null} for {@link #BY_DATE}. */
        public org.dustwatch.aqi.Standard fixed() {
            return this == BY_DATE ? null : org.dustwatch.aqi.Standard.valueOf(name());
        }
    }

    /** Where a job without state starts reading. */
    public enum StartingOffsets {
        COMMITTED,
        EARLIEST,
        LATEST
    }

    /** The classes that declare options, in the order docs/configuration.md lists them. */
    private static final List<Class<?>> GROUPS =
            List.of(
                    KafkaOptions.class,
                    InfluxOptions.class,
                    DustwatchOptions.class,
                    AqiOptions.class,
                    AlertOptions.class);

    /** Every option, group by group, each group's in declaration order. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Class<?> group : GROUPS) {
            for (Field f : group.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                    try {
                        out.add((ConfigOption<?>) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return out;
    }
}
