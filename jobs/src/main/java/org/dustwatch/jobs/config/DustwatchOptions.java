package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.MemorySize;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.dustwatch.model.Stamp;
import org.dustwatch.model.Topics;

/**
 * Every setting of the dustwatch jobs, with its one default and its description.
 * docs/configuration.md is checked against this class by a test, so the two cannot drift.
 */
public final class DustwatchOptions {
    private DustwatchOptions() {}

    // ---- Kafka ----------------------------------------------------------------------------

    public static final ConfigOption<String> KAFKA_BOOTSTRAP =
            key("kafka.bootstrap")
                    .stringType()
                    .defaultValue("127.0.0.1:9092")
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("kafka.group-id")
                    .stringType()
                    .defaultValue("dustwatch")
                    .withDescription(
                            "Consumer group; offsets are committed to it at each checkpoint.");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            key("kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where a job without state starts: COMMITTED (the group's offsets,"
                                    + " else the earliest), EARLIEST or LATEST.");

    public static final ConfigOption<String> TOPIC_INSPECTIONS =
            key("kafka.topic.inspections")
                    .stringType()
                    .defaultValue(Topics.INSPECTIONS)
                    .withDescription("Topic of inspection events.");

    public static final ConfigOption<String> TOPIC_READINGS =
            key("kafka.topic.readings")
                    .stringType()
                    .defaultValue(Topics.READINGS)
                    .withDescription("Topic of air-quality readings.");

    public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
            key("kafka.topic.dead-letters")
                    .stringType()
                    .defaultValue(Topics.DEAD_LETTERS)
                    .withDescription("Topic that receives every refused record.");

    public static final ConfigOption<String> TOPIC_ALERTS =
            key("kafka.topic.alerts")
                    .stringType()
                    .defaultValue(Topics.ALERTS)
                    .withDescription("Topic that receives alerts as JSON, keyed by alert id.");

    /** Prefix of Kafka client properties passed through unchanged (SASL, SSL, ...). */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

    // ---- InfluxDB ---------------------------------------------------------------------------

    public static final ConfigOption<String> INFLUX_URL =
            key("influx.url")
                    .stringType()
                    .defaultValue("http://127.0.0.1:8086")
                    .withDescription("InfluxDB base URL, http:// or https://.");

    public static final ConfigOption<InfluxApi> INFLUX_API =
            key("influx.api")
                    .enumType(InfluxApi.class)
                    .defaultValue(InfluxApi.V1)
                    .withDescription(
                            "V1 (/write: InfluxDB 1.x, and v1-compat on 2.x/3.x) or V2"
                                    + " (/api/v2/write).");

    public static final ConfigOption<String> INFLUX_DATABASE =
            key("influx.database")
                    .stringType()
                    .defaultValue(Topics.DATABASE)
                    .withDescription("Database (v1) or bucket (v2).");

    public static final ConfigOption<String> INFLUX_RETENTION_POLICY =
            key("influx.retention-policy")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v1 retention policy; unset means the database's default.");

    public static final ConfigOption<String> INFLUX_USERNAME =
            key("influx.username")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("v1 user; unset means no authentication.");

    public static final ConfigOption<String> INFLUX_PASSWORD_ENV =
            key("influx.password-env")
                    .stringType()
                    .defaultValue("DUSTWATCH_INFLUX_PASSWORD")
                    .withDescription(
                            "Environment variable holding the v1 password (read only when"
                                    + " influx.username is set).");

