package org.dustwatch.connectors.influxdb;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link InfluxDbSink}. Defaults:
 *
 * <table>
 *   <caption>Options</caption>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>url</td><td>required</td></tr>
 *   <tr><td>api</td><td>V1 ({@code /write}); {@link #v2} switches to {@code /api/v2/write}</td></tr>
 *   <tr><td>database (v1) / bucket (v2)</td><td>required</td></tr>
 *   <tr><td>retentionPolicy (v1)</td><td>the database's default</td></tr>
 *   <tr><td>username / password (v1)</td><td>none (no authentication)</td></tr>
 *   <tr><td>org / token (v2)</td><td>required with v2</td></tr>
 *   <tr><td>batchSize</td><td>{@value #DEFAULT_BATCH_SIZE} points</td></tr>
 *   <tr><td>maxBufferedPoints</td><td>{@value #BUFFERED_BATCHES} × batchSize</td></tr>
 *   <tr><td>flushInterval</td><td>1 s</td></tr>
 *   <tr><td>requestTimeout</td><td>30 s</td></tr>
 *   <tr><td>backoff</td><td>200 ms doubling to 30 s, with jitter; {@code Retry-After} is
 *       honoured up to the maximum</td></tr>
 *   <tr><td>maxRetryDuration</td><td>10 min, then the job fails and restarts</td></tr>
 *   <tr><td>gzip</td><td>true</td></tr>
 * </table>
 */
public final class InfluxDbSinkBuilder<T> {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbSinkBuilder.class);

    public static final int DEFAULT_BATCH_SIZE = 5_000;

    /** Unless set, a writer buffers this many batches before {@code write} waits. */
    public static final int BUFFERED_BATCHES = 4;

    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Backoff DEFAULT_BACKOFF =
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
    public static final Duration DEFAULT_MAX_RETRY_DURATION = Duration.ofMinutes(10);

    private String url;
    private InfluxApi api = InfluxApi.V1;
    private String org;
    private Secret token;
    private String database;
    private String retentionPolicy;
    private String username;
    private Secret password;
    private int batchSize = DEFAULT_BATCH_SIZE;
    private Integer maxBufferedPoints;
    private Duration flushInterval = DEFAULT_FLUSH_INTERVAL;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Backoff backoff = DEFAULT_BACKOFF;
    private Duration maxRetryDuration = DEFAULT_MAX_RETRY_DURATION;
    private boolean gzip = true;
    private String caFile;
    private PointConverter<T> converter;

    InfluxDbSinkBuilder() {}

    /** Base URL of InfluxDB, e.g. {@code http://127.0.0.1:8086}. */
    public InfluxDbSinkBuilder<T> url(String url) {
        this.url = url;
        return this;
    }

    /**
     * Uses the v2 API ({@code /api/v2/write}) with this organisation and token; {@link #database}
     * then names the bucket.
     */
    public InfluxDbSinkBuilder<T> v2(String org, Secret token) {
        this.api = InfluxApi.V2;
        this.org = org;
        this.token = token;
        return this;
    }

    /** The v1 database, or with {@link #v2} the bucket. */
    public InfluxDbSinkBuilder<T> database(String database) {
        this.database = database;
        return this;
    }

    public InfluxDbSinkBuilder<T> retentionPolicy(String retentionPolicy) {
        this.retentionPolicy = retentionPolicy;
        return this;
    }

    /** Basic authentication; with InfluxDB 2.x/3.x v1-compat, the password is the token. */
    public InfluxDbSinkBuilder<T> credentials(String username, Secret password) {
        this.username = username;
        this.password = password;
        return this;
    }

    public InfluxDbSinkBuilder<T> batchSize(int points) {
        this.batchSize = points;
        return this;
    }

    /**
     * How many lines a writer holds before {@code write} waits for InfluxDB (back-pressure). While
     * InfluxDB fails, this is what a subtask absorbs with checkpoints still completing; once it is
     * full, the input waits, and so do the checkpoint barriers behind it. Default {@value
     * #BUFFERED_BATCHES} × batchSize.
     */
    public InfluxDbSinkBuilder<T> maxBufferedPoints(int points) {
        this.maxBufferedPoints = points;
        return this;
    }

    public InfluxDbSinkBuilder<T> flushInterval(Duration interval) {
        this.flushInterval = interval;
        return this;
    }

    /** The bound on one request, connecting included. */
    public InfluxDbSinkBuilder<T> requestTimeout(Duration timeout) {
        this.requestTimeout = timeout;
        return this;
    }

    /**
     * Exponential backoff from {@code initial} doubling to {@code max}, with jitter. {@code max} is
     * a hard bound on every wait between attempts, a server's {@code Retry-After} included.
     */
    public InfluxDbSinkBuilder<T> backoff(Duration initial, Duration max) {
        this.backoff = new Backoff(initial, max);
        return this;
    }

    /**
     * Sets only the maximum backoff (see {@link #backoff}); the initial delay stays as it is, or
     * becomes {@code max} if that is shorter.
     */
    public InfluxDbSinkBuilder<T> maxBackoff(Duration max) {
        Duration initial = backoff.initial().compareTo(max) > 0 ? max : backoff.initial();
        this.backoff = new Backoff(initial, max);
        return this;
    }

    public InfluxDbSinkBuilder<T> maxRetryDuration(Duration duration) {
        this.maxRetryDuration = duration;
        return this;
    }

    public InfluxDbSinkBuilder<T> gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /**
     * Trusts the certificate authorities in this PEM file (and only them) for an https:// url: for
     * an InfluxDB whose certificate a private CA signed. The file must exist where the writers run.
     */
    public InfluxDbSinkBuilder<T> caFile(String pemFile) {
        this.caFile = pemFile;
        return this;
    }

    public <R> InfluxDbSinkBuilder<R> converter(PointConverter<R> converter) {
        @SuppressWarnings("unchecked")
        InfluxDbSinkBuilder<R> self = (InfluxDbSinkBuilder<R>) this;
        self.converter = converter;
        return self;
    }

    /**
     * Validates the settings and logs the resolved configuration (secrets masked).
     *
     * @throws IllegalArgumentException naming the first bad setting
     */
    public InfluxDbSink<T> build() {
        Objects.requireNonNull(converter, "converter must be set");
        if (url == null) {
            throw new IllegalArgumentException("url must be set");
        }
        URI uri;
        try {
            uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("url is not a valid URI: " + url, e);
        }
        InfluxDbSinkConfig config =
                new InfluxDbSinkConfig(
                        uri,
                        api,
                        database,
                        retentionPolicy,
                        username,
                        password,
                        org,
                        token,
                        batchSize,
                        maxBufferedPoints != null
                                ? maxBufferedPoints
                                : (int)
                                        Math.min(
                                                Integer.MAX_VALUE,
                                                (long) batchSize * BUFFERED_BATCHES),
                        flushInterval,
                        requestTimeout,
                        backoff,
                        maxRetryDuration,
                        gzip,
                        caFile);
        LOG.info("InfluxDB sink configured: {}", config);
        return new InfluxDbSink<>(config, converter);
    }
}
