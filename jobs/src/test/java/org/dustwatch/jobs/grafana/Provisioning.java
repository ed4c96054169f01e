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
import java.util.stream.Stream;

/** The files under grafana/provisioning, read as Grafana reads them. */
final class Provisioning {
    static final Path ROOT = Path.of("..", "grafana", "provisioning");
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One InfluxQL query of a panel, a variable, an annotation or an alert rule. */
    record Query(String where, String text, String timeFrom, String interval) {}

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
                                    p.path("interval").asText(null)));
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                out.add(
                        new Query(
                                uid + " / annotation " + a.path("name").asText(),
                                a.path("query").asText(),
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
                                    null));
                }
            }
        }
        return out;
    }
}
