package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.dustwatch.model.Topics;

/**
 * The InfluxDB settings: where, who, and how the sink batches and retries. Part of {@link
 * DustwatchOptions#all()}; docs/configuration.md lists them.
 */
public final class InfluxOptions {
    private InfluxOptions() {}

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
                    .defaultValue(Duration.ofMillis(250))
                    .withDescription(
                            "Buffered points are sent at least this often: part of how late a closed"
                                    + " window reaches the screens, after the watermark's"
                                    + " pipeline.out-of-orderness (docs/benchmarks.md,"
                                    + " Freshness); shorter means more, smaller requests, which"
                                    + " cost CPU in a fast replay (set 1 s there).");

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
}
