package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dustwatch.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files {@link Renderers#write} writes from {@link Fixture}: the Markdown's headings and
 * headline, each CSV's header and rows, the JSON, and {@code --pdf} without Chromium. The expected
 * row counts come from the fixture's days, roads and townships; the strings are literal.
 */
class RenderersTest {
    private static final String HEADLINE_ZH =
            "截至2026年11月30日，共检查过往车辆34,567辆，查处遗撒飘散行为1,890起，行政罚款345.67万元。";
    private static final List<String> HEADINGS_ZH =
            List.of("一、检查点设置情况", "二、车辆检查与查处情况", "三、空气质量状况", "四、遗撒飘散与扬尘", "五、预警情况", "六、数据质量");
    private static final List<String> HEADINGS_EN =
            List.of(
                    "1. Checkpoints",
                    "2. Inspections",
                    "3. Air quality",
                    "4. Spillage and dust",
                    "5. Alerts",
                    "6. Data quality");

    @TempDir Path dir;

    @Test
    void markdownHasEveryHeadingAndTheHeadline() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), RenderOptions.chinese(dir));
        String md = Files.readString(r.markdown());
        assertThat(md).startsWith("# 城市抛洒歼灭战工作情况报告（2026年11月1日至2026年11月30日）\n");
        for (String h : HEADINGS_ZH) {
            assertThat(md).contains("\n## " + h + "\n");
        }
        assertThat(md).contains("**" + HEADLINE_ZH + "**");
        assertThat(r.pdf()).isNull();
        Rendered en =
                Renderers.write(
                        Fixture.report(), new RenderOptions(Lang.EN, dir.resolve("en"), false));
        String mdEn = Files.readString(en.markdown());
        for (String h : HEADINGS_EN) {
            assertThat(mdEn).contains("\n## " + h + "\n");
        }
        assertThat(mdEn)
                .contains("As of 30 November 2026, 34,567 passing vehicles had been inspected");
    }

    @Test
    void eachTableIsACsvWithItsHeaderAndRows() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), RenderOptions.chinese(dir));
        int days = (int) Fixture.NOVEMBER.days(); // 30
        int areas = 1 + Fixture.TOWNSHIPS.size(); // the district and 2 townships
        Map<String, Integer> rows = new TreeMap<>();
        rows.put("checkpoints", Fixture.TOWNSHIPS.size());
        rows.put("daily", days);
        rows.put("townships", Fixture.TOWNSHIPS.size());
        rows.put("roads", Fixture.ROADS.size());
        rows.put("checkpoints-inspections", 4);
        rows.put("air-quality", areas);
        rows.put("exceedances", areas);
        rows.put("primary-pollutants", areas);
        rows.put("spillage-dust", Fixture.TOWNSHIPS.size());
        rows.put("alerts-by-kind", 5);
        rows.put("alerts", Fixture.NOVEMBER_ALERTS);
        rows.put("refusals", 3);
        rows.put("refusals-by-source", 2);
        rows.put("stations", 2);
        try (Stream<Path> files = Files.list(dir.resolve("tables"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactlyElementsOf(
                            rows.keySet().stream().map(n -> n + ".csv").sorted().toList());
        }
        assertThat(r.csv()).hasSize(rows.size());
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            List<String> lines = csvLines(dir.resolve("tables").resolve(e.getKey() + ".csv"));
            assertThat(lines).as(e.getKey()).hasSize(1 + e.getValue());
        }
        List<String> daily = csvLines(dir.resolve("tables/daily.csv"));
        assertThat(daily.get(0)).isEqualTo("日期,检查车辆,违法车辆,违法率,未苫盖,超高,超载,遗撒飘散,罚款（元）");
        // day 1: 380 + 3 = 383 inspected, 60 + (1 + 1) % 9 = 62 violating (16.19% -> 16.2),
        // spillage 20 + 1 % 5 = 21, fines 30,000 + 500 = 30,500 yuan, written whole
        assertThat(daily.get(1)).isEqualTo("2026-11-01,383,62,16.2,20,10,8,21,30500");
        List<String> roads = csvLines(dir.resolve("tables/roads.csv"));
        assertThat(roads.get(0))
                .isEqualTo("道路,检查车辆,违法车辆,违法率,未苫盖,超高,超载,遗撒飘散,罚款（元）,检查车辆环比（%）,违法率环比（百分点）");
        // G107: 1,250 of 5,000 = 25.0%; 1,250/3 = 416 uncovered, /5 = 250, /7 = 178, /4 = 312;
        // October 4,000 and 800 (20.0%): +1,000 = +25.0%, +5.0 points
        assertThat(roads.get(1)).isEqualTo("G107,5000,1250,25.0,416,250,178,312,625000,25.0,5.0");
        // S319: the same in both months
        assertThat(roads.get(2)).isEqualTo("S319,4345,745,17.1,248,149,106,186,372500,0.0,0.0");
        assertThat(Files.readString(r.markdown()))
                .contains(
                        "| G107 | 5,000 | 1,250 | 25.0% | 416 | 250 | 178 | 312 | 625,000 | +25.0% | +5.0 |")
                .contains(
                        "| S319 | 4,345 | 745 | 17.1% | 248 | 149 | 106 | 186 | 372,500 | 持平 | 持平 |");
        List<String> air = csvLines(dir.resolve("tables/air-quality.csv"));
        assertThat(air.get(0))
                .isEqualTo(
                        "区域,有效天数,NA,无日报,优,良,轻度污染,中度污染,重度污染,严重污染,优良天数,优良天数比例,PM2.5均值（µg/m³）,PM10均值（µg/m³）");
        assertThat(air.get(1)).isEqualTo("全区,25,4,1,3,7,4,4,4,3,10,40.0,35.4,70.6");
        // a message with a comma and quotes is quoted, the quotes doubled (RFC 4180)
        assertThat(Files.readString(dir.resolve("tables/alerts.csv")))
                .contains(",\"PM10 above 150, \"\"episode\"\"\"\r\n");
    }

    @Test
    void theJsonIsTheWholeModel() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), RenderOptions.chinese(dir));
        assertThat(ReportJson.read(Files.readString(r.json()))).isEqualTo(Fixture.report());
    }

    @Test
    void pdfWithoutChromiumFailsWithTheHowToAfterTheOtherFormats() {
        Optional<Chromium> none = Chromium.find(Map.of("PATH", dir.resolve("empty").toString()));
        assertThat(none).isEmpty();
        assertThatThrownBy(
                        () ->
                                Renderers.write(
                                        Fixture.report(),
                                        new RenderOptions(Lang.ZH, dir, true),
                                        () -> none.orElseThrow(Chromium.MissingException::new)))
                .isInstanceOf(Chromium.MissingException.class)
                .hasMessage(
                        "headless Chromium not found ($DUSTWATCH_CHROMIUM, or chromium or chromium-browser on the PATH): "
                                + "install it with 'sudo apt-get install --no-install-recommends chromium fonts-noto-cjk'");
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        assertThat(dir.resolve("report.md")).isNotEmptyFile();
        assertThat(dir.resolve("report.json")).isNotEmptyFile();
        assertThat(dir.resolve("tables/daily.csv")).isNotEmptyFile();
        assertThat(dir.resolve("report.pdf")).doesNotExist();
    }

    @Test
    void aChromiumThatPrintsNothingIsOneLineWithItsLastWords() throws IOException {
        Path fake =
                Files.writeString(
                        dir.resolve("chromium"),
                        "#!/bin/sh\necho 'boom: no display' >&2\nexit 3\n");
        fake.toFile().setExecutable(true);
        Chromium broken =
                Chromium.find(Map.of("DUSTWATCH_CHROMIUM", fake.toString())).orElseThrow();
        assertThatThrownBy(
                        () ->
                                Renderers.write(
                                        Fixture.report(),
                                        new RenderOptions(Lang.ZH, dir.resolve("out"), true),
                                        () -> broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Chromium wrote no PDF (exit 3): boom: no display");
        assertThat(dir.resolve("out/report.html")).isNotEmptyFile();
    }

    @Test
    void anOutputDirectoryThatCannotBeMadeSaysWhere() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> Renderers.write(Fixture.report(), RenderOptions.chinese(file)))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageStartingWith("cannot write the report into " + file + ": ");
    }

    @Test
    void chromiumIsFoundByItsVariableOrOnThePath() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = Files.writeString(bin.resolve("chromium-browser"), "#!/bin/sh\n");
        fake.toFile().setExecutable(true);
        assertThat(Chromium.find(Map.of("PATH", "/nonexistent:" + bin)).map(Chromium::binary))
                .contains(fake);
        assertThat(
                        Chromium.find(Map.of("PATH", "", "DUSTWATCH_CHROMIUM", fake.toString()))
                                .map(Chromium::binary))
                .contains(fake);
        // a variable that names no program is not silently replaced by the PATH's
        assertThat(
                        Chromium.find(
                                Map.of(
                                        "PATH",
                                        bin.toString(),
                                        "DUSTWATCH_CHROMIUM",
                                        "/no/such/chromium")))
                .isEmpty();
    }

    @Test
    void theHtmlIsSelfContained() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), RenderOptions.chinese(dir));
        String html = Files.readString(r.html(), StandardCharsets.UTF_8);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("<html lang=\"zh-CN\">")
                .contains("<style>");
        // nothing to fetch: no script, no link, no src, no url(), no @import
        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<link")
                .doesNotContain(" src=")
                .doesNotContain("url(")
                .doesNotContain("@import")
                .doesNotContain("<img");
        // the only http:// is the SVG namespace
        assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", ""))
                .doesNotContain("http://")
                .doesNotContain("https://");
    }

    @Test
    void aRoadReportSaysWhichTownshipsItsAirQualityCovers() throws IOException {
        // --road S319: the road crosses both townships, so there is no district and no single
        // area for the headline figures of the air (AirQualityFigures.overall() is null)
        var full = Fixture.report();
        var scope =
                new org.dustwatch.report.ReportScope(
                        null,
                        "S319",
                        Fixture.TOWNSHIPS,
                        org.dustwatch.report.ReportScope.AirCoverage.ROAD_TOWNSHIPS,
                        Fixture.TOWNSHIPS);
        var air = full.current().airQuality();
        var current =
                new org.dustwatch.report.PeriodFigures(
                        full.current().period(),
                        full.current().checkpoints(),
                        full.current().inspections(),
                        new org.dustwatch.report.AirQualityFigures(null, air.townships()),
                        full.current().spillageDust(),
                        full.current().alerts(),
                        full.current().dataQuality());
        var road =
                new org.dustwatch.report.CampaignReport(
                        full.version(),
                        full.generatedAt(),
                        scope,
                        current,
                        full.previous(),
                        full.cumulative(),
                        full.changes(),
                        full.method());
        Rendered r = Renderers.write(road, RenderOptions.chinese(dir));
        String md = Files.readString(r.markdown());
        assertThat(md)
                .contains("范围：S319沿线")
                .contains("本节覆盖S319经过的乡镇：Dongling、Xihe。")
                .doesNotContain("本期全区有效监测天数");
        // the air-quality table has the two townships only
        assertThat(csvLines(dir.resolve("tables/air-quality.csv"))).hasSize(1 + 2);
        String html = Files.readString(r.html());
        assertThat(html.split("data-chart=\"aqi-calendar\"", -1)).hasSize(1 + 2);
    }

    @Test
    void aFirstMonthWithoutAPreviousPeriodSaysThereIsNoComparison() throws IOException {
        // October had nothing at all: no inspections, no daily reports, no alerts, no stations
        var full = Fixture.report();
        var oct = full.previous().period();
        var none = org.dustwatch.report.InspectionCounts.NONE;
        var emptyAir =
                new org.dustwatch.report.AreaAirQuality(
                        "district",
                        "district",
                        List.of("HJ633-2026"),
                        List.of(),
                        0,
                        0,
                        (int) oct.days(),
                        0,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        List.of());
        var empty =
                new org.dustwatch.report.PeriodFigures(
                        oct,
                        new org.dustwatch.report.CheckpointFigures(4, 2, 2, 0, 0, 0, List.of()),
                        new org.dustwatch.report.InspectionFigures(
                                none, List.of(), List.of(), List.of(), List.of()),
                        new org.dustwatch.report.AirQualityFigures(emptyAir, List.of()),
                        new org.dustwatch.report.SpillageDustFigures(List.of()),
                        new org.dustwatch.report.AlertFigures(0, Map.of(), List.of()),
                        new org.dustwatch.report.DataQualityFigures(
                                0, Map.of(), Map.of(), 0, 0, 0, List.of()));
        var first =
                new org.dustwatch.report.CampaignReport(
                        full.version(),
                        full.generatedAt(),
                        full.scope(),
                        full.current(),
                        empty,
                        null,
                        org.dustwatch.report.Changes.between(full.current(), empty),
                        full.method());
        String md = Files.readString(Renderers.write(first, RenderOptions.chinese(dir)).markdown());
        assertThat(md)
                .contains("本期共检查过往车辆12,345辆，上期无数据，无环比；")
                .contains("违法率19.0%，上期无数据，无环比。")
                .contains("行政罚款123.45万元，上期无数据，无环比。")
                .contains("优良天数比例为40.0%，上期无数据，无环比；PM2.5平均浓度为35微克/立方米，上期无数据，无环比；")
                .contains("本期共产生预警4条，上期无数据，无环比；");
        // the previous period's October stays empty in an English report too
        String en =
                Files.readString(
                        Renderers.write(first, new RenderOptions(Lang.EN, dir.resolve("en"), false))
                                .markdown());
        assertThat(en)
                .contains(
                        "12,345 passing vehicles were inspected, no comparison: nothing in the previous period;");
    }

    @Test
    void namesFromReferenceDataCannotInjectMarkup() throws IOException {
        // a road named like markup, in the text, the tables and the SVG of every format
        var full = Fixture.report();
        var f = full.current().inspections();
        String evil = "<script>alert(\"x\")</script> & 'co'";
        var roads = new ArrayList<>(f.roads());
        roads.set(0, new org.dustwatch.report.InspectionFigures.Row(evil, roads.get(0).counts()));
        var current =
                new org.dustwatch.report.PeriodFigures(
                        full.current().period(),
                        full.current().checkpoints(),
                        new org.dustwatch.report.InspectionFigures(
                                f.total(), f.daily(), f.townships(), roads, f.checkpoints()),
                        full.current().airQuality(),
                        full.current().spillageDust(),
                        full.current().alerts(),
                        full.current().dataQuality());
        var r =
                new org.dustwatch.report.CampaignReport(
                        full.version(),
                        full.generatedAt(),
                        full.scope(),
                        current,
                        full.previous(),
                        full.cumulative(),
                        full.changes(),
                        full.method());
        Rendered out = Renderers.write(r, RenderOptions.chinese(dir));
        String html = Files.readString(out.html());
        assertThat(html)
                .doesNotContain("<script")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
        assertThat(Files.readString(out.markdown())).doesNotContain("<script");
        assertThat(csvLines(dir.resolve("tables/roads.csv")).get(1))
                .startsWith("\"<script>alert(\"\"x\"\")</script> & 'co'\",");
    }

    @Test
    void aLongCheckpointTableGoesToTheAnnex() throws IOException {
        // 25 checkpoints (more than 20): the section names the annex, the table comes last
        var full = Fixture.report();
        var f = full.current().inspections();
        var cps = new ArrayList<org.dustwatch.report.InspectionFigures.CheckpointRow>();
        for (int i = 1; i <= 25; i++) {
            cps.add(
                    new org.dustwatch.report.InspectionFigures.CheckpointRow(
                            "CP-" + i, "post " + i, "G107", "Xihe", "FIXED", f.total()));
        }
        var current =
                new org.dustwatch.report.PeriodFigures(
                        full.current().period(),
                        full.current().checkpoints(),
                        new org.dustwatch.report.InspectionFigures(
                                f.total(), f.daily(), f.townships(), f.roads(), cps),
                        full.current().airQuality(),
                        full.current().spillageDust(),
                        full.current().alerts(),
                        full.current().dataQuality());
        var r =
                new org.dustwatch.report.CampaignReport(
                        full.version(),
                        full.generatedAt(),
                        full.scope(),
                        current,
                        full.previous(),
                        full.cumulative(),
                        full.changes(),
                        full.method());
        String md = Files.readString(Renderers.write(r, RenderOptions.chinese(dir)).markdown());
        assertThat(md).contains("各检查点检查情况见附表（共25处）。");
        int annex = md.indexOf("\n## 附表\n");
        assertThat(annex).isGreaterThan(md.indexOf("\n## 六、数据质量\n"));
        assertThat(md.indexOf("**各检查点检查情况**")).isGreaterThan(annex);
        assertThat(csvLines(dir.resolve("tables/checkpoints-inspections.csv"))).hasSize(1 + 25);
    }

    private static List<String> csvLines(Path p) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        assertThat(s).endsWith("\r\n").doesNotStartWith("\uFEFF");
        return List.of(s.split("\r\n"));
    }
}
