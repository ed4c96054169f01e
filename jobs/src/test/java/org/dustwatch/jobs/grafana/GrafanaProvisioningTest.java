package org.dustwatch.jobs.grafana;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The structure of grafana/provisioning: unique uids, and every reference (datasource, dashboard,
 * contact point, environment variable, provider path) resolves. The queries themselves run in
 * {@code DashboardsAndAlertsIT}.
 */
class GrafanaProvisioningTest {

    static final String DATASOURCE_UID = "dustwatch-influxdb";

    @Test
    void theDatasourceHasTheFixedUidThatEverythingReferences() {
        JsonNode ds = Provisioning.yaml("datasources/influxdb.yaml").path("datasources");
        assertThat(ds).hasSize(1);
        assertThat(ds.get(0).path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(ds.get(0).path("type").asText()).isEqualTo("influxdb");
    }

    @Test
    void dashboardsHaveUniqueUidsAndOnlyReferenceTheProvisionedDatasource() {
        List<Path> files = Provisioning.dashboardFiles();
        assertThat(files).hasSize(5);
        Set<String> uids = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (Path f : files) {
            JsonNode d = Provisioning.dashboard(f);
            String uid = d.path("uid").asText();
            assertThat(uid).as(f + " uid").startsWith("dustwatch-");
            assertThat(uids.add(uid)).as("unique uid " + uid).isTrue();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : Provisioning.panels(d)) {
                assertThat(ids.add(p.path("id").asInt()))
                        .as(uid + " panel id " + p.path("id"))
                        .isTrue();
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("x").asInt() + grid.path("w").asInt())
                        .as(uid + " " + p.path("title") + " fits the 24-column grid")
                        .isLessThanOrEqualTo(24);
                if (p.path("type").asText().equals("row")) {
                    continue;
                }
                checkDatasource(p.path("datasource"), uid + " / " + p.path("title"), bad);
                assertThat(p.path("targets"))
                        .as(uid + " / " + p.path("title") + " has a query")
                        .isNotEmpty();
                for (JsonNode t : p.path("targets")) {
                    checkDatasource(t.path("datasource"), uid + " / " + p.path("title"), bad);
                    assertThat(t.path("rawQuery").asBoolean()).isTrue();
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                checkDatasource(a.path("datasource"), uid + " / annotation", bad);
            }
            for (JsonNode v : d.path("templating").path("list")) {
                checkDatasource(v.path("datasource"), uid + " / $" + v.path("name").asText(), bad);
            }
        }
        assertThat(bad).as("references to other datasources").isEmpty();
        assertThat(uids)
                .containsExactlyInAnyOrder(
                        "dustwatch-overview",
                        "dustwatch-road-detail",
                        "dustwatch-air-quality",
                        "dustwatch-alerts",
                        "dustwatch-pipeline");
    }

    @Test
    void everyTemplateVariableAPanelUsesIsDefined() {
        for (Path f : Provisioning.dashboardFiles()) {
            JsonNode d = Provisioning.dashboard(f);
            Set<String> defined = new HashSet<>();
            d.path("templating").path("list").forEach(v -> defined.add(v.path("name").asText()));
            Matcher m = Pattern.compile("\\$([A-Za-z_]+)").matcher(d.toString());
            Set<String> used = new TreeSet<>();
            while (m.find()) {
                String name = m.group(1);
                // Grafana's own: $timeFilter, $__interval, and aliases $tag_x and $col
                if (!name.equals("timeFilter")
                        && !name.startsWith("__")
                        && !name.startsWith("tag_")
                        && !name.equals("col")) {
                    used.add(name);
                }
            }
            assertThat(defined).as(f + " defines the variables it uses").containsAll(used);
        }
    }

