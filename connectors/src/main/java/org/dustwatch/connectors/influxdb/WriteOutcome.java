package org.dustwatch.connectors.influxdb;

/** What the writer does with a batch after InfluxDB (or the network) answered. */
public enum WriteOutcome {
    /** Every point was stored. */
    SUCCESS,
    /**
     * A transient failure (408, 429, 5xx; a timeout, a refused or reset connection): back off and
     * send the same lines again, ahead of every newer line.
     */
    RETRYABLE,
    /**
     * InfluxDB refused some or all points as invalid (400, 422). Sending them again cannot help:
     * the refused points are counted and logged with the server's message, and the batch is done.
     */
    NON_RETRYABLE,
    /**
     * Retrying cannot help and the points are not at fault (401, 403, 404, 413, other 4xx; a
     * certificate that is not trusted, a TLS or HTTP protocol error): fail the job at once, with a
     * message that says what to check.
     */
    FATAL
}
