package org.dustwatch.connectors.influxdb;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The resolved, validated configuration of an {@link InfluxDbSink}. Build it with {@link
 * InfluxDbSink#builder()}; every default is documented there and in the connector README.
 */
public record InfluxDbSinkConfig(
        URI url,
        String database,
        String retentionPolicy,
        String username,
        Secret password,
        int batchSize,
        Duration flushInterval,
        Duration requestTimeout,
        Backoff backoff,
        Duration maxRetryDuration,
        boolean gzip)
        implements Serializable {

    public InfluxDbSinkConfig {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("url must be http:// or https://, was " + url);
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException("url has no host: " + url);
        }
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must be set");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("set both username and password, or neither");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException(
                    "batchSize must be in [1, 100000], was " + batchSize);
        }
        requirePositive(flushInterval, "flushInterval");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(backoff, "backoff");
        requirePositive(maxRetryDuration, "maxRetryDuration");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
    }

    /** For the log: every setting, with the password masked. */
    @Override
    public String toString() {
        return "InfluxDbSinkConfig{url="
                + url
                + ", api=v1, database="
                + database
                + ", retentionPolicy="
                + (retentionPolicy == null ? "(default)" : retentionPolicy)
                + ", username="
                + (username == null ? "(none)" : username)
                + ", password="
                + (password == null ? "(none)" : password)
                + ", batchSize="
                + batchSize
                + ", flushInterval="
                + flushInterval
                + ", requestTimeout="
                + requestTimeout
                + ", backoff="
                + backoff.initial()
                + ".."
                + backoff.max()
                + ", maxRetryDuration="
                + maxRetryDuration
                + ", gzip="
                + gzip
                + "}";
    }
}
