package org.dustwatch.aqi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AqiCliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return AqiCli.run(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theIssuesExampleAsText() {
        assertThat(
                        run(
                                "--standard",
                                "HJ633-2026",
                                "--report",
                                "hourly",
                                "--pm25",
                                "75",
                                "--pm10",
                                "150",
                                "--o3-8h",
                                "120"))
                .isEqualTo(0);
        // PM2.5 75 (2026): (50/55)(15)+100 = 113.6 -> 114; PM10 150: (50/130)(30)+100 = 111.5 ->
        // 112;
        // O3 8-h 120: (50/60)(20)+50 = 66.7 -> 67
        assertThat(out())
                .contains("AQI        114")
                .contains("level      3  轻度污染  Lightly polluted  #FF7E00")
                .contains("primary    PM2.5")
                .contains("exceeding  PM2.5, PM10")
                .contains("pm10    112")
                .contains("o3_8h    67")
                .contains("pm25-1h=75 µg/m³");
    }

    @Test
    void json() throws Exception {
        assertThat(
                        run(
                                "--date",
                                "2026-01-15",
                                "--report",
                                "daily",
                                "--pm25",
                                "75",
                                "--pm10",
                                "150",
                                "--json"))
                .isEqualTo(0);
        JsonNode j = new ObjectMapper().readTree(out());
        assertThat(j.get("standard").asText()).isEqualTo("HJ633-2012");
        assertThat(j.get("aqi").asInt()).isEqualTo(100);
        assertThat(j.get("category").asText()).isEqualTo("良");
        assertThat(j.get("primary_pollutants")).hasSize(2);
        assertThat(j.get("iaqi").get("pm25").asInt()).isEqualTo(100);
        assertThat(j.get("concentrations").get("pm25-24h").asDouble()).isEqualTo(75);
    }

    @Test
    void epaShorthandsMeanTheEpaAverages() {
        assertThat(run("--standard", "US-EPA-2024", "--co", "5", "--json")).isEqualTo(0);
        assertThat(out()).contains("\"co-8h\" : 5.0").contains("\"co\" : 49");
    }

    @Test
    void badInputIsAOneLineErrorAndExit2() {
        assertThat(run("--pm25", "lots")).isEqualTo(2);
        assertThat(err()).isEqualTo("dustwatch aqi: --pm25 must be a number, was 'lots'\n");
        err.reset();
        assertThat(run("--pm25", "-3")).isEqualTo(2);
        assertThat(err()).contains("--pm25 must be a concentration >= 0");
        err.reset();
        assertThat(run("--standard", "WHO")).isEqualTo(2);
        assertThat(err()).contains("unknown AQI standard 'WHO'");
        err.reset();
        assertThat(run("--report", "daily", "--pm25-1h", "80")).isEqualTo(2);
        assertThat(err()).contains("no sub-index could be computed");
        err.reset();
        assertThat(run("--pm25", "1", "--pm25-1h", "2", "--standard", "HJ633-2026")).isEqualTo(2);
        assertThat(err()).contains("both set pm25-1h");
        err.reset();
        assertThat(run("--standard", "HJ633-2026", "--date", "2026-01-01", "--co", "1"))
                .isEqualTo(2);
        assertThat(run("--bogus", "1")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void help() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out()).startsWith("usage: bin/dustwatch aqi");
    }
}
