package org.dustwatch.connectors.influxdb;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.InfluxDBClientOptions;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The v2 {@code /api/v2/write} API through influxdb-client-java's <em>blocking</em> write API. (Its
 * asynchronous {@code WriteApi} buffers on its own and drops the oldest points when full, so it has
 * no place inside a SinkWriter.) Retries stay with the writer: OkHttp's silent connection retry is
 * off.
 */
final class V2ClientTransport implements InfluxTransport {

    private final InfluxDbSinkConfig config;
    private final InfluxDBClient client;
    private final WriteApiBlocking writes;

    V2ClientTransport(InfluxDbSinkConfig config) {
        this.config = config;
        OkHttpClient.Builder http =
                new OkHttpClient.Builder()
                        .connectTimeout(config.requestTimeout())
                        .readTimeout(config.requestTimeout())
                        .writeTimeout(config.requestTimeout())
                        // The bound on the whole call, connecting included.
                        .callTimeout(config.requestTimeout())
                        .retryOnConnectionFailure(false);
        if (config.caFile() != null) {
            Tls tls = Tls.trusting(config.caFile());
            http.sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager());
        }
        InfluxDBClientOptions options =
                InfluxDBClientOptions.builder()
                        .url(config.url().toString())
                        .okHttpClient(http)
                        .authenticateToken(config.token().reveal().toCharArray())
                        .org(config.org())
                        .bucket(config.database())
                        .precision(WritePrecision.MS)
                        .build();
        this.client = InfluxDBClientFactory.create(options);
        if (config.gzip()) {
            client.enableGzip();
        }
        this.writes = client.getWriteApiBlocking();
    }

    @Override
    public Response send(byte[] lines) {
        try {
            writes.writeRecord(
                    config.database(),
                    config.org(),
                    WritePrecision.MS,
                    new String(lines, StandardCharsets.UTF_8));
            return Response.answered(204, "", null);
        } catch (InfluxException e) {
            if (e.status() == 0) {
                // No answer: the client wraps the network's exception, which says why.
                return Response.failed(e.getCause() == null ? e : e.getCause());
            }
            return Response.answered(
                    e.status(), String.valueOf(e.getMessage()), retryAfter(e.headers()));
        } catch (RuntimeException e) {
            return Response.failed(e.getCause() == null ? e : e.getCause());
        }
    }

    @Override
    public Duration timeout() {
        return config.requestTimeout();
    }

    private static String retryAfter(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("retry-after".equalsIgnoreCase(h.getKey())) {
                return h.getValue();
            }
        }
        return null;
    }

    @Override
    public String endpoint() {
        return config.url()
                + "/api/v2/write (org="
                + config.org()
                + ", bucket="
                + config.database()
                + ")";
    }

    @Override
    public void close() {
        client.close();
    }
}
