package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.PeriodFigures;
import org.dustwatch.report.SpillageDustFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart of PM10 by hour of day after spillage and in other hours, in the HTML the renderer
 * writes from {@link Fixture}: a point per mean of the fixture's series, a gap where the fixture
 * has no mean, a grey stub for the township whose data are too few. The expected points come from
 * the fixture's series (and, as a literal, from its javadoc's counts), never from the renderer.
 */
class SpillageChartTest {
    private static final Pattern ELEMENT = Pattern.compile("<(circle|rect|polyline)\\b([^>]*)>");
    private static final Pattern ATTR = Pattern.compile("([a-z-]+)=\"([^\"]*)\"");

    @TempDir Path dir;

    @Test
    void theFixturesSeriesAgreesWithItsFigures() {
        // the fixture's own consistency, so that the chart tests below draw a believable series
        SpillageDustFigures.SpillageDust xihe = township(Fixture.report(), "Xihe");
        int after = 0;
        int other = 0;
        double weighted = 0;
        int weights = 0;
        for (SpillageDustFigures.HourOfDay h : xihe.byHour()) {
            after += h.afterHours();
            other += h.otherHours();
            if (h.meanAfter() != null && h.meanOther() != null) {
                weighted += h.afterHours() * (h.meanAfter() - h.meanOther());
                weights += h.afterHours();
            }
        }
        assertThat(after).isEqualTo(xihe.afterHours()).isEqualTo(110);
        assertThat(other).isEqualTo(xihe.otherHours()).isEqualTo(520);
        assertThat(after + other).isEqualTo(xihe.hours());
        assertThat(weighted / weights).isCloseTo(xihe.meanExcess(), within());
    }

    @Test
    void aPointPerMeanOfTheFixtureAndAStubForTooFew() throws IOException {
        CampaignReport report = Fixture.report();
        String svg =
                chart(Files.readString(Renderers.write(report, RenderOptions.chinese(dir)).html()));
        List<Map<String, String>> elements = elements(svg);

        // expected from the fixture's series: one point per non-null mean of a township with
        // enough data (Xihe: 9 hours of day with an after mean, 20 with an other mean)
        List<String> expected = new ArrayList<>();
        for (SpillageDustFigures.SpillageDust d : report.current().spillageDust().townships()) {
            if (d.verdict() != SpillageDustFigures.Verdict.ENOUGH_DATA) {
                continue;
            }
            for (SpillageDustFigures.HourOfDay h : d.byHour()) {
                if (h.meanOther() != null) {
                    expected.add(
                            key(
                                    "spillage-other",
                                    d.township(),
                                    h.hour(),
                                    h.otherHours(),
                                    h.meanOther()));
                }
                if (h.meanAfter() != null) {
                    expected.add(
                            key(
                                    "spillage-after",
                                    d.township(),
                                    h.hour(),
                                    h.afterHours(),
                                    h.meanAfter()));
                }
            }
        }
        List<String> drawn = new ArrayList<>();
        for (Map<String, String> e : select(elements, "circle", "point")) {
            drawn.add(
                    key(
                            e.get("data-series"),
                            e.get("data-township"),
                            Integer.parseInt(e.get("data-hour")),
                            Integer.parseInt(e.get("data-hours")),
                            Double.parseDouble(e.get("data-value"))));
        }
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(drawn.stream().filter(k -> k.startsWith("spillage-after Xihe "))).hasSize(9);
        assertThat(drawn.stream().filter(k -> k.startsWith("spillage-other Xihe "))).hasSize(20);
        assertThat(drawn.stream().filter(k -> k.contains(" Dongling "))).isEmpty();

        // Dongling's data are too few: a grey stub with the notice, and no line
        assertThat(select(elements, "rect", "stub"))
                .extracting(m -> m.get("data-township"))
                .containsExactly("Dongling");
        assertThat(svg).contains("数据过少，不作结论").contains("遗撒后小时").contains("无遗撒小时");

        // lines join consecutive hours only: the other hours run 0-2, 4-11, 15-23 (none at 3,
        // none at all at 12-14), the after hours 0-5 and 21-23
        assertThat(select(elements, "polyline", "line"))
                .extracting(m -> m.get("data-series") + " " + m.get("points").split(" ").length)
                .containsExactlyInAnyOrder(
                        "spillage-other 3",
                        "spillage-other 8",
                        "spillage-other 9",
                        "spillage-after 6",
                        "spillage-after 3");
        // Xihe's panel names its excess, 12.34 rounded to 12.3
        assertThat(svg).contains("Xihe（超出量+12.3 µg/m³）");
    }

