package org.dustwatch.jobs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads influxd's JSON answers to {@code SELECT * FROM ... GROUP BY *}, whether a real influxd sent
 * them or {@link InfluxModel} wrote them: the tests compare what the job wrote through these, the
 * same code for both tiers.
 */
public final class InfluxAnswers {
    private InfluxAnswers() {}

    /**
     * The measurements of a dump ({@link #dump}): every one but {@code pipeline} and {@code
     * refusals}, operational telemetry whose refused-record counts are placed by the watermark at
     * the moment of refusal, which a recovery can shift (docs/alerts.md).
     */
    public static final List<String> DUMPED =
            List.of(
                    "checkpoint_inspections",
                    "road_inspections",
                    "township_inspections",
                    "air_quality",
                    "township_air_quality",
                    "aqi",
                    "alerts");

    /** The {@code FROM} clause for these measurements: the name, or a regex of the names. */
    public static String from(List<String> measurements) {
        return measurements.size() == 1
                ? measurements.get(0)
                : "/^(" + String.join("|", measurements) + ")$/";
    }

    /** The {@code series} of an answer's first result (a missing node when there is none). */
    public static JsonNode series(String answer) {
        try {
            return new ObjectMapper().readTree(answer).path("results").path(0).path("series");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Measurement, tags and time of every point, mapped to its field values: {@code
     * name{"tag":"value",...}@time} → {@code "field=value field=value "}, tags as influxd lists
     * them (every tag key of the queried measurements, {@code ""} where a series has none).
     */
    public static Map<String, String> dump(String answer) {
        Map<String, String> out = new TreeMap<>();
        for (JsonNode s : series(answer)) {
            String prefix = s.path("name").asText() + s.path("tags").toString();
            List<String> columns = columns(s);
            for (JsonNode row : s.path("values")) {
                StringBuilder fields = new StringBuilder();
                for (int i = 1; i < columns.size(); i++) {
                    if (!row.get(i).isNull()) {
                        fields.append(columns.get(i))
                                .append('=')
                                .append(row.get(i).asText())
                                .append(' ');
                    }
                }
                out.put(prefix + "@" + row.get(0).asLong(), fields.toString());
            }
        }
        return out;
    }

    /**
     * Every point of an answer about one measurement: its sorted non-empty tags ({@code k=v,k=v}),
     * {@code @} and its epoch ms → field → value as influxd's JSON has it (fields a row lacks are
     * left out).
     */
    public static Map<String, Map<String, JsonNode>> points(String answer) {
        Map<String, Map<String, JsonNode>> out = new TreeMap<>();
        for (JsonNode s : series(answer)) {
            TreeSet<String> tags = new TreeSet<>();
            s.path("tags")
                    .fields()
                    .forEachRemaining(
                            t -> {
                                if (!t.getValue().asText().isEmpty()) {
                                    tags.add(t.getKey() + "=" + t.getValue().asText());
                                }
                            });
            List<String> columns = columns(s);
            for (JsonNode row : s.path("values")) {
                Map<String, JsonNode> f = new TreeMap<>();
                for (int c = 1; c < columns.size(); c++) {
                    if (!row.get(c).isNull()) {
                        f.put(columns.get(c), row.get(c));
                    }
                }
                out.put(String.join(",", tags) + "@" + row.get(0).asLong(), f);
            }
        }
        return out;
    }

    private static List<String> columns(JsonNode series) {
        List<String> columns = new ArrayList<>();
        series.path("columns").forEach(c -> columns.add(c.asText()));
        return columns;
    }
}
