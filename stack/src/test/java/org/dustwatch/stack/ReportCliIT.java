package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dustwatch.stack.junit.InfluxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The air-quality section of {@code bin/dustwatch report} against a real influxd holding {@code
 * aqi} points as the pipeline writes them (docs/schema.md, "AQI"): every field in every point, an
 * NA report with {@code aqi} -1.
 */
class ReportCliIT {

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    static final String DB = "report";
    static final long HOUR = 3_600_000L;
    static final long T = 1_795_186_800_000L; // 2026-11-20T15:00:00Z

    static String aqi(
            String tags,
            long time,
            String status,
            int aqi,
            String categoryEn,
            String primary,
            String missing) {
        return "aqi,"
                + tags
                + ",window=1h,standard=HJ633-2026 status=\""
                + status
                + "\",aqi="
                + aqi
                + "i,level="
                + (aqi < 0 ? -1 : 2)
                + "i,category_en=\""
                + categoryEn
                + "\",primary_pollutant=\""
                + primary
                + "\",missing=\""
                + missing
                + "\",advice=\"\",stations=2i "
                + time;
    }

    @Test
    void theLatestReportOfEachTownshipAndTheDistrictNaAsNa() throws Exception {
        INFLUX.client().createDatabase(DB);
        String dongcheng = "scope=township,township=Dongcheng";
        String xihe = "scope=township,township=Xihe";
        INFLUX.client()
                .write(
                        DB,
                        String.join(
                                "\n",
                                List.of(
                                        "township_air_quality,township=Dongcheng,window=1h"
                                                + " pm25_mean=40.1,pm10_mean=80.2,o3_mean=30 "
                                                + T,
                                        "township_air_quality,township=Xihe,window=1h"
                                                + " pm25_mean=90.5,pm10_mean=190,o3_mean=20.4 "
                                                + T,
                                        // Dongcheng: published an hour ago, NA now
                                        aqi(dongcheng, T - HOUR, "ok", 65, "Good", "PM10", ""),
                                        aqi(dongcheng, T, "NA", -1, "NA", "", "PM10"),
                                        // Xihe: above 100, published without CO
                                        aqi(xihe, T, "ok", 120, "Lightly polluted", "PM2.5", "CO"),
                                        // a station of Xihe: not a township's report
                                        aqi(
                                                "scope=station,station=AQ-03,township=Xihe",
                                                T + HOUR,
                                                "ok",
                                                300,
                                                "Heavily polluted",
                                                "PM10",
                                                ""),
                                        aqi("scope=district", T - HOUR, "ok", 95, "Good", "", ""),
                                        aqi("scope=district", T, "NA", -1, "NA", "", "PM10"))));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReportCli.airQuality(
                INFLUX.client(), DB, true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(out);

        assertThat(out.lines())
                .containsExactly(
                        "",
                        "Air quality, latest hourly township means (µg/m³) and real-time AQI:",
                        "  township       PM2.5    PM10      O3   AQI",
                        "  Dongcheng       40.1    80.2    30.0     NA  not published: no valid"
                                + " PM10 (HJ 633—2026 5.3.1)",
                        "  Xihe            90.5   190.0    20.4    120  Lightly polluted (PM2.5);"
                                + " without CO",
                        "  district                                 NA  not published: no valid"
                                + " PM10 (HJ 633—2026 5.3.1)");
    }
}
