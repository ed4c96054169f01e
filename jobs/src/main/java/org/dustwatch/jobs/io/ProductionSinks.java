package org.dustwatch.jobs.io;

import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_API;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_BACKOFF_MAX;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_BATCH_SIZE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_CA_FILE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_DATABASE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_FLUSH_INTERVAL;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_MAX_RETRY_DURATION;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_ORG;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_PASSWORD_ENV;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_PASSWORD_FILE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_REQUEST_TIMEOUT;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_RETENTION_POLICY;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_TOKEN_ENV;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_TOKEN_FILE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_URL;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_USERNAME;
import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_BOOTSTRAP;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_ALERTS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_DEAD_LETTERS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.dustwatch.connectors.influxdb.InfluxDbSink;
import org.dustwatch.connectors.influxdb.InfluxDbSinkBuilder;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.connectors.influxdb.Secret;
import org.dustwatch.jobs.Sinks;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.model.DeadLetter;

/**
 * The production sinks: every result into InfluxDB through the project's sink, alerts also into
 * their topic, dead letters into theirs. Each InfluxDB sink reports its own batches in the {@code
 * sink} measurement under its name.
 */
public final class ProductionSinks {
    private ProductionSinks() {}

    public static Sinks of(DustwatchConfig c) throws IOException {
        Properties kafka = c.kafkaProperties();
        KafkaSink<DeadLetter> dlq =
                KafkaSink.<DeadLetter>builder()
                        .setBootstrapServers(c.get(KAFKA_BOOTSTRAP))
                        .setKafkaProducerConfig(kafka)
                        .setRecordSerializer(new DeadLetterSerializer(c.get(TOPIC_DEAD_LETTERS)))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        KafkaSink<Alert> alerts =
                KafkaSink.<Alert>builder()
                        .setBootstrapServers(c.get(KAFKA_BOOTSTRAP))
                        .setKafkaProducerConfig(kafka)
                        .setRecordSerializer(new AlertSerializer(c.get(TOPIC_ALERTS)))
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build();
        return new Sinks(
                influx(c, new InspectionStatsPoints(c.reference())).reportingAs("inspections"),
                influx(c, new AirStatsPoints()).reportingAs("air_quality"),
                influx(c, new AqiPoints()).reportingAs("aqi"),
                influx(c, new AlertPoints()).reportingAs("alerts"),
                alerts,
                influx(c, new HealthPoints()).reportingAs("pipeline"),
                dlq);
    }

    /**
     * The project's InfluxDB sink with the configured endpoint, batching and retries, for any
     * converter; the benchmark's SQL peer writes through it too, to pay the job's write cost.
     */
    public static <T> InfluxDbSink<T> influx(DustwatchConfig c, PointConverter<T> converter) {
        InfluxDbSinkBuilder<T> b =
                InfluxDbSink.<T>builder()
                        .url(c.get(INFLUX_URL))
                        .database(c.get(INFLUX_DATABASE))
                        .batchSize(c.get(INFLUX_BATCH_SIZE))
                        .flushInterval(c.get(INFLUX_FLUSH_INTERVAL))
                        .maxRetryDuration(c.get(INFLUX_MAX_RETRY_DURATION))
                        .requestTimeout(c.get(INFLUX_REQUEST_TIMEOUT))
                        .maxBackoff(c.get(INFLUX_BACKOFF_MAX))
                        .caFile(c.get(INFLUX_CA_FILE))
                        .converter(converter);
        if (c.get(INFLUX_API) == InfluxApi.V2) {
            b.v2(c.get(INFLUX_ORG), secret(c.get(INFLUX_TOKEN_FILE), c.get(INFLUX_TOKEN_ENV)));
        } else {
            b.retentionPolicy(c.get(INFLUX_RETENTION_POLICY));
            if (c.get(INFLUX_USERNAME) != null) {
                b.credentials(
                        c.get(INFLUX_USERNAME),
                        secret(c.get(INFLUX_PASSWORD_FILE), c.get(INFLUX_PASSWORD_ENV)));
            }
        }
        return b.build();
    }

    /** A secret from a file when one is named, else from the named environment variable. */
    public static Secret secret(String file, String envName) {
        return file != null ? Secret.fromFile(Path.of(file)) : Secret.fromEnv(envName);
    }
}
