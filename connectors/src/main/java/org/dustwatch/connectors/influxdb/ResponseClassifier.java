package org.dustwatch.connectors.influxdb;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Maps the answer of the write APIs (v1 {@code /write}, v2 {@code /api/v2/write}) to an outcome: an
 * HTTP status, or the exception a transport met instead of an answer. Pure; tested for every status
 * class and every exception type the transports produce ({@code ResponseClassifierTest}).
 */
public final class ResponseClassifier {
    private ResponseClassifier() {}

    /** Status -1 stands for "no response": the transport met an exception instead. */
    public static final int NO_RESPONSE = -1;

    /** The JDK's message when the peer closes the connection during the handshake. */
    private static final String TERMINATED_HANDSHAKE = "Remote host terminated the handshake";

    /** The outcome of a transport's answer: its exception if it has one, else its status. */
    static WriteOutcome classify(InfluxTransport.Response r) {
        return r.error() != null ? classify(r.error()) : classify(r.status());
    }

    public static WriteOutcome classify(int status) {
        if (status == NO_RESPONSE) {
            return WriteOutcome.RETRYABLE;
        }
        if (status >= 200 && status < 300) {
            return WriteOutcome.SUCCESS;
        }
        if (status == 400 || status == 422) {
            return WriteOutcome.NON_RETRYABLE;
        }
        if (status == 408 || status == 429) {
            return WriteOutcome.RETRYABLE;
        }
        if (status >= 500 && status < 600) {
            return WriteOutcome.RETRYABLE;
        }
        return WriteOutcome.FATAL;
    }

    /**
     * The outcome of an exception met instead of an answer.
     *
     * <ul>
     *   <li>FATAL: anything caused by a certificate ({@link CertificateException}, a failed
     *       certificate path, {@link SSLPeerUnverifiedException}); an {@link SSLHandshakeException}
     *       that is not a closed connection (a protocol or cipher mismatch, a fatal alert); any
     *       other {@link SSLException} that is not a broken connection (TLS spoken to a plain HTTP
     *       port, say); {@link ProtocolException} (a server that answers garbage); and any
     *       exception that is not an {@link java.io.IOException} (a bug, not the network).
     *   <li>RETRYABLE: timeouts ({@link InterruptedIOException}, which covers {@code
     *       HttpTimeoutException} and {@code SocketTimeoutException}), refused, reset or closed
     *       connections ({@link ConnectException}, {@link SocketException}, {@link EOFException}),
     *       a handshake that failed because the connection closed (an {@link SSLHandshakeException}
     *       caused by an {@link EOFException} or a {@link SocketException}, or "Remote host
     *       terminated the handshake": a TLS endpoint restarting), {@link NoRouteToHostException},
     *       {@link UnknownHostException} (DNS can come back), and any other {@link
     *       java.io.IOException}, also when wrapped (an {@code UncheckedIOException}).
     * </ul>
     *
     * Walks the cause chain: a certificate failure wrapped in an {@code SSLException} or an {@code
     * IOException} is still fatal.
     */
    public static WriteOutcome classify(Throwable error) {
        if (causedByCertificate(error)) {
            return WriteOutcome.FATAL;
        }
        SSLHandshakeException handshake = find(error, SSLHandshakeException.class);
        if (handshake != null) {
            return connectionClosed(handshake) ? WriteOutcome.RETRYABLE : WriteOutcome.FATAL;
        }
        if (has(error, ProtocolException.class)) {
            return WriteOutcome.FATAL;
        }
        SSLException ssl = find(error, SSLException.class);
        if (ssl != null) {
            // TLS over a connection that broke (reset, closed) is the network, not TLS.
            return connectionLevel(ssl.getCause()) ? WriteOutcome.RETRYABLE : WriteOutcome.FATAL;
        }
        if (connectionLevel(error)) {
            return WriteOutcome.RETRYABLE;
        }
        if (has(error, java.io.IOException.class) || has(error, InterruptedException.class)) {
            return WriteOutcome.RETRYABLE;
        }
        return WriteOutcome.FATAL;
    }

    private static boolean connectionLevel(Throwable t) {
        return has(t, InterruptedIOException.class)
                || has(t, SocketException.class)
                || has(t, EOFException.class)
                || has(t, UnknownHostException.class);
    }

    /** A handshake that failed because the connection closed under it, not because of TLS. */
    private static boolean connectionClosed(SSLHandshakeException handshake) {
        String message = handshake.getMessage();
        return has(handshake, EOFException.class)
                || has(handshake, SocketException.class)
                || (message != null && message.contains(TERMINATED_HANDSHAKE));
    }

    private static boolean causedByCertificate(Throwable t) {
        return has(t, CertificateException.class)
                || has(t, CertPathValidatorException.class)
                || has(t, CertPathBuilderException.class)
                || has(t, SSLPeerUnverifiedException.class)
                || (find(t, GeneralSecurityException.class) != null
                        && find(t, SSLException.class) != null);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static <E extends Throwable> E find(Throwable t, Class<E> type) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The operator-facing explanation of a {@link WriteOutcome#FATAL} status. */
    public static String explain(int status) {
        return switch (status) {
            case 401 -> "401 Unauthorized: check the InfluxDB user/password or token";
            case 403 -> "403 Forbidden: the credentials may not write to this database/bucket";
            case 404 ->
                    "404 Not Found: the database/bucket (or org) does not exist, or the URL or API"
                            + " version is wrong";
            case 413 -> "413 Request Entity Too Large: lower the sink's batch size";
            default -> "HTTP " + status + " is not retryable";
        };
    }

    /** The operator-facing explanation of a {@link WriteOutcome#FATAL} exception. */
    public static String explain(Throwable error) {
        if (causedByCertificate(error)) {
            return "the TLS certificate of InfluxDB is not trusted (check influx.ca-file, or the"
                    + " JVM's trust store, and that the certificate names the host of the url): "
                    + error;
        }
        if (has(error, SSLException.class)) {
            return "the TLS handshake failed (is the url https:// for a server that speaks plain"
                    + " HTTP, or the reverse?): "
                    + error;
        }
        if (has(error, ProtocolException.class)) {
            return "the server did not answer in HTTP (is the url the InfluxDB HTTP port?): "
                    + error;
        }
        return "unexpected error, not retried: " + error;
    }
}
