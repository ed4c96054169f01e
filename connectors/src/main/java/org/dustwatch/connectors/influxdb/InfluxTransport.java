package org.dustwatch.connectors.influxdb;

import java.io.IOException;
import java.time.Duration;

/**
 * Sends one batch of line protocol; one implementation per InfluxDB API. A send blocks the calling
 * thread (the writer's own I/O thread, never the task thread) for at most the configured request
 * timeout.
 */
interface InfluxTransport extends AutoCloseable {

    /**
     * The server's answer, or the exception met instead of one.
     *
     * @param status the HTTP status, or {@link ResponseClassifier#NO_RESPONSE} with {@code error}
     * @param body the answer's body ("" if none), or the exception's description
     * @param retryAfter the {@code Retry-After} header, or null
     * @param error the exception met instead of an answer, or null if the server answered
     */
    record Response(int status, String body, String retryAfter, Throwable error) {
        static Response answered(int status, String body, String retryAfter) {
            return new Response(status, body == null ? "" : body, retryAfter, null);
        }

        static Response failed(Throwable error) {
            return new Response(ResponseClassifier.NO_RESPONSE, String.valueOf(error), null, error);
        }
    }

    /**
     * Sends the batch; never throws for HTTP or network errors, only returns them. Returns within
     * about {@link #timeout()}.
     */
    Response send(byte[] lineProtocolUtf8) throws InterruptedException;

    /** The bound on one {@link #send}. */
    Duration timeout();

    /** A description of the endpoint, for messages (no secrets). */
    String endpoint();

    @Override
    void close() throws IOException;
}
