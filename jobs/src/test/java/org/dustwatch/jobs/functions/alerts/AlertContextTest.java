package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.dustwatch.jobs.records.Alert;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.Test;

/**
 * What {@link AlertContext} adds from the bundled district; the expected checkpoints, roads and
 * townships are those of model/src/main/resources (checkpoints.csv, stations.csv), read by hand.
 */
class AlertContextTest {

    static final long H = 3_600_000L;
    static final AlertContext CONTEXT = new AlertContext(ReferenceData.bundled());

    static Alert alert(String kind, String level, String subject) {
        return new Alert(
                kind + ":" + level + ":" + subject + ":" + 100 * H,
                kind,
                level,
                subject,
                100 * H,
                101 * H,
                1,
                Double.NaN,
                "warning",
                Alert.OPEN,
                "m");
    }

    @Test
    void aRoadSpikeNamesTheRoadItsCheckpointsAndTheRoadDashboard() {
        Alert a = CONTEXT.map(alert("violation_spike", "road", "G107"));
        assertThat(a.road()).isEqualTo("G107");
        assertThat(a.township()).isNull();
        assertThat(a.checkpoints()).containsExactly(G107);
        assertThat(a.dashboard())
                .isEqualTo(
                        "/d/dustwatch-road-detail?var-road=G107&from=" + 94 * H + "&to=" + 107 * H);
    }

    @Test
    void anEpisodeNamesItsTownshipAndTheAirQualityDashboard() {
        Alert a = CONTEXT.map(alert("pollution_episode", "township", "Beiling"));
        assertThat(a.township()).isEqualTo("Beiling");
        assertThat(a.road()).isNull();
        assertThat(a.dashboard())
                .isEqualTo(
                        "/d/dustwatch-air-quality?var-township=Beiling&from="
                                + 94 * H
                                + "&to="
                                + 107 * H);
    }

    @Test
    void aSilentStationNamesItsTownship() {
        Alert a = CONTEXT.map(alert("station_silent", "station", "AQ-01"));
        assertThat(a.township()).isEqualTo(AQ01_TOWNSHIP);
        assertThat(a.dashboard())
                .startsWith("/d/dustwatch-air-quality?var-township=" + AQ01_TOWNSHIP);
    }

    @Test
    void aRepeatOffenderKeepsItsCheckpointsAndOpensTheRoadOfTheLastOne() {
        Alert a =
                CONTEXT.map(
                        alert("repeat_offender", "vehicle", "3f9c")
                                .withPlace(null, null, new String[] {"CP-03", "CP-01"}, null));
        assertThat(a.checkpoints()).containsExactly("CP-03", "CP-01");
        assertThat(a.road()).isEqualTo(CP01_ROAD);
        assertThat(a.township()).isEqualTo(CP01_TOWNSHIP);
        assertThat(a.dashboard())
                .isEqualTo(
                        "/d/dustwatch-road-detail?var-road="
                                + CP01_ROAD
                                + "&from="
                                + 76 * H
                                + "&to="
                                + 107 * H
                                + "&var-checkpoint=CP-01");
    }

    @Test
    void withoutReferenceDataAnAlertKeepsWhatItHas() {
        Alert a = new AlertContext(null).map(alert("station_silent", "station", "AQ-01"));
        assertThat(a.township()).isNull();
        assertThat(a.dashboard())
                .isEqualTo("/d/dustwatch-air-quality?from=" + 94 * H + "&to=" + 107 * H);
    }

    // from model/src/main/resources/reference/*.csv
    static final String[] G107 = {"CP-01", "CP-02", "CP-03"};
    static final String AQ01_TOWNSHIP = "Dongcheng";
    static final String CP01_ROAD = "G107";
    static final String CP01_TOWNSHIP = "Dongcheng";
}
