package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResponseClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "-1, RETRYABLE",
        "100, FATAL",
        "101, FATAL",
        "200, SUCCESS",
        "204, SUCCESS",
        "299, SUCCESS",
        "301, FATAL",
        "302, FATAL",
        "307, FATAL",
        "400, NON_RETRYABLE",
        "401, FATAL",
        "403, FATAL",
        "404, FATAL",
        "405, FATAL",
        "408, RETRYABLE",
        "409, FATAL",
        "411, FATAL",
        "413, FATAL",
        "415, FATAL",
        "422, NON_RETRYABLE",
        "429, RETRYABLE",
        "451, FATAL",
        "499, FATAL",
        "500, RETRYABLE",
        "502, RETRYABLE",
        "503, RETRYABLE",
        "504, RETRYABLE",
        "507, RETRYABLE",
        "599, RETRYABLE",
        "600, FATAL"
    })
    void classifiesEveryStatusClass(int status, WriteOutcome expected) {
        assertThat(ResponseClassifier.classify(status)).isEqualTo(expected);
    }

    /** Every exception type the transports produce instead of an answer, bare and wrapped. */
    static Stream<Arguments> exceptions() {
        CertificateException pkix =
                new CertificateException(
                        "PKIX path building failed",
                        new CertPathValidatorException("unable to find valid certification path"));
        return Stream.of(
                // The network: retry.
                Arguments.of(new ConnectException("Connection refused"), WriteOutcome.RETRYABLE),
                Arguments.of(new HttpConnectTimeoutException("connect"), WriteOutcome.RETRYABLE),
                Arguments.of(new HttpTimeoutException("request timed out"), WriteOutcome.RETRYABLE),
                Arguments.of(new SocketTimeoutException("timeout"), WriteOutcome.RETRYABLE),
                Arguments.of(new InterruptedIOException("timeout"), WriteOutcome.RETRYABLE),
                Arguments.of(new SocketException("Connection reset"), WriteOutcome.RETRYABLE),
                Arguments.of(new SocketException("Broken pipe"), WriteOutcome.RETRYABLE),
                Arguments.of(new EOFException("EOF reached"), WriteOutcome.RETRYABLE),
                Arguments.of(
                        new IOException("HTTP/1.1 header parser received no bytes"),
                        WriteOutcome.RETRYABLE),
                Arguments.of(
                        new IOException("connection closed", new EOFException()),
                        WriteOutcome.RETRYABLE),
                Arguments.of(new NoRouteToHostException("no route"), WriteOutcome.RETRYABLE),
                Arguments.of(new UnknownHostException("influxdb"), WriteOutcome.RETRYABLE),
                Arguments.of(
                        new SSLException("Connection reset", new SocketException("reset")),
                        WriteOutcome.RETRYABLE),
                Arguments.of(new InterruptedException(), WriteOutcome.RETRYABLE),
                // A handshake cut short by the connection closing (a TLS endpoint restarting).
                Arguments.of(
                        new SSLHandshakeException("Remote host terminated the handshake"),
                        WriteOutcome.RETRYABLE),
                Arguments.of(
                        handshake(
                                "Remote host terminated the handshake",
                                new EOFException("SSL peer shut down incorrectly")),
                        WriteOutcome.RETRYABLE),
                Arguments.of(
                        handshake("handshake failed", new SocketException("Connection reset")),
                        WriteOutcome.RETRYABLE),
                Arguments.of(
                        new IOException(
                                handshake(
                                        "Remote host terminated the handshake",
                                        new EOFException("SSL peer shut down incorrectly"))),
                        WriteOutcome.RETRYABLE),
                // Certificates and TLS: fatal at once.
                Arguments.of(
                        new SSLHandshakeException("PKIX path building failed"), WriteOutcome.FATAL),
                Arguments.of(handshake("PKIX path building failed", pkix), WriteOutcome.FATAL),
                Arguments.of(
                        handshake("Remote host terminated the handshake", pkix),
                        WriteOutcome.FATAL),
                Arguments.of(
                        new SSLHandshakeException("Received fatal alert: handshake_failure"),
                        WriteOutcome.FATAL),
                Arguments.of(
                        new SSLHandshakeException(
                                "No appropriate protocol (protocol is disabled or cipher suites"
                                        + " are inappropriate)"),
                        WriteOutcome.FATAL),
                Arguments.of(
                        new SSLPeerUnverifiedException("peer not authenticated"),
                        WriteOutcome.FATAL),
                Arguments.of(pkix, WriteOutcome.FATAL),
                Arguments.of(new CertificateExpiredException("expired"), WriteOutcome.FATAL),
                Arguments.of(
                        new SSLException("No subject alternative names", pkix), WriteOutcome.FATAL),
                Arguments.of(new IOException("send failed", pkix), WriteOutcome.FATAL),
                Arguments.of(
                        new IOException(new SSLHandshakeException("handshake")),
                        WriteOutcome.FATAL),
                Arguments.of(
                        new SSLException("Unsupported or unrecognized SSL message"),
                        WriteOutcome.FATAL),
                Arguments.of(new SSLProtocolException("bad record"), WriteOutcome.FATAL),
                // HTTP protocol errors: fatal at once.
                Arguments.of(
                        new ProtocolException("Invalid status line: \"garbage\""),
                        WriteOutcome.FATAL),
                Arguments.of(
                        new IOException(new ProtocolException("Unexpected status line: garbage")),
                        WriteOutcome.FATAL),
                // Not the network at all: a bug; fatal, with the exception in the message.
                Arguments.of(new IllegalStateException("bug"), WriteOutcome.FATAL),
                Arguments.of(
                        new UncheckedIOException(new IOException("x")), WriteOutcome.RETRYABLE));
    }

    static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("exceptions")
    void classifiesEveryExceptionTheTransportsProduce(Throwable e, WriteOutcome expected) {
        assertThat(ResponseClassifier.classify(e)).isEqualTo(expected);
        // Through a transport's answer, the exception wins over the status it stands for.
        assertThat(ResponseClassifier.classify(InfluxTransport.Response.failed(e)))
                .isEqualTo(expected);
    }

    @Test
    void explainsConfigurationErrorsInOperatorTerms() {
        assertThat(ResponseClassifier.explain(401)).contains("password or token");
        assertThat(ResponseClassifier.explain(404)).contains("does not exist");
        assertThat(ResponseClassifier.explain(413)).contains("batch size");
        assertThat(ResponseClassifier.explain(new SSLHandshakeException("PKIX")))
                .contains("TLS handshake");
        assertThat(
                        ResponseClassifier.explain(
                                new SSLHandshakeException("x")
                                        .initCause(new CertificateException("PKIX"))))
                .contains("certificate", "influx.ca-file");
        assertThat(ResponseClassifier.explain(new ProtocolException("garbage")))
                .contains("did not answer in HTTP");
    }

    @Test
    void countsRejectedPointsFromInfluxDbMessages() {
        assertThat(
                        InfluxDbWriter.rejectedPoints(
                                "{\"error\":\"partial write: field type conflict: input field"
                                        + " \\\"v\\\" on measurement \\\"m\\\" is type integer,"
                                        + " already exists as type float dropped=3\"}",
                                10))
                .isEqualTo(3);
        assertThat(
                        InfluxDbWriter.rejectedPoints(
                                "{\"error\":\"partial write: unable to parse 'a b': bad\\nunable"
                                        + " to parse 'c d': bad\"}",
                                10))
                .isEqualTo(2);
        assertThat(InfluxDbWriter.rejectedPoints("{\"error\":\"something new\"}", 10))
                .isEqualTo(10);
        assertThat(InfluxDbWriter.rejectedPoints(null, 7)).isEqualTo(7);
        assertThat(InfluxDbWriter.rejectedPoints("dropped=50", 7)).isEqualTo(7);
    }
}
