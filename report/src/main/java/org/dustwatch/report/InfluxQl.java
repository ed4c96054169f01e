package org.dustwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.dustwatch.stack.InfluxServer;

/**
 * InfluxQL over InfluxDB 1.x's HTTP API ({@code /query}, epoch milliseconds), as {@code
 * bin/dustwatch report} reads it: no client library, so that the queries in docs/report.md are
 * exactly what runs. Every query the report runs goes through {@link #series}, and may be recorded
 * ({@link #onQuery}) for the benchmark and for tests.
 */
public final class InfluxQl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final InfluxServer.Client client;
    private final String database;
    private BiConsumer<String, Duration> onQuery = (q, t) -> {};

    public InfluxQl(String url, String database) {
        this.client = new InfluxServer.Client(url);
        this.database = database;
    }

    /** Calls {@code listener} with each query and the time its answer took. */
    public InfluxQl onQuery(BiConsumer<String, Duration> listener) {
        this.onQuery = listener;
        return this;
    }

    /** One series of an answer: its tags, and its rows by column name. */
    public record Series(Map<String, String> tags, List<Map<String, JsonNode>> rows) {

        /** A tag's value, or {@code ""}. */
        public String tag(String name) {
            return tags.getOrDefault(name, "");
        }
    }

    /** Runs one statement and returns its series (none when nothing matched). */
    public List<Series> series(String influxql) {
        long t0 = System.nanoTime();
        JsonNode answer;
        try {
            answer = JSON.readTree(client.query(database, influxql));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        onQuery.accept(influxql, Duration.ofNanos(System.nanoTime() - t0));
        List<Series> out = new ArrayList<>();
        for (JsonNode result : answer.path("results")) {
            if (result.has("error")) {
                throw new IllegalStateException(
                        "InfluxQL failed: " + influxql + " -> " + result.get("error").asText());
            }
            for (JsonNode s : result.path("series")) {
                Map<String, String> tags = new HashMap<>();
                s.path("tags")
                        .fields()
                        .forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                List<String> columns = new ArrayList<>();
                s.path("columns").forEach(c -> columns.add(c.asText()));
                List<Map<String, JsonNode>> rows = new ArrayList<>();
                for (JsonNode v : s.path("values")) {
                    Map<String, JsonNode> row = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        row.put(columns.get(i), v.path(i));
                    }
                    rows.add(row);
                }
                out.add(new Series(Map.copyOf(tags), rows));
            }
        }
        return out;
    }

    /** A string literal: {@code 'Xihe'}, with quotes and backslashes escaped. */
    public static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code time >= 'FROM' AND time < 'TO'}, RFC 3339 in UTC. */
    public static String between(Instant from, Instant to) {
        return "time >= '" + from + "' AND time < '" + to + "'";
    }

    /** A row's number, or {@code null} when the cell is null or missing. */
    public static Double number(Map<String, JsonNode> row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() || v.isMissingNode() ? null : v.asDouble();
    }

    /** A row's whole number, 0 when the cell is null or missing. */
    public static long count(Map<String, JsonNode> row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() || v.isMissingNode() ? 0 : v.asLong();
    }

    /** A row's text, or {@code ""}. */
    public static String text(Map<String, JsonNode> row, String column) {
        JsonNode v = row.get(column);
        return v == null || v.isNull() || v.isMissingNode() ? "" : v.asText();
    }

    /** A row's timestamp. */
    public static Instant time(Map<String, JsonNode> row) {
        return Instant.ofEpochMilli(row.get("time").asLong());
    }
}
