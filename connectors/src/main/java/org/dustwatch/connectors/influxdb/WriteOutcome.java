package org.dustwatch.connectors.influxdb;

/** What the writer does with a batch after InfluxDB (or the network) answered. */
public enum WriteOutcome {
    /** Every point was stored. */
    SUCCESS,
    /** A transient failure (429, 5xx, timeout, connection refused): back off and send again. */
    RETRY,
    /**
     * InfluxDB refused some or all points as invalid (400). Sending them again cannot help: the
     * refused points are counted and logged with the server's message, and the batch is done.
     */
    REJECTED,
    /** A configuration error (401, 403, 404, 413, other 4xx): fail the job with a clear message. */
    FAIL
}
