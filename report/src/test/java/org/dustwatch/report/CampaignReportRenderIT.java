package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.dustwatch.cli.Cli;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.InfluxServer;
import org.dustwatch.stack.Ports;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code campaign-report} end to end, from a real influxd to the files a reader gets: a few daily
 * inspection points of the bundled district, written by hand, then the command with {@code --pdf}
 * (and {@code --lang en}). The figures it must print are summed by hand from the points; the
 * exactness of every figure against a pipeline run is {@link CampaignReportIT}'s.
 */
class CampaignReportRenderIT {
    private static InfluxServer influx;

    @TempDir static Path home;
    @TempDir Path out;

    @BeforeAll
    static void influxWithAFewDays() {
        Path influxd =
                InfluxServer.locateInfluxd(DustwatchHome.resolve())
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "influxd not found: set DUSTWATCH_INFLUXD"));
        influx =
                InfluxServer.start(
                        influxd, new InfluxServer.Config(home, Ports.free(), Ports.free()), null);
        influx.client().createDatabase("dustwatch");
        influx.client()
                .write(
                        "dustwatch",
                        String.join(
                                "\n",
                                point(
                                        "CP-01",
                                        "G107",
                                        "Dongcheng",
                                        "2026-10-20",
                                        1000,
                                        200,
                                        80,
                                        40,
                                        30,
                                        50,
                                        100_000),
                                point(
                                        "CP-01",
                                        "G107",
                                        "Dongcheng",
                                        "2026-11-03",
                                        5000,
                                        900,
                                        300,
                                        200,
                                        100,
                                        300,
                                        600_000),
                                point(
                                        "CP-02",
                                        "G107",
                                        "Xihe",
                                        "2026-11-04",
                                        3345,
                                        500,
                                        200,
                                        100,
                                        50,
                                        150,
                                        334_500)));
    }

    @AfterAll
    static void stop() {
        if (influx != null) {
            influx.close();
        }
    }

    /** A daily point of checkpoint_inspections (docs/schema.md), at the local day's start. */
    private static String point(
            String cp,
            String road,
            String township,
            String day,
            long inspected,
            long violating,
            long uncovered,
            long overheight,
            long overload,
            long spillage,
            long fines) {
        long ms = LocalDate.parse(day).atStartOfDay(ReportPeriod.ZONE).toInstant().toEpochMilli();
        return "checkpoint_inspections,checkpoint="
                + cp
                + ",road="
                + road
                + ",township="
                + township
                + ",window=1d inspected="
                + inspected
                + "i,violating="
                + violating
                + "i,violation_rate="
                + ((double) violating / inspected)
                + ",uncovered="
                + uncovered
                + "i,overheight="
                + overheight
                + "i,overload="
                + overload
                + "i,spillage="
                + spillage
                + "i,fines_yuan="
                + fines
                + "i "
                + ms;
    }

    private List<String> run(String... args) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int exit =
                Cli.run(
                        new CampaignReportCli(),
                        args,
                        new PrintStream(stdout, true, StandardCharsets.UTF_8),
                        new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return stdout.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void theMonthsReportInEveryFormatWithItsHeadline() throws IOException {
        List<String> printed =
                run(
                        "--month",
                        "2026-11",
                        "--since",
                        "2026-10-15",
                        "--pdf",
                        "--influx-url",
                        influx.url(),
                        "--out",
                        out.toString());
        Path dir = out.resolve("campaign-report-2026-11-01_2026-11-30");
        // since 2026-10-15: 1,000 + 5,000 + 3,345 = 9,345 inspected; 50 + 300 + 150 = 500
        // spillage; 100,000 + 600,000 + 334,500 = 1,034,500 yuan = 103.45万元
        String headline = "截至2026年11月30日，共检查过往车辆9,345辆，查处遗撒飘散行为500起，行政罚款103.45万元。";
        assertThat(printed).containsExactly(dir.resolve("report.pdf").toString(), headline);
        for (String f :
                List.of(
                        "report.html",
                        "report.md",
                        "report.json",
                        "report.pdf",
                        "tables/daily.csv")) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        // November alone: 8,345 inspected, 1,400 violating (16.8%), fines 93.45万元 against
        // October's 1,000, 200 and 100,000 yuan
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md)
                .contains(
                        "本期共检查过往车辆8,345辆，环比增加7,345辆（734.5%）；查处违法车辆1,400辆，环比增加1,200辆（600.0%）；违法率16.8%")
                .contains("行政罚款93.45万元，环比增加83.45万元（834.5%）。")
                // no aqi points were written: every day of November is without a daily report
                .contains("本期全区无有效日报（NA 0天、无日报30天），不计算优良天数比例与平均浓度。");
        // one bar per day of November in each daily panel, whatever the data
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(Pattern.compile("data-series=\"inspections\"").matcher(html).results().count())
                .isEqualTo(30);
        assertThat(pdfText(dir.resolve("report.pdf")).replaceAll("\\s+", "")).contains(headline);
    }

    @Test
    void theEnglishEdition() throws IOException {
        List<String> printed =
                run(
                        "--month",
                        "2026-11",
                        "--since",
                        "2026-10-15",
                        "--lang",
                        "en",
                        "--influx-url",
                        influx.url(),
                        "--out",
                        out.toString());
        Path dir = out.resolve("campaign-report-2026-11-01_2026-11-30");
        assertThat(printed)
                .containsExactly(
                        dir.resolve("report.html").toString(),
                        "As of 30 November 2026, 9,345 passing vehicles had been inspected, 500"
                                + " spillage violations found and fines of 1,034,500 yuan imposed.");
        assertThat(dir.resolve("report.pdf")).doesNotExist();
        assertThat(Files.readString(dir.resolve("report.html"))).contains("<html lang=\"en\">");
    }

    private static String pdfText(Path pdf) throws IOException {
        Process p =
                new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                        .redirectErrorStream(true)
                        .start();
        byte[] text = p.getInputStream().readAllBytes();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new String(text, StandardCharsets.UTF_8);
    }
}
