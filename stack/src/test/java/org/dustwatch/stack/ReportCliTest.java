package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** How {@code bin/dustwatch report} prints one real-time AQI report. */
class ReportCliTest {

    static JsonNode row(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void aPublishedReportPrintsItsAqiCategoryAndPrimaryPollutant() throws Exception {
        assertThat(
                        ReportCli.aqiReport(
                                row("[0, \"ok\", 190, \"Moderately polluted\", \"PM10\", \"\"]")))
                .isEqualTo(" 190  Moderately polluted (PM10)");
        assertThat(ReportCli.aqiReport(row("[0, \"ok\", 42, \"Excellent\", \"\", \"\"]")))
                .isEqualTo("  42  Excellent");
    }

    @Test
    void aPublishedReportSaysWhatItLacks() throws Exception {
        // HJ 633—2026 5.3.1: above 100 the AQI is published without the missing pollutant
        assertThat(
                        ReportCli.aqiReport(
                                row("[0, \"ok\", 120, \"Lightly polluted\", \"PM10\", \"CO\"]")))
                .isEqualTo(" 120  Lightly polluted (PM10); without CO");
    }

    @Test
    void anNaReportPrintsNaAndWhyNeverMinusOne() throws Exception {
        assertThat(ReportCli.aqiReport(row("[0, \"NA\", -1, \"NA\", \"\", \"CO,PM10\"]")))
                .isEqualTo("  NA  not published: no valid CO, PM10 (HJ 633—2026 5.3.1)");
        assertThat(ReportCli.aqiReport(row("[0, \"NA\", -1, \"NA\", \"\", \"\"]")))
                .isEqualTo("  NA  not published");
        // a point without status (written before status existed) with the -1 of no value
        assertThat(ReportCli.aqiReport(row("[0, null, -1, \"NA\", \"\", null]")))
                .isEqualTo("  NA  not published");
    }
}
