package org.dustwatch.connectors.influxdb;

import java.io.IOException;

/** Sends one batch of line protocol; one implementation per InfluxDB API. */
interface InfluxTransport extends AutoCloseable {

    /**
     * The server's answer; status {@link ResponseClassifier#NO_RESPONSE} when there was none.
     *
     * @param retryAfter the {@code Retry-After} header, or null
     */
    record Response(int status, String body, String retryAfter) {}

    /** Sends the batch; never throws for HTTP errors, only returns them. */
    Response send(byte[] lineProtocolUtf8) throws InterruptedException;

    /** A description of the endpoint, for messages (no secrets). */
    String endpoint();

    @Override
    void close() throws IOException;
}
