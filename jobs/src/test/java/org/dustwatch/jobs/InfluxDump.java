package org.dustwatch.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.jobs.testing.InfluxAnswers;
import org.dustwatch.stack.InfluxServer;

/** Every point of a database, for comparing a run after a failure with a clean run. */
final class InfluxDump {
    private InfluxDump() {}

    /**
     * Measurement, tags and time of every point, mapped to its field values ({@link
     * InfluxAnswers#dump}; the fast tier's {@code InfluxModel.all()} has the same shape). The
     * {@code pipeline} measurement is left out (see {@link InfluxAnswers#DUMPED}).
     */
    static Map<String, String> all(InfluxServer.Client client, String db) throws IOException {
        return InfluxAnswers.dump(
                client.query(
                        db,
                        "SELECT * FROM "
                                + InfluxAnswers.from(InfluxAnswers.DUMPED)
                                + " GROUP BY *"));
    }

    /** As {@link #all}, with each point's fields by name (values as InfluxDB renders them). */
    static Map<String, Map<String, String>> byField(InfluxServer.Client client, String db)
            throws IOException {
        JsonNode series =
                new ObjectMapper()
                        .readTree(
                                client.query(
                                        db,
                                        "SELECT * FROM "
                                                + InfluxAnswers.from(InfluxAnswers.DUMPED)
                                                + " GROUP BY *"))
                        .path("results")
                        .path(0)
                        .path("series");
        Map<String, Map<String, String>> out = new TreeMap<>();
        for (JsonNode s : series) {
            String prefix = s.path("name").asText() + s.path("tags").toString();
            List<String> columns = new ArrayList<>();
            s.path("columns").forEach(c -> columns.add(c.asText()));
            for (JsonNode row : s.path("values")) {
                Map<String, String> fields = new TreeMap<>();
                for (int i = 1; i < columns.size(); i++) {
                    if (!row.get(i).isNull()) {
                        fields.put(columns.get(i), row.get(i).asText());
                    }
                }
                out.put(prefix + "@" + row.get(0).asLong(), fields);
            }
        }
        return out;
    }

    /** Every series of every measurement of a database, as InfluxDB's JSON answer. */
    static String raw(InfluxServer.Client client, String db) throws IOException {
        return client.query(db, "SELECT * FROM /.*/ GROUP BY *");
    }

    /** The first row of the first series of an InfluxQL answer (a missing node if none). */
    static JsonNode firstRow(InfluxServer.Client client, String db, String q) throws IOException {
        return new ObjectMapper()
                .readTree(client.query(db, q))
                .path("results")
                .path(0)
                .path("series")
                .path(0)
                .path("values")
                .path(0);
    }

    /**
     * The points that differ, each with its tags (empty ones left out) and both values: at most 20
     * of them, and how many in all. A failed comparison of two dumps of thousands of points then
     * names the few that differ, which AssertJ's message of both whole maps cuts off.
     */
    static List<String> differences(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        java.util.TreeSet<String> keys = new java.util.TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        int n = 0;
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (!java.util.Objects.equals(e, a)) {
                if (++n <= 20) {
                    out.add(
                            k.replaceAll("\"[a-z_]+\":\"\",?", "")
                                    + "\n  expected "
                                    + e
                                    + "\n  actual   "
                                    + a);
                }
            }
        }
        if (n > 20) {
            out.add((n - 20) + " more");
        }
        return out;
    }
}
