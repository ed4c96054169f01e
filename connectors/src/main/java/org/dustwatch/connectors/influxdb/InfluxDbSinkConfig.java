package org.dustwatch.connectors.influxdb;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The resolved, validated configuration of an {@link InfluxDbSink}. Build it with {@link
 * InfluxDbSink#builder()}; every default is documented there and in the connector README.
 *
 * @param database the v1 database, or the v2 bucket
 * @param retentionPolicy v1 only; null for the database's default
 * @param username v1 Basic auth user, or null
 * @param password v1 Basic auth password (the token on 2.x/3.x v1-compat), or null
 * @param org v2 only: the organisation
 * @param token v2 only: the API token
 * @param maxBufferedPoints lines a writer holds before {@code write} waits (back-pressure): the
 *     points an outage can absorb per subtask while checkpoints still complete
 */
public record InfluxDbSinkConfig(
        URI url,
        InfluxApi api,
        String database,
        String retentionPolicy,
        String username,
        Secret password,
        String org,
        Secret token,
        int batchSize,
        int maxBufferedPoints,
        Duration flushInterval,
        Duration requestTimeout,
        Backoff backoff,
        Duration maxRetryDuration,
        boolean gzip,
        String caFile)
        implements Serializable {

    public InfluxDbSinkConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(api, "api");
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("url must be http:// or https://, was " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException(
                    api == InfluxApi.V1 ? "database must be set" : "bucket must be set");
        }
        if (api == InfluxApi.V1) {
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("set both username and password, or neither");
            }
            if (org != null || token != null) {
                throw new IllegalArgumentException(
                        "org and token belong to the v2 API; with v1 use username and password"
                                + " (the token as password on InfluxDB 2.x/3.x)");
            }
        } else {
            if (org == null || org.isBlank()) {
                throw new IllegalArgumentException("the v2 API needs an org");
            }
            if (token == null) {
                throw new IllegalArgumentException("the v2 API needs a token");
            }
            if (username != null || retentionPolicy != null) {
                throw new IllegalArgumentException(
                        "username, password and retention policy belong to the v1 API");
            }
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException(
                    "batchSize must be in [1, 100000], was " + batchSize);
        }
        if (maxBufferedPoints < batchSize) {
            throw new IllegalArgumentException(
                    "maxBufferedPoints must be at least batchSize ("
                            + batchSize
                            + "), was "
                            + maxBufferedPoints);
        }
        requirePositive(flushInterval, "flushInterval");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoff, "backoff");
        requirePositive(maxRetryDuration, "maxRetryDuration");
        if (caFile != null && !"https".equals(scheme)) {
            throw new IllegalArgumentException("a CA file needs an https:// url, was " + url);
        }
    }

    /**
     * The longest a checkpoint barrier waits for one writer while InfluxDB fails: the one attempt
     * in flight (at most {@code requestTimeout}) plus at most one backoff delay (at most {@code
     * backoff.max}, {@code Retry-After} included). Keep it below the checkpoint timeout.
     */
    public Duration attemptBound() {
        return requestTimeout.plus(backoff.max());
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** For the log: every setting, with secrets masked. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("InfluxDbSinkConfig{url=").append(url);
        b.append(", api=").append(api);
        if (api == InfluxApi.V1) {
            b.append(", database=").append(database);
            b.append(", retentionPolicy=")
                    .append(retentionPolicy == null ? "(default)" : retentionPolicy);
            b.append(", username=").append(username == null ? "(none)" : username);
            b.append(", password=").append(password == null ? "(none)" : password);
        } else {
            b.append(", org=").append(org).append(", bucket=").append(database);
            b.append(", token=").append(token);
        }
        if (caFile != null) {
            b.append(", caFile=").append(caFile);
        }
        return b.append(", batchSize=")
                .append(batchSize)
                .append(", maxBufferedPoints=")
                .append(maxBufferedPoints)
                .append(", flushInterval=")
                .append(flushInterval)
                .append(", requestTimeout=")
                .append(requestTimeout)
                .append(", backoff=")
                .append(backoff.initial())
                .append("..")
                .append(backoff.max())
                .append(", maxRetryDuration=")
                .append(maxRetryDuration)
                .append(", gzip=")
                .append(gzip)
                .append('}')
                .toString();
    }
}
