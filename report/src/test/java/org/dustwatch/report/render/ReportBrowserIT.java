package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.dustwatch.report.AreaAirQuality;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.SpillageDustFigures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real browser draws the report (issue #22, "A real browser draws it"): the {@link Fixture}
 * report rendered to HTML and opened in Debian's headless Chromium. From the DOM after loading
 * ({@code --dump-dom}) it counts what every chart drew, against counts taken from the fixture's
 * days, roads, townships and calendar (not from the renderer); it checks the browser console is
 * silent, that the screenshot is not blank and shows each HJ 633 level colour of the fixture, that
 * Chinese glyphs are drawn (not the empty boxes of a missing CJK font), and that the PDF's text
 * ({@code pdftotext}) holds the headline with the right numbers and every section heading, in
 * Chinese and in English.
 *
 * <p>Without Chromium, a CJK font or pdftotext it fails and says how to install them: {@code
 * bin/dustwatch test} installs them as root.
 */
class ReportBrowserIT {
    private static final String HOW_TO =
            "run 'sudo apt-get install --no-install-recommends chromium fonts-noto-cjk poppler-utils'"
                    + " (bin/dustwatch test does it as root)";

    /** Worked out by hand from the fixture: since 2026-09-01, 3,456,700 yuan = 345.67万元. */
    private static final String HEADLINE_ZH =
            "截至2026年11月30日，共检查过往车辆34,567辆，查处遗撒飘散行为1,890起，行政罚款345.67万元。";

    private static final String HEADLINE_EN =
            "As of 30 November 2026, 34,567 passing vehicles had been inspected, 1,890 spillage"
                    + " violations found and fines of 3,456,700 yuan imposed.";

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

    /** HJ 633's level colours (appendix A) as RGB, and the report's grey for NA. */
    private static final Map<String, int[]> COLOURS =
            Map.of(
                    "1", new int[] {0, 228, 0},
                    "2", new int[] {255, 255, 0},
                    "3", new int[] {255, 126, 0},
                    "4", new int[] {255, 0, 0},
                    "5", new int[] {153, 0, 76},
                    "6", new int[] {126, 0, 35},
                    "na", new int[] {189, 189, 189});

    private static final Pattern ELEMENT = Pattern.compile("<(rect|circle|svg)\\b([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([\\w-]+)=\"([^\"]*)\"");

    private static Chromium chromium;

    @TempDir Path dir;

    @BeforeAll
    static void theBrowserAndItsFonts() {
        chromium =
                Chromium.find()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                new Chromium.MissingException().getMessage()));
        assertThat(Chromium.hasChineseFont())
                .withFailMessage(
                        "no font with Chinese glyphs (fc-list :lang=zh is empty): " + HOW_TO)
                .isTrue();
        assertThat(onPath("pdftotext")).withFailMessage("pdftotext not found: " + HOW_TO).isTrue();
    }

    @Test
    void everyChartIsDrawnWithTheFixturesCounts() throws IOException {
        CampaignReport report = Fixture.report();
        Rendered r = Renderers.write(report, RenderOptions.chinese(dir));
        Chromium.Run run = chromium.dumpDom(r.html());
        String dom = new String(run.stdout(), StandardCharsets.UTF_8);
        assertThat(dom).contains("</html>");
        List<Map<String, String>> elements = elements(dom);

        int days = (int) Fixture.NOVEMBER.days();
        for (String series : List.of("inspections", "violations", "fines")) {
            List<Map<String, String>> bars = select(elements, "rect", "bar", "data-series", series);
            assertThat(bars).as(series + " bars").hasSize(days);
            for (Map<String, String> b : bars) {
                // a bar of a positive value has a height (the fixture has no empty day)
                assertThat(Long.parseLong(b.get("data-value"))).isPositive();
                assertThat(Double.parseDouble(b.get("height"))).as(b.toString()).isPositive();
            }
        }
        assertThat(select(elements, "rect", "bar", "data-series", "road-rates"))
                .extracting(m -> m.get("data-name"))
                .containsExactlyElementsOf(Fixture.ROADS);
        assertThat(select(elements, "rect", "bar", "data-series", "spillage-pm10"))
                .extracting(m -> m.get("data-name"))
                .containsExactlyElementsOf(Fixture.TOWNSHIPS);

        // PM10 by hour of day: a point per mean of the fixture's series of a township with
        // enough data (Xihe: 9 after, 20 other), a grey stub for the one with too few (Dongling)
        for (String series : List.of("spillage-after", "spillage-other")) {
            Map<String, Integer> expectedPoints = new HashMap<>();
            for (SpillageDustFigures.SpillageDust d : report.current().spillageDust().townships()) {
                if (d.verdict() == SpillageDustFigures.Verdict.ENOUGH_DATA) {
                    for (SpillageDustFigures.HourOfDay h : d.byHour()) {
                        Double mean =
                                series.equals("spillage-after") ? h.meanAfter() : h.meanOther();
                        if (mean != null) {
                            expectedPoints.merge(d.township(), 1, Integer::sum);
                        }
                    }
                }
            }
            Map<String, Integer> drawnPoints = new HashMap<>();
            for (Map<String, String> p :
                    select(elements, "circle", "point", "data-series", series)) {
                drawnPoints.merge(p.get("data-township"), 1, Integer::sum);
            }
            assertThat(drawnPoints).as(series).isEqualTo(expectedPoints);
        }
        assertThat(select(elements, "circle", "point", "data-series", "spillage-after")).hasSize(9);
        assertThat(select(elements, "circle", "point", "data-series", "spillage-other"))
                .hasSize(20);
        assertThat(select(elements, "rect", "stub", null, null))
                .extracting(m -> m.get("data-township"))
                .containsExactly("Dongling");

        // the calendars: one cell per day and area, each of the level of the fixture's day
        List<AreaAirQuality> areas = new ArrayList<>();
        areas.add(report.current().airQuality().district());
        areas.addAll(report.current().airQuality().townships());
        List<Map<String, String>> cells = select(elements, "rect", "cell", null, null);
        assertThat(cells).hasSize(areas.size() * days);
        Map<String, String> drawn = new HashMap<>();
        for (Map<String, String> c : cells) {
            drawn.put(c.get("data-area") + " " + c.get("data-day"), c.get("data-level"));
        }
        Map<String, String> expected = new HashMap<>();
        for (AreaAirQuality a : areas) {
            String name = "district".equals(a.scope()) ? "全区" : a.area();
            for (AreaAirQuality.AqiDay d : a.calendar()) {
                expected.put(
                        name + " " + d.date(),
                        "ok".equals(d.status()) ? d.level().toString() : "na");
            }
        }
        assertThat(drawn).isEqualTo(expected);
        assertThat(select(elements, "rect", "legend-swatch", null, null))
                .extracting(m -> m.get("data-level"))
                .containsExactly("1", "2", "3", "4", "5", "6", "na");

        // every chart drew something: 3 daily panels, road rates, legend, 3 calendars, the
        // spillage excess and PM10 by hour of day
        Map<String, Integer> drawnPerSvg = drawnPerSvg(dom);
        assertThat(drawnPerSvg).hasSize(7 + areas.size());
        assertThat(drawnPerSvg.values()).allMatch(n -> n > 0);

        // no console line at all: the page has no script, so any message is an error
        assertThat(run.consoleLines()).isEmpty();
        assertThat(run.stderr()).doesNotContain("Uncaught");
    }

    @Test
    void theConsoleCaptureSeesAnError() throws IOException {
        // the check above is only as good as the capture: a page that logs an error shows it
        Path page = dir.resolve("error.html");
        Files.writeString(
                page,
                "<!DOCTYPE html><html><body><script>console.error('canary');"
                        + "undefinedFunction();</script></body></html>");
        Chromium.Run run = chromium.dumpDom(page);
        assertThat(String.join("\n", run.consoleLines())).contains("canary").contains("Uncaught");
    }

    @Test
    void theScreenshotShowsTheChartsInTheLevelColours() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), RenderOptions.chinese(dir));
        Path png = dir.resolve("report.png");
        chromium.screenshot(r.html(), png, 1200, 7000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as("the screenshot").isNotNull();
        Map<String, Integer> colourPixels = new LinkedHashMap<>();
        long nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                if (rgb != 0xFFFFFF) {
                    nonWhite++;
                }
                for (Map.Entry<String, int[]> e : COLOURS.entrySet()) {
                    int[] c = e.getValue();
                    if (rgb == (c[0] << 16 | c[1] << 8 | c[2])) {
                        colourPixels.merge(e.getKey(), 1, Integer::sum);
                    }
                }
            }
        }
        long all = (long) img.getWidth() * img.getHeight();
        assertThat(nonWhite).as("non-white pixels of " + all).isGreaterThan(all / 20);
        // the fixture has every level and NA days; a cell is 16 x 16 px
        for (String level : COLOURS.keySet()) {
            assertThat(colourPixels.getOrDefault(level, 0))
                    .as("pixels of level " + level)
                    .isGreaterThan(3 * 16 * 16);
        }
    }

    @Test
    void chineseGlyphsAreDrawnNotEmptyBoxes() throws IOException {
        // Chinese text against the same number of private-use characters, which no font has:
        // without a CJK font both are the same empty boxes
        BufferedImage chinese = shot("检查过往车辆遗撒飘散");
        BufferedImage boxes = shot("\uE000\uE001\uE002\uE003\uE004\uE005\uE006\uE007\uE008\uE009");
        assertThat(differentPixels(chinese, boxes))
                .withFailMessage("Chinese text renders as empty boxes: " + HOW_TO)
                .isGreaterThan(200);
    }

    @Test
    void thePdfHasTheHeadlineAndEverySectionInChinese() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), new RenderOptions(Lang.ZH, dir, true));
        String text = pdfText(r.pdf()).replaceAll("\\s+", "");
        assertThat(text).contains(HEADLINE_ZH);
        for (String h : HEADINGS_ZH) {
            assertThat(text).contains(h);
        }
    }

    @Test
    void thePdfHasTheHeadlineAndEverySectionInEnglish() throws IOException {
        Rendered r = Renderers.write(Fixture.report(), new RenderOptions(Lang.EN, dir, true));
        String text = pdfText(r.pdf()).replaceAll("\\s+", " ");
        assertThat(text).contains(HEADLINE_EN);
        for (String h : HEADINGS_EN) {
            assertThat(text).contains(h);
        }
    }

    private BufferedImage shot(String text) throws IOException {
        Path html = dir.resolve("probe-" + text.hashCode() + ".html");
        Files.writeString(
                html,
                "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>body{font-family:"
                        + Svg.FONTS
                        + ";font-size:40px;margin:10px}</style></head><body>"
                        + text
                        + "</body></html>",
                StandardCharsets.UTF_8);
        Path png = dir.resolve("probe-" + text.hashCode() + ".png");
        chromium.screenshot(html, png, 600, 80);
        return ImageIO.read(png.toFile());
    }

    private static int differentPixels(BufferedImage a, BufferedImage b) {
        int n = 0;
        for (int y = 0; y < Math.min(a.getHeight(), b.getHeight()); y++) {
            for (int x = 0; x < Math.min(a.getWidth(), b.getWidth()); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Every rect, circle and svg start tag of the DOM with its attributes, in document order. */
    private static List<Map<String, String>> elements(String dom) {
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = ELEMENT.matcher(dom);
        while (m.find()) {
            Map<String, String> attrs = new HashMap<>();
            attrs.put("element", m.group(1));
            Matcher a = ATTR.matcher(m.group(2));
            while (a.find()) {
                attrs.put(a.group(1), unescape(a.group(2)));
            }
            out.add(attrs);
        }
        return out;
    }

    private static List<Map<String, String>> select(
            List<Map<String, String>> elements,
            String element,
            String cls,
            String attr,
            String value) {
        return elements.stream()
                .filter(e -> element.equals(e.get("element")))
                .filter(e -> cls.equals(e.get("class")))
                .filter(e -> attr == null || value.equals(e.get(attr)))
                .toList();
    }

    /**
     * Per chart (each {@code svg.chart} in order), how many bars, cells, points, stubs or swatches.
     */
    private static Map<String, Integer> drawnPerSvg(String dom) {
        Map<String, Integer> out = new LinkedHashMap<>();
        String[] parts = dom.split("<svg\\b");
        for (int i = 1; i < parts.length; i++) {
            String svg = parts[i].substring(0, parts[i].indexOf("</svg>"));
            Matcher m = Pattern.compile("data-chart=\"([^\"]+)\"").matcher(svg);
            String name = (m.find() ? m.group(1) : "?") + "#" + i;
            Matcher drawn =
                    Pattern.compile("class=\"(bar|cell|point|stub|legend-swatch)\"").matcher(svg);
            int n = 0;
            while (drawn.find()) {
                n++;
            }
            out.put(name, n);
        }
        return out;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
    }

    private static String pdfText(Path pdf) throws IOException {
        assertThat(pdf).isNotEmptyFile();
        Process p =
                new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-")
                        .redirectErrorStream(true)
                        .start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
