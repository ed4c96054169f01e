package org.dustwatch.jobs.grafana;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The files under grafana/provisioning, read as Grafana reads them. */
final class Provisioning {
    static final Path ROOT = Path.of("..", "grafana", "provisioning");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /**
     * One InfluxQL query of a panel, a variable, an annotation or an alert rule; {@code panel} is
     * the panel it belongs to, null for annotations and rules.
     */
    record Query(String where, String text, String timeFrom, String interval, JsonNode panel) {}

    /** A function of a field in a query, and the column it makes: {@code last("aqi") AS "AQI"}. */
    record Call(String function, String field, String column) {}

    private static final Pattern CALL =
            Pattern.compile("(\\w+)\\(\"(\\w+)\"\\)(?:\\s+AS\\s+\"([^\"]+)\")?");

    /**
     * The fields of {@code aqi} whose value depends on whether the AQI is published: -1, {@code NA}
     * or empty when {@code status} is {@code NA} (docs/schema.md, "AQI").
     */
    static final Set<String> STATUS_FIELDS =
            Set.of(
                    "aqi",
                    "level",
                    "category",
                    "category_en",
                    "primary_pollutant",
                    "advice",
                    "advice_en");

    /** The string fields of {@code aqi}; every other field is a number, -1 where absent. */
    static final Set<String> STRING_FIELDS =
            Set.of(
                    "status",
                    "category",
                    "category_en",
                    "primary_pollutant",
                    "exceeding",
                    "missing",
                    "advice",
                    "advice_en",
                    "sensitive_groups",
                    "sensitive_groups_en");

    private Provisioning() {}

    static JsonNode yaml(String relative) {
        try {
            return YAML.readTree(ROOT.resolve(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> s = Files.list(ROOT.resolve("dashboards/json"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode dashboard(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Panels, including those nested in rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /** Every query of every dashboard: panel targets, annotations and template variables. */
    static List<Query> dashboardQueries() {
        List<Query> out = new ArrayList<>();
        for (Path f : dashboardFiles()) {
            JsonNode d = dashboard(f);
            String uid = d.path("uid").asText();
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    out.add(
                            new Query(
                                    uid
                                            + " / "
                                            + p.path("title").asText()
                                            + " / "
                                            + t.path("refId").asText(),
                                    t.path("query").asText(),
                                    p.path("timeFrom").asText(null),
                                    p.path("interval").asText(null),
                                    p));
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                out.add(
                        new Query(
                                uid + " / annotation " + a.path("name").asText(),
                                a.path("query").asText(),
                                null,
                                null,
                                null));
            }
        }
        return out;
    }

    /** Every InfluxQL query of the alert rules, with Grafana's {@code $$} escape undone. */
    static List<Query> ruleQueries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode g : yaml("alerting/rules.yaml").path("groups")) {
            for (JsonNode r : g.path("rules")) {
                for (JsonNode d : r.path("data")) {
                    if (d.path("datasourceUid").asText().equals("__expr__")) {
                        continue;
                    }
                    long from = d.path("relativeTimeRange").path("from").asLong();
                    out.add(
                            new Query(
                                    "rule "
                                            + r.path("uid").asText()
                                            + " / "
                                            + d.path("refId").asText(),
                                    d.path("model").path("query").asText().replace("$$", "$"),
                                    from + "s",
                                    null,
                                    null));
                }
            }
        }
        return out;
    }

    // ---- the NA rule (docs/schema.md, "AQI") ----------------------------------------------------

    /** Whether a query reads the {@code aqi} measurement. */
    static boolean readsAqi(String query) {
        return query.contains("FROM \"aqi\"");
    }

    /** The function calls of a query, in order. */
    static List<Call> calls(String query) {
        List<Call> out = new ArrayList<>();
        Matcher m = CALL.matcher(query);
        while (m.find()) {
            // InfluxDB names an unaliased column after its function
            out.add(new Call(m.group(1), m.group(2), m.group(3) != null ? m.group(3) : m.group(1)));
        }
        return out;
    }

    /**
     * Whether a query leaves out the points where {@code field} has no value: {@code "status" =
     * 'ok'} for the fields an NA report encodes, {@code "<field>" >= 0} for a sub-index or an
     * average.
     */
    static boolean filtered(String query, String field) {
        return STATUS_FIELDS.contains(field)
                ? query.contains("\"status\" = 'ok'")
                : query.contains("\"" + field + "\" >= 0");
    }

    /**
     * Whether a query shows the current state: it only takes {@code last()} of fields, and keeps
     * the points where they have no value, so that an NA report shows as NA.
     */
    static boolean currentState(String query) {
        List<Call> calls = calls(query);
        return !calls.isEmpty()
                && calls.stream()
                        .allMatch(c -> c.function().equals("last") && !filtered(query, c.field()));
    }

    /**
     * The value mapping result Grafana applies to {@code value} in a panel's {@code column}: the
     * column's override of {@code mappings} if it has one, else the panel's default mappings.
     * Handles the mapping types the dashboards use: {@code value} (the value's text, as {@code
     * String(value)} gives it), {@code range} and {@code special} ({@code empty}, {@code null}).
     */
    static Optional<JsonNode> mapping(JsonNode panel, String column, String value) {
        JsonNode mappings = panel.path("fieldConfig").path("defaults").path("mappings");
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            if (o.path("matcher").path("id").asText().equals("byName")
                    && o.path("matcher").path("options").asText().equals(column)) {
                for (JsonNode prop : o.path("properties")) {
                    if (prop.path("id").asText().equals("mappings")) {
                        mappings = prop.path("value");
                    }
                }
            }
        }
        for (JsonNode m : mappings) {
            JsonNode options = m.path("options");
            switch (m.path("type").asText()) {
                case "value" -> {
                    if (value != null && options.has(value)) {
                        return Optional.of(options.get(value));
                    }
                }
                case "range" -> {
                    Double v = number(value);
                    if (v != null
                            && (!options.hasNonNull("from") || v >= options.path("from").asDouble())
                            && (!options.hasNonNull("to") || v <= options.path("to").asDouble())) {
                        return Optional.of(options.path("result"));
                    }
                }
                case "special" -> {
                    String match = options.path("match").asText();
                    if ((match.equals("empty") && "".equals(value))
                            || (match.equals("null") && value == null)) {
                        return Optional.of(options.path("result"));
                    }
                }
                default -> throw new AssertionError("mapping type " + m.path("type"));
            }
        }
        return Optional.empty();
    }

    /** The text Grafana shows for {@code value} in a panel's {@code column}. */
    static String display(JsonNode panel, String column, String value) {
        return mapping(panel, column, value)
                .filter(r -> r.has("text"))
                .map(r -> r.path("text").asText())
                .orElse(value);
    }

    private static Double number(String value) {
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
