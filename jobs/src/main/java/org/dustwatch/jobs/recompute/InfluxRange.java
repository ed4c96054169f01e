package org.dustwatch.jobs.recompute;

import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_API;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_CA_FILE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_DATABASE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_PASSWORD_ENV;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_PASSWORD_FILE;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_RETENTION_POLICY;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_URL;
import static org.dustwatch.jobs.config.InfluxOptions.INFLUX_USERNAME;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.ProductionSinks;

/**
 * What a recompute asks InfluxDB 1.x in InfluxQL: how far the running job has got (its newest
 * {@code pipeline} minute), and to delete the range's points of the result measurements.
 */
public final class InfluxRange {

    /**
     * The measurements a recompute deletes and writes again: every result of the job. Not {@code
     * pipeline} and {@code refusals} (what the live job read and refused, minute by minute, in its
     * watermark's time) nor {@code sink} (the sinks' batches, in wall-clock time): those record
     * what happened live.
     */
    public static final List<String> MEASUREMENTS =
            List.of(
                    "checkpoint_inspections",
                    "road_inspections",
                    "township_inspections",
                    "air_quality",
                    "township_air_quality",
                    "aqi",
                    "alerts");

    private final String url;
    private final String database;
    private final String retentionPolicy;
    private final String authorization;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @throws IllegalArgumentException for settings it cannot work with (InfluxDB 2.x's API, a
     *     private CA file)
     */
    public InfluxRange(DustwatchConfig c) {
        if (c.get(INFLUX_API) != InfluxApi.V1) {
            throw new IllegalArgumentException(
                    "recompute deletes points with InfluxQL, which needs influx.api V1 (InfluxDB"
                            + " 1.x); InfluxDB 2.x's delete API is not supported yet");
        }
        if (c.get(INFLUX_CA_FILE) != null) {
            throw new IllegalArgumentException(
                    "recompute does not support influx.ca-file yet; use the JVM's trust store");
        }
        this.url = c.get(INFLUX_URL).replaceAll("/+$", "");
        this.database = c.get(INFLUX_DATABASE);
        this.retentionPolicy = c.get(INFLUX_RETENTION_POLICY);
        String user = c.get(INFLUX_USERNAME);
        this.authorization =
                user == null
                        ? null
                        : "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (user
                                                                + ":"
                                                                + ProductionSinks.secret(
                                                                                c.get(
                                                                                        INFLUX_PASSWORD_FILE),
                                                                                c.get(
                                                                                        INFLUX_PASSWORD_ENV))
                                                                        .reveal())
                                                        .getBytes(StandardCharsets.UTF_8));
    }

    /** The time of the newest {@code pipeline} point, epoch ms; empty when there is none. */
    public OptionalLong newestPipelineMinute() throws IOException {
        JsonNode row =
                query("SELECT * FROM \"pipeline\" ORDER BY time DESC LIMIT 1", false)
                        .path("results")
                        .path(0)
                        .path("series")
                        .path(0)
                        .path("values")
                        .path(0);
        return row.isMissingNode() ? OptionalLong.empty() : OptionalLong.of(row.get(0).asLong());
    }

    /** Deletes every point of {@link #MEASUREMENTS} stamped in the range. */
    public void delete(RecomputeRange r) throws IOException {
        String during =
                "time >= '"
                        + Instant.ofEpochMilli(r.start())
                        + "' AND time < '"
                        + Instant.ofEpochMilli(r.end())
                        + "'";
        for (String m : MEASUREMENTS) {
            if (!m.equals("alerts")) {
                query("DELETE FROM \"" + m + "\" WHERE " + during, true);
            }
        }
        for (String kind : RECOMPUTED_ALERTS) {
            query("DELETE FROM \"alerts\" WHERE kind = '" + kind + "' AND " + during, true);
        }
    }

    /**
     * The alert kinds a recompute raises again. Not {@code clock_skew}: the recompute's input is
     * sorted by event time, so it can see no clock disagree; those alerts record what happened
     * live.
     */
    static final List<String> RECOMPUTED_ALERTS =
            List.of("violation_spike", "pollution_episode", "station_silent", "repeat_offender");

    private JsonNode query(String q, boolean write) throws IOException {
        String form =
                "db="
                        + enc(database)
                        + (retentionPolicy == null ? "" : "&rp=" + enc(retentionPolicy))
                        + "&epoch=ms&q="
                        + enc(q);
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create(url + "/query"))
                        .timeout(Duration.ofMinutes(write ? 10 : 1))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> a;
        try {
            a = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode answer = a.statusCode() == 200 ? new ObjectMapper().readTree(a.body()) : null;
        String error =
                answer == null
                        ? "HTTP " + a.statusCode() + ": " + a.body().strip()
                        : answer.path("results").path(0).path("error").asText(null);
        if (error != null) {
            throw new IOException("InfluxDB at " + url + " refused " + q + ": " + error);
        }
        return answer;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