    /**
     * docs/schema.md, "AQI": a report whose AQI is not published has {@code aqi} and {@code level}
     * -1 and {@code category} NA, and a sub-index or average without a value is -1. A query that
     * aggregates must leave those out ({@code "status" = 'ok'}, {@code "<field>" >= 0}); one that
     * shows the current state keeps them, and its panel must show them as NA. An alert rule cannot
     * map values, so it always filters. DashboardsAndAlertsIT runs the same queries on NA data.
     */
    @Test
    void everyAqiQueryLeavesNaOutOrShowsItAsNa() {
        List<Provisioning.Query> queries = new ArrayList<>(Provisioning.dashboardQueries());
        queries.addAll(Provisioning.ruleQueries());
        List<String> bad = new ArrayList<>();
        int aggregating = 0;
        int current = 0;
        for (Provisioning.Query q : queries) {
            if (!Provisioning.readsAqi(q.text())) {
                continue;
            }
            List<Provisioning.Call> calls = Provisioning.calls(q.text());
            assertThat(calls).as(q.where() + " reads fields").isNotEmpty();
            if (!Provisioning.currentState(q.text())) {
                aggregating++;
                for (Provisioning.Call c : calls) {
                    if (!Provisioning.filtered(q.text(), c.field())) {
                        bad.add(q.where() + ": " + c + " without the NA filter");
                    }
                }
                continue;
            }
            current++;
            if (q.panel() == null) {
                bad.add(q.where() + ": a rule cannot show NA, so it must filter");
                continue;
            }
            for (Provisioning.Call c : calls) {
                String f = c.field();
                String col = c.column();
                if (!Provisioning.STRING_FIELDS.contains(f)) {
                    if (!Provisioning.display(q.panel(), col, "-1").equals("NA")) {
                        bad.add(q.where() + ": " + col + " shows -1, not NA");
                    }
                } else if (f.equals("category") || f.equals("category_en")) {
                    if (Provisioning.mapping(q.panel(), col, "NA").isEmpty()) {
                        bad.add(q.where() + ": " + col + " has no mapping (colour) for NA");
                    }
                } else if (f.equals("advice") || f.equals("advice_en")) {
                    // advice is empty only when the AQI is not published: say so, not a blank
                    if (!Provisioning.display(q.panel(), col, "").contains("NA")) {
                        bad.add(q.where() + ": " + col + " shows the advice of an NA report blank");
                    }
                }
            }
        }
        assertThat(bad).isEmpty();
        assertThat(aggregating).as("aggregating aqi queries").isGreaterThanOrEqualTo(10);
        assertThat(current).as("current-state aqi queries").isGreaterThanOrEqualTo(5);
    }

    @Test
    void valueMappingsAreReadAsGrafanaReadsThem() throws Exception {
        JsonNode panel =
                Provisioning.JSON.readTree(
                        """
                        {"fieldConfig": {
                          "defaults": {"mappings": [
                            {"type": "value", "options": {"-1": {"text": "NA"}, "NA": {"color": "grey"}}},
                            {"type": "range", "options": {"from": 500, "to": null,
                                                          "result": {"text": "beyond"}}}]},
                          "overrides": [{"matcher": {"id": "byName", "options": "advice"},
                            "properties": [{"id": "mappings", "value": [{"type": "special",
                              "options": {"match": "empty", "result": {"text": "none"}}}]}]}]}}
                        """);
        assertThat(Provisioning.display(panel, "AQI", "-1")).isEqualTo("NA");
        assertThat(Provisioning.display(panel, "AQI", "87")).isEqualTo("87");
        assertThat(Provisioning.display(panel, "AQI", "612")).isEqualTo("beyond");
        // a mapping with a colour only keeps the text
        assertThat(Provisioning.mapping(panel, "category", "NA")).isPresent();
        assertThat(Provisioning.display(panel, "category", "NA")).isEqualTo("NA");
        // an override's mappings replace the defaults for its column
        assertThat(Provisioning.display(panel, "advice", "")).isEqualTo("none");
        assertThat(Provisioning.display(panel, "advice", "-1")).isEqualTo("-1");
    }

    @Test
    void theDashboardProviderPointsAtTheJsonDirectory() {
        JsonNode provider = Provisioning.yaml("dashboards/dustwatch.yaml").path("providers").get(0);
        String path = provider.path("options").path("path").asText();
        // the compose stack mounts grafana/provisioning at /etc/grafana/provisioning
        assertThat(path).startsWith("/etc/grafana/provisioning/");
        assertThat(Provisioning.ROOT.resolve(path.substring("/etc/grafana/provisioning/".length())))
                .isDirectory();
    }