    public static final ConfigOption<String> INFLUX_PASSWORD_FILE =
            key("influx.password-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("File holding the v1 password; wins over the variable.");

    public static final ConfigOption<String> INFLUX_CA_FILE =
            key("influx.ca-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "PEM file of the certificate authorities to trust for an https://"
                                    + " InfluxDB (a private CA); unset means the JVM's defaults."
                                    + " It must exist on every TaskManager.");

    public static final ConfigOption<String> INFLUX_ORG =
            key("influx.org").stringType().noDefaultValue().withDescription("v2 organisation.");

    public static final ConfigOption<String> INFLUX_TOKEN_ENV =
            key("influx.token-env")
                    .stringType()
                    .defaultValue("DUSTWATCH_INFLUX_TOKEN")
                    .withDescription("Environment variable holding the v2 token.");

    public static final ConfigOption<String> INFLUX_TOKEN_FILE =
            key("influx.token-file")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("File holding the v2 token; wins over the variable.");

    public static final ConfigOption<Integer> INFLUX_BATCH_SIZE =
            key("influx.batch-size")
                    .intType()
                    .defaultValue(5_000)
                    .withDescription("Points per write request.");

    public static final ConfigOption<Duration> INFLUX_FLUSH_INTERVAL =
            key("influx.flush-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("Buffered points are sent at least this often.");

    public static final ConfigOption<Duration> INFLUX_REQUEST_TIMEOUT =
            key("influx.request-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "The bound on one write request, connecting included. With"
                                    + " influx.backoff-max it bounds how long a checkpoint waits for"
                                    + " the sink while InfluxDB fails; their sum must stay below"
                                    + " pipeline.checkpoint-timeout.");

    public static final ConfigOption<Duration> INFLUX_BACKOFF_MAX =
            key("influx.backoff-max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "The longest wait between two attempts of a failing write (backoff"
                                    + " from 200 ms doubling, with jitter; a server's Retry-After is"
                                    + " honoured up to this).");

    public static final ConfigOption<Duration> INFLUX_MAX_RETRY_DURATION =
            key("influx.max-retry-duration")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long one batch is retried before the job fails and restarts"
                                    + " from its last checkpoint.");

    // ---- Event time and the pipeline ----------------------------------------------------------

    public static final ConfigOption<Duration> OUT_OF_ORDERNESS =
            key("pipeline.out-of-orderness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription("How far behind the newest event time the watermark trails.");

    public static final ConfigOption<Duration> IDLENESS =
            key("pipeline.idleness")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(1))
                    .withDescription(
                            "A Kafka partition without events for this long stops holding the"
                                    + " watermark back.");

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
                    .withDescription("Zone whose local midnight starts the daily windows.");

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

    // ---- Air Quality Index --------------------------------------------------------------------

    public static final ConfigOption<AqiStandard> AQI_STANDARD =
            key("aqi.standard")
                    .enumType(AqiStandard.class)
                    .defaultValue(AqiStandard.BY_DATE)
                    .withDescription(
                            "BY_DATE uses HJ 633-2012 for data before 2026-03-01 (local date) and"
                                    + " HJ 633—2026 from then on; or one of HJ633_2012, HJ633_2026,"
                                    + " US_EPA_2024 for every report (see docs/aqi.md).");

    public static final ConfigOption<Duration> AQI_MIN_COVERAGE =
            key("aqi.min-coverage-per-hour")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(45))
                    .withDescription(
                            "A station's hourly mean of a pollutant enters the AQI only when its"
                                    + " readings cover at least this much of the hour (the union of"
                                    + " their periods): GB 3095's 45 minutes of sampling.");

    public static final ConfigOption<Boolean> AQI_ROUND_2012 =
            key("aqi.round-2012")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription(
                            "Round concentrations per GB/T 8170 before indexing under HJ 633-2012"
                                    + " too (HJ 633-2012 prescribes no rounding; HJ 633—2026 does).");

    // ---- Alerts ------------------------------------------------------------------------------

    public static final ConfigOption<Double> ALERT_SPIKE_THRESHOLD =
            key("alerts.spike.threshold")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "A road's or township's hour opens a violation-spike alert when its rate"
                                    + " is this many standard deviations above the baseline (see"
                                    + " docs/alerts.md); twice this is critical.");

    public static final ConfigOption<Double> ALERT_SPIKE_RESOLVE =
            key("alerts.spike.resolve-z")
                    .doubleType()
                    .defaultValue(1.0)
                    .withDescription(
                            "An open violation-spike alert resolves at the first hour whose score is"
                                    + " below this.");

    public static final ConfigOption<Integer> ALERT_SPIKE_MIN_VOLUME =
            key("alerts.spike.min-volume")
                    .intType()
                    .defaultValue(20)
                    .withDescription(
                            "Hours with fewer inspections are neither judged nor used as baseline.");

    public static final ConfigOption<Integer> ALERT_SPIKE_BASELINE_DAYS =
            key("alerts.spike.baseline-days")
                    .intType()
                    .defaultValue(7)
                    .withDescription("Days of the same hour of day in the baseline.");

    public static final ConfigOption<Integer> ALERT_SPIKE_RECENT_HOURS =
            key("alerts.spike.recent-hours")
                    .intType()
                    .defaultValue(3)
                    .withDescription("Preceding hours in the baseline (the recent trend).");

    public static final ConfigOption<Integer> ALERT_SPIKE_MIN_SAMPLES =
            key("alerts.spike.min-samples")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "Baseline hours needed before a road or township is judged at all.");

    public static final ConfigOption<Duration> ALERT_COOLDOWN =
            key("alerts.cooldown")
                    .durationType()
                    .defaultValue(Duration.ofHours(3))
                    .withDescription(
                            "After an alert resolves, the same kind and subject cannot open again"
                                    + " for this long.");

    public static final ConfigOption<Integer> ALERT_EPISODE_MIN_LEVEL =
            key("alerts.episode.min-level")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "A township's hourly AQI level (1-6) from which a pollution episode"
                                    + " opens; 4 is 中度污染.");

    public static final ConfigOption<Double> ALERT_EPISODE_PM25_RISE =
            key("alerts.episode.pm25-rise")
                    .doubleType()
                    .defaultValue(50.0)
                    .withDescription(
                            "A rise of a township's 1-h PM2.5 by this many µg/m³ from one hour to"
                                    + " the next also opens a pollution episode.");

    public static final ConfigOption<Duration> ALERT_STATION_SILENCE =
            key("alerts.station-silence")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(30))
                    .withDescription(
                            "A station without readings for this long (in event time) opens a"
                                    + " station-silent alert.");

    public static final ConfigOption<Integer> ALERT_REPEAT_COUNT =
            key("alerts.repeat-offender.count")
                    .intType()
                    .defaultValue(3)
                    .withDescription(
                            "A vehicle caught violating this many times within"
                                    + " alerts.repeat-offender.period opens a repeat-offender"
                                    + " alert. Vehicles are matched by their plate's keyed hash, so"
                                    + " this needs a plate key (plates.key-file).");

    public static final ConfigOption<Duration> ALERT_REPEAT_PERIOD =
            key("alerts.repeat-offender.period")
                    .durationType()
                    .defaultValue(Duration.ofDays(30))
                    .withDescription(
                            "The trailing event-time span repeat offences are counted in.");

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

    /** Every option declared above, in declaration order. */
    public static List<ConfigOption<?>> all() {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Field f : DustwatchOptions.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                try {
                    out.add((ConfigOption<?>) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
