package org.dustwatch.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
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
}
