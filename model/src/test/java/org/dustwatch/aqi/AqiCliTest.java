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
        out.reset();
        err.reset();
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

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(out());
    }

    @Test
    void theIssuesExample() {
        assertThat(run("--standard", "HJ633-2026", "--report", "daily", "--pm25", "60.4"))
                .isEqualTo(0);
        assertThat(out())
                .contains("standard   HJ633-2026, daily report (HJ 633—2026 4.2.2)")
                .contains("AQI        100\n")
                .contains("level      2  良  Good  #FFFF00")
                .contains("primary    PM2.5")
                .contains("  pm25    100")
                .contains("given      pm25-24h=60.4 µg/m³")
                .contains("indexed    pm25-24h=60 µg/m³ (GB/T 8170 rounding)")
                .contains("health     空气质量可接受")
                .contains("advice     极少数异常敏感人群应减少户外活动")
                .contains("sensitive  -")
                .doesNotContain("exceeding");
        assertThat(err()).isEmpty();
    }

    @Test
    void aRealTimeReportWithHealthAndSensitiveGroups() {
        assertThat(
                        run(
                                "--standard",
                                "HJ633-2026",
                                "--pm25",
                                "75",
                                "--pm10",
                                "150",
                                "--o3-1h",
                                "120"))
                .isEqualTo(0);
        // PM2.5 75: (50/55)(15)+100 = 113.6 -> 114; PM10 150: (50/130)(30)+100 = 111.5 -> 112;
        // O3 1-h 120: (50/160)(120) = 37.5 -> 38
        assertThat(out())
                .contains("hourly report (HJ 633—2026 4.2.3)")
                .contains("AQI        114\n")
                .contains("level      3  轻度污染  Lightly polluted  #FF7E00")
                .contains("primary    PM2.5\n")
                .contains("  pm25    114")
                .contains("  pm10    112")
                .contains("  o3_1h    38")
                .contains("health     敏感人群症状有轻度加剧")
                .contains("sensitive  PM10, PM2.5 above IAQI 100 (HJ 633—2026 table 2): 心脑血管疾病患者、")
                .contains("people with cardiovascular disease, people with respiratory disease")
                .doesNotContain("exceeding");
    }

    @Test
    void aReportOutOfItsIndicatorsIsAOneLineErrorNamingTheClause() {
        assertThat(run("--standard", "HJ633-2026", "--o3-8h", "120")).isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "dustwatch aqi: --o3-8h: the real-time report of HJ 633—2026 indexes the"
                                + " six 1-h means (4.2.3); it has no 8-h O3\n");
        assertThat(run("--standard", "HJ633-2026", "--report", "daily", "--o3-1h", "120"))
                .isEqualTo(2);
        assertThat(err()).contains("--o3-1h: the daily report of HJ 633—2026").contains("(4.2.2)");
        assertThat(run("--standard", "HJ633-2026", "--report", "daily", "--pm25-1h", "80"))
                .isEqualTo(2);
        assertThat(err()).contains("it has no 1-h PM2.5");
        assertThat(run("--standard", "US-EPA-2024", "--pm25-24h", "80")).isEqualTo(2);
        assertThat(err()).contains("the EPA's hourly report");
        assertThat(out()).isEmpty();
    }

    @Test
    void naUnder531AndThePlan() throws Exception {
        String[] withoutCo = {
            "--standard",
            "HJ633-2026",
            "--so2",
            "10",
            "--no2",
            "174",
            "--o3-1h",
            "50",
            "--pm10",
            "30",
            "--pm25",
            "20"
        };
        // default plan: the pollutants given, so not NA
        assertThat(run(withoutCo)).isEqualTo(0);
        assertThat(out()).contains("AQI        87\n").contains("primary    NO2");
        // the plan covers CO: NA
        assertThat(run(append(withoutCo, "--plan", "all"))).isEqualTo(0);
        assertThat(out())
                .contains("AQI        NA (AQI 87 without CO; 5.3.1)")
                .contains("level      NA")
                .contains("primary    NA")
                .contains("  no2      87")
                .contains("health     NA");
        assertThat(run(append(withoutCo, "--plan", "all", "--json"))).isEqualTo(0);
        JsonNode j = json();
        assertThat(j.get("status").asText()).isEqualTo("NA");
        assertThat(j.get("published").asBoolean()).isFalse();
        assertThat(j.get("aqi").asInt()).isEqualTo(87);
        assertThat(j.get("missing").get(0).asText()).isEqualTo("CO");
        assertThat(j.get("iaqi").get("no2").asInt()).isEqualTo(87);
        // 5.3.2: a plan without CO publishes
        assertThat(run(append(withoutCo, "--plan", "so2,no2,o3,pm10,pm2.5"))).isEqualTo(0);
        assertThat(out()).contains("AQI        87\n");
        // above 100 it is published even without CO
        assertThat(run(append(withoutCo, "--plan", "all", "--pm25-1h", "96.31"))).isEqualTo(2);
        assertThat(err()).contains("both set pm25-1h");
        withoutCo[withoutCo.length - 1] = "96.31";
        assertThat(run(append(withoutCo, "--plan", "all"))).isEqualTo(0);
        assertThat(out())
                .contains("AQI        133 (without CO; above 100, so published: 5.3.1)")
                .contains("level      3");
        assertThat(run(append(withoutCo, "--plan", "so2,,no2"))).isEqualTo(2);
        assertThat(err()).contains("--plan: give pollutants separated by commas");
        assertThat(run(append(withoutCo, "--plan", "nox"))).isEqualTo(2);
        assertThat(err()).contains("unknown pollutant 'nox'");
    }

    @Test
    void jsonHasEveryField() throws Exception {
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
        JsonNode j = json();
        assertThat(j.get("standard").asText()).isEqualTo("HJ633-2012");
        assertThat(j.get("clause").asText()).isEqualTo("HJ 633-2012 5.1.2");
        assertThat(j.get("status").asText()).isEqualTo("ok");
        assertThat(j.get("published").asBoolean()).isTrue();
        assertThat(j.get("aqi").asInt()).isEqualTo(100);
        assertThat(j.get("level").asInt()).isEqualTo(2);
        assertThat(j.get("category").asText()).isEqualTo("良");
        assertThat(j.get("category_en").asText()).isEqualTo("Good");
        assertThat(j.get("colour").asText()).isEqualTo("#FFFF00");
        assertThat(j.get("primary_pollutants")).hasSize(2);
        assertThat(j.get("exceeding")).isEmpty();
        assertThat(j.get("iaqi").get("pm25").asInt()).isEqualTo(100);
        assertThat(j.get("concentrations").get("pm25-24h").decimalValue())
                .isEqualByComparingTo("75");
        assertThat(j.get("indexed").get("pm10-24h").decimalValue()).isEqualByComparingTo("150");
        assertThat(j.get("missing")).isEmpty();
        assertThat(j.get("effects").get("zh").asText()).startsWith("空气质量可接受");
        assertThat(j.get("effects").get("en").asText()).startsWith("Air quality is acceptable");
        assertThat(j.get("advice").get("en").asText()).isNotBlank();
        assertThat(j.get("sensitive_groups").get("zh")).isEmpty();
        assertThat(j.get("rounding").asText()).isEqualTo("NONE");
    }

    @Test
    void jsonKeepsTheDecimalsAsGivenAndAsIndexed() throws Exception {
        assertThat(run("--standard", "HJ633-2026", "--report", "daily", "--co", "4.05", "--json"))
                .isEqualTo(0);
        assertThat(out()).contains("\"co-24h\" : 4.05").contains("\"co-24h\" : 4.0");
        assertThat(json().get("aqi").asInt()).isEqualTo(100);
    }

    @Test
    void hj2012RealTimeShorthandsAndRounding() {
        // --pm25 is the 24-h moving mean that carries the sub-index; the 1-h mean is published
        assertThat(
                        run(
                                "--standard",
                                "HJ633-2012",
                                "--pm25",
                                "75.5",
                                "--pm25-1h",
                                "90",
                                "--so2",
                                "900",
                                "--so2-24h",
                                "300"))
                .isEqualTo(0);
        // 75.5 as given: 50/40 × 0.5 + 100 = 100.6 -> 101; SO2 from the 24-h mean: 124
        assertThat(out())
                .contains("HJ633-2012, hourly report (HJ 633-2012 5.1.3), no rounding")
                .contains("AQI        124")
                .contains("  pm25    101")
                .contains("exceeding  SO2, PM2.5")
                .contains(
                        "published  pm25-1h: concentration only, no sub-index (HJ 633-2012 table 4)")
                .contains("pm25-24h=75.5 µg/m³");
        assertThat(run("--standard", "HJ633-2012", "--pm25", "75.5", "--round-2012")).isEqualTo(0);
        // GB/T 8170: 76, 50/40 + 100 = 101.25 -> 102
        assertThat(out())
                .contains("GB/T 8170 rounding")
                .contains("  pm25    102")
                .contains("indexed    pm25-24h=76 µg/m³");
        assertThat(run("--standard", "US-EPA-2024", "--pm25", "10", "--round-2012")).isEqualTo(2);
        assertThat(err()).contains("--round-2012: US-EPA-2024 truncates");
    }

    @Test
    void epaShorthandsMeanTheEpaAverages() throws Exception {
        assertThat(run("--standard", "US-EPA-2024", "--co", "5", "--json")).isEqualTo(0);
        assertThat(out()).contains("\"co-8h\" : 5").contains("\"co\" : 49");
        assertThat(json().get("effects").isNull()).isTrue();
        // hourly --pm25 is the NowCast: the AirNow example's 17.4 is AQI 66
        assertThat(run("--standard", "US-EPA-2024", "--pm25", "17.4")).isEqualTo(0);
        assertThat(out())
                .contains("given      pm25-nowcast=17.4 µg/m³")
                .contains("AQI        66")
                .contains("Moderate")
                .doesNotContain("health");
        assertThat(
                        run(
                                "--standard",
                                "US-EPA-2024",
                                "--report",
                                "daily",
                                "--pm25",
                                "17.4",
                                "--json"))
                .isEqualTo(0);
        assertThat(json().get("concentrations").has("pm25-24h")).isTrue();
    }

    @Test
    void badInputIsAOneLineErrorAndExit2() {
        assertThat(run("--pm25", "lots")).isEqualTo(2);
        assertThat(err()).isEqualTo("dustwatch aqi: --pm25 must be a number, was 'lots'\n");
        assertThat(run("--pm25", "-3")).isEqualTo(2);
        assertThat(err()).contains("--pm25 must be a concentration >= 0");
        assertThat(run("--pm25", "NaN")).isEqualTo(2);
        assertThat(err()).contains("--pm25 must be a number");
        assertThat(run("--standard", "WHO")).isEqualTo(2);
        assertThat(err()).contains("unknown AQI standard 'WHO'");
        assertThat(run("--standard", "HJ633-2012", "--pm25-1h", "80")).isEqualTo(2);
        assertThat(err()).contains("no sub-index could be computed");
        assertThat(run("--pm25", "1", "--pm25-1h", "2", "--standard", "HJ633-2026")).isEqualTo(2);
        assertThat(err()).contains("both set pm25-1h");
        assertThat(run("--standard", "HJ633-2026", "--date", "2026-01-01", "--co", "1"))
                .isEqualTo(2);
        assertThat(run("--bogus", "1")).isEqualTo(2);
        assertThat(out()).isEmpty();
    }

    @Test
    void help() {
        assertThat(run("--help")).isEqualTo(0);
        assertThat(out())
                .startsWith("Usage: dustwatch aqi")
                .contains("--plan=P,...")
                .contains("--round-2012")
                .contains("pm25-nowcast")
                .contains("HJ633-2012 hourly: the 1-h means of SO2, NO2 and CO; the 24-h")
                .contains("moving means of PM2.5 and PM10 (table 4)");
        // every average is spelled out in the help
        for (Average a : Average.values()) {
            assertThat(out()).contains(a.option());
        }
    }

    private static String[] append(String[] a, String... more) {
        String[] out = java.util.Arrays.copyOf(a, a.length + more.length);
        System.arraycopy(more, 0, out, a.length, more.length);
        return out;
    }
}
