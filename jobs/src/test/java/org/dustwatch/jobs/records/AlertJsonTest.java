package org.dustwatch.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The alerts topic's JSON, version 2 (docs/alerts.md, "The alerts topic's contract"). */
class AlertJsonTest {

    @Test
    void anAlertWithItsContextIsTheDocumentedJsonExactly() {
        Alert a =
                new Alert(
                                "repeat_offender:vehicle:3f9c:1795140000000",
                                "repeat_offender",
                                "vehicle",
                                "3f9c",
                                1795140000000L,
                                1795140060000L,
                                3,
                                3,
                                "warning",
                                "open",
                                "vehicle 3f9c was caught \"again\"")
                        .withCounts("incidents", 3, 3)
                        .withPlace(
                                "G107",
                                "Dongcheng",
                                new String[] {"CP-03", "CP-07"},
                                "/d/dustwatch-road-detail?var-road=G107&from=1&to=2");
        assertThat(a.toJson())
                .isEqualTo(
                        "{\"version\":2,\"id\":\"repeat_offender:vehicle:3f9c:1795140000000\","
                                + "\"kind\":\"repeat_offender\",\"level\":\"vehicle\",\"subject\":\"3f9c\","
                                + "\"windowStart\":1795140000000,\"windowEnd\":1795140060000,"
                                + "\"observed\":3.0,\"baseline\":3.0,\"severity\":\"warning\","
                                + "\"state\":\"open\",\"message\":\"vehicle 3f9c was caught"
                                + " \\\"again\\\"\",\"road\":\"G107\",\"township\":\"Dongcheng\","
                                + "\"checkpoints\":[\"CP-03\",\"CP-07\"],\"counted\":\"incidents\","
                                + "\"observedCount\":3.0,\"expectedCount\":3.0,"
                                + "\"dashboard\":\"/d/dustwatch-road-detail?var-road=G107&from=1&to=2\"}");
    }

    @Test
    void whatAnAlertDoesNotHaveIsNullAndItsFieldsAreTheDocumentedOnesInOrder() throws Exception {
        Alert a =
                new Alert(
                        "station_silent:station:AQ-01:60000",
                        "station_silent",
                        "station",
                        "AQ-01",
                        60_000,
                        1_860_000,
                        30,
                        Double.NaN,
                        "warning",
                        "open",
                        "station AQ-01 has sent no reading for 30 minutes");
        JsonNode j = new ObjectMapper().readTree(a.toJson());
        List<String> names = new ArrayList<>();
        j.fieldNames().forEachRemaining(names::add);
        assertThat(names)
                .containsExactly(
                        "version",
                        "id",
                        "kind",
                        "level",
                        "subject",
                        "windowStart",
                        "windowEnd",
                        "observed",
                        "baseline",
                        "severity",
                        "state",
                        "message",
                        "road",
                        "township",
                        "checkpoints",
                        "counted",
                        "observedCount",
                        "expectedCount",
                        "dashboard");
        assertThat(j.get("version").asInt()).isEqualTo(2);
        assertThat(j.get("baseline").isNull()).isTrue();
        assertThat(j.get("road").isNull()).isTrue();
        assertThat(j.get("checkpoints").isArray()).isTrue();
        assertThat(j.get("checkpoints")).isEmpty();
        assertThat(j.get("observedCount").isNull()).isTrue();
        assertThat(j.get("dashboard").isNull()).isTrue();
    }
}
