package org.dustwatch.connectors.influxdb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;

/**
 * The v1 {@code /write} API over {@link HttpClient}, with optional gzip and Basic auth. One send
 * takes at most the request timeout, connecting included: the client's own timeouts bound the
 * connection and the wait for the headers separately, so the whole exchange is bounded here too.
 */
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
        CompletableFuture<HttpResponse<String>> call =
                http.sendAsync(
                        rb.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> r =
                    call.get(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return Response.answered(
                    r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        } catch (ExecutionException e) {
            return Response.failed(e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            call.cancel(true);
            return Response.failed(
                    new HttpTimeoutException(
                            "no answer within " + config.requestTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    @Override
    public Duration timeout() {
        return config.requestTimeout();
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