    @Test
    void alertRulesAreUniqueUseTheDatasourceAndLinkToExistingDashboards() {
        Set<String> dashboards = new HashSet<>();
        Provisioning.dashboardFiles()
                .forEach(f -> dashboards.add(Provisioning.dashboard(f).path("uid").asText()));
        Set<String> uids = new HashSet<>();
        Set<String> titles = new TreeSet<>();
        for (JsonNode g : Provisioning.yaml("alerting/rules.yaml").path("groups")) {
            for (JsonNode r : g.path("rules")) {
                String uid = r.path("uid").asText();
                assertThat(uids.add(uid)).as("unique rule uid " + uid).isTrue();
                titles.add(r.path("title").asText());
                Set<String> refs = new HashSet<>();
                for (JsonNode d : r.path("data")) {
                    refs.add(d.path("refId").asText());
                    assertThat(d.path("datasourceUid").asText())
                            .as(uid + " datasource")
                            .isIn(DATASOURCE_UID, "__expr__");
                    String q = d.path("model").path("query").asText("");
                    if (!q.isEmpty()) {
                        // Grafana expands $VAR in provisioning files: the macro must be escaped
                        assertThat(q.replace("$$timeFilter", ""))
                                .as(uid + " query")
                                .doesNotContain("$");
                    }
                    String expression = d.path("model").path("expression").asText("");
                    if (!expression.isEmpty()) {
                        assertThat(refs).as(uid + " expression input").contains(expression);
                    }
                }
                assertThat(refs).as(uid + " condition").contains(r.path("condition").asText());
                String link = r.path("annotations").path("__dashboardUid__").asText(null);
                if (link != null) {
                    assertThat(dashboards).as(uid + " dashboard link").contains(link);
                }
            }
        }
        assertThat(titles)
                .containsExactly("Heavy pollution", "Pipeline stalled", "Violation spike");
    }

    @Test
    void policiesRouteToDefinedContactPointsConfiguredFromTheEnvironment() throws Exception {
        Set<String> names = new HashSet<>();
        Set<String> receiverUids = new HashSet<>();
        for (JsonNode c : Provisioning.yaml("alerting/contact-points.yaml").path("contactPoints")) {
            names.add(c.path("name").asText());
            for (JsonNode r : c.path("receivers")) {
                assertThat(receiverUids.add(r.path("uid").asText())).isTrue();
                r.path("settings")
                        .fields()
                        .forEachRemaining(
                                e -> {
                                    if (Set.of("url", "addresses").contains(e.getKey())) {
                                        assertThat(e.getValue().asText())
                                                .as("contact target from the environment")
                                                .matches("\\$\\{[A-Z_]+\\}");
                                    }
                                });
            }
        }
        for (JsonNode p : Provisioning.yaml("alerting/policies.yaml").path("policies")) {
            assertThat(names).contains(p.path("receiver").asText());
        }
        // every ${VAR} the provisioning files read is given to Grafana by the compose stack
        String compose = Files.readString(Path.of("..", "docker", "compose.yaml"));
        String grafana = compose.substring(compose.indexOf("\n  grafana:"));
        grafana = grafana.substring(0, grafana.indexOf("\n  ", grafana.indexOf("healthcheck")) + 1);
        Set<String> vars = new TreeSet<>();
        for (String file :
                List.of(
                        "datasources/influxdb.yaml",
                        "alerting/contact-points.yaml",
                        "alerting/rules.yaml",
                        "alerting/policies.yaml")) {
            Matcher m =
                    Pattern.compile("(?<!\\$)\\$\\{?([A-Z_]+)\\}?")
                            .matcher(Files.readString(Provisioning.ROOT.resolve(file)));
            while (m.find()) {
                vars.add(m.group(1));
            }
        }
        assertThat(vars).isNotEmpty();
        for (String v : vars) {
            assertThat(grafana).as("compose passes " + v + " to Grafana").contains(v + ":");
        }
    }

    private static void checkDatasource(JsonNode ds, String where, List<String> bad) {
        if (!ds.path("uid").asText().equals(DATASOURCE_UID)
                || !ds.path("type").asText().equals("influxdb")) {
            bad.add(where + ": " + ds);
        }
    }
}
