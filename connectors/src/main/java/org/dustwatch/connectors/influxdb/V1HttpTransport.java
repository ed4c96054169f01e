package org.dustwatch.connectors.influxdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/** The v1 {@code /write} API over {@link HttpClient}, with optional gzip and Basic auth. */
final class V1HttpTransport implements InfluxTransport {

    private final InfluxDbSinkConfig config;
    private final URI writeUri;
    private final String authorization;
    private final HttpClient http;

    V1HttpTransport(InfluxDbSinkConfig config) {
        this.config = config;
        StringBuilder q =
                new StringBuilder("/write?precision=ms&db=")
                        .append(URLEncoder.encode(config.database(), StandardCharsets.UTF_8));
        if (config.retentionPolicy() != null) {
            q.append("&rp=")
                    .append(URLEncoder.encode(config.retentionPolicy(), StandardCharsets.UTF_8));
        }
        this.writeUri = URI.create(config.url() + q.toString());
        this.authorization =
                config.username() == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (config.username()
                                                                + ":"
                                                                + config.password().reveal())
                                                        .getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder hb =
                HttpClient.newBuilder()
                        .connectTimeout(config.requestTimeout())
                        .version(HttpClient.Version.HTTP_1_1);
        if (config.caFile() != null) {
            hb.sslContext(Tls.trusting(config.caFile()).context());
        }
        this.http = hb.build();
    }

    @Override
    public Response send(byte[] lines) throws InterruptedException {
        HttpRequest.Builder rb =
                HttpRequest.newBuilder(writeUri)
                        .timeout(config.requestTimeout())
                        .header("Content-Type", "text/plain; charset=utf-8");
        byte[] body = lines;
        if (config.gzip()) {
            body = gzip(lines);
            rb.header("Content-Encoding", "gzip");
        }
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> r =
                    http.send(
                            rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
            return new Response(
                    r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Response(ResponseClassifier.NO_RESPONSE, e.toString(), null);
        }
    }

    @Override
    public String endpoint() {
        return config.url() + "/write (db=" + config.database() + ")";
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 8192)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close(); its selector thread ends once it is unreachable.
    }
}