    @Test
    void theEnglishEditionHasEnglishLabels() throws IOException {
        String svg =
                chart(
                        Files.readString(
                                Renderers.write(
                                                Fixture.report(),
                                                new RenderOptions(Lang.EN, dir, false))
                                        .html()));
        assertThat(svg)
                .contains("PM10 by hour of day: hours after spillage against other hours")
                .contains("hours after spillage")
                .contains("other hours")
                .contains("too few data to conclude")
                .contains("Xihe (excess +12.3 µg/m³)")
                .doesNotContain("遗撒");
        assertThat(select(elements(svg), "circle", "point")).hasSize(9 + 20);
    }

    @Test
    void aReportWithoutTheSeriesDrawsAStubNotAnEmptyPlot() throws IOException {
        // a report read from a JSON written before byHour: Xihe has enough data but no series
        CampaignReport full = Fixture.report();
        List<SpillageDustFigures.SpillageDust> bare = new ArrayList<>();
        for (SpillageDustFigures.SpillageDust d : full.current().spillageDust().townships()) {
            bare.add(
                    new SpillageDustFigures.SpillageDust(
                            d.township(),
                            d.hours(),
                            d.spillageHours(),
                            d.spillages(),
                            d.afterHours(),
                            d.otherHours(),
                            d.correlation(),
                            d.meanExcess(),
                            d.verdict(),
                            null));
        }
        PeriodFigures c = full.current();
        CampaignReport old =
                new CampaignReport(
                        full.version(),
                        full.generatedAt(),
                        full.scope(),
                        new PeriodFigures(
                                c.period(),
                                c.checkpoints(),
                                c.inspections(),
                                c.airQuality(),
                                new SpillageDustFigures(bare),
                                c.alerts(),
                                c.dataQuality()),
                        full.previous(),
                        full.cumulative(),
                        full.changes(),
                        full.method());
        String html = Files.readString(Renderers.write(old, RenderOptions.chinese(dir)).html());
        String svg = chart(html);
        assertThat(select(elements(svg), "circle", "point")).isEmpty();
        assertThat(select(elements(svg), "rect", "stub"))
                .extracting(m -> m.get("data-township"))
                .containsExactly("Dongling", "Xihe");
        assertThat(svg).contains("本报告无按时段数据");
        // the excess is still in the text
        assertThat(html).contains("高出12.3微克/立方米");
    }

    private static SpillageDustFigures.SpillageDust township(CampaignReport r, String name) {
        return r.current().spillageDust().townships().stream()
                .filter(d -> d.township().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static String key(String series, String township, int hour, int hours, double mean) {
        return series + " " + township + " " + hour + " " + hours + " " + mean;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-9);
    }

    /** The one {@code svg} of the chart (exactly one in the page). */
    private static String chart(String html) {
        String[] parts = html.split("data-chart=\"spillage-by-hour\"", -1);
        assertThat(parts).as("spillage-by-hour charts").hasSize(2);
        return parts[1].substring(0, parts[1].indexOf("</svg>"));
    }

    private static List<Map<String, String>> elements(String svg) {
        List<Map<String, String>> out = new ArrayList<>();
        Matcher m = ELEMENT.matcher(svg);
        while (m.find()) {
            Map<String, String> attrs = new HashMap<>();
            attrs.put("element", m.group(1));
            Matcher a = ATTR.matcher(m.group(2));
            while (a.find()) {
                attrs.put(a.group(1), a.group(2));
            }
            out.add(attrs);
        }
        return out;
    }

    private static List<Map<String, String>> select(
            List<Map<String, String>> elements, String element, String cls) {
        return elements.stream()
                .filter(e -> element.equals(e.get("element")))
                .filter(e -> cls.equals(e.get("class")))
                .toList();
    }
}
