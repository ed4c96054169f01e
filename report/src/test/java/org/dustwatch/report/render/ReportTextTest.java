package org.dustwatch.report.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dustwatch.report.CampaignReport;
import org.junit.jupiter.api.Test;

/**
 * The report's sentences on {@link Fixture}, every number worked out by hand from the fixture's
 * constants (the working is in the comments), never from the renderer.
 */
class ReportTextTest {
    private static final CampaignReport REPORT = Fixture.report();

    private static String text(Lang lang) {
        StringBuilder b = new StringBuilder();
        for (Doc.Block block : ReportText.build(REPORT, lang)) {
            if (block instanceof Doc.Paragraph p) {
                b.append(p.text()).append('\n');
            } else if (block instanceof Doc.Heading h) {
                b.append(h.text()).append('\n');
            }
        }
        return b.toString();
    }

    @Test
    void theHeadlineIsTheCumulativeTotalsInTheAnalystsSentence() {
        // since 2026-09-01: 34,567 inspected, 1,890 spillage, 3,456,700 yuan = 345.67万元
        assertThat(Headline.of(REPORT, Lang.ZH))
                .isEqualTo("截至2026年11月30日，共检查过往车辆34,567辆，查处遗撒飘散行为1,890起，行政罚款345.67万元。");
        assertThat(Headline.of(REPORT, Lang.EN))
                .isEqualTo(
                        "As of 30 November 2026, 34,567 passing vehicles had been inspected, 1,890"
                                + " spillage violations found and fines of 3,456,700 yuan imposed.");
    }

    @Test
    void withoutSinceTheHeadlineIsThePeriods() {
        CampaignReport r = REPORT;
        CampaignReport noSince =
                new CampaignReport(
                        r.version(),
                        r.generatedAt(),
                        r.scope(),
                        r.current(),
                        r.previous(),
                        null,
                        r.changes(),
                        r.method());
        assertThat(Headline.of(noSince, Lang.ZH))
                .isEqualTo("2026年11月1日至2026年11月30日，共检查过往车辆12,345辆，查处遗撒飘散行为678起，行政罚款123.45万元。");
    }

    @Test
    void checkpointsAreTheReferenceDatasFixedOrMobileOnes() {
        // 4 checkpoints, 2 fixed, 2 mobile; active 4 (2 + 2) against October's 3: +1 = 33.3%
        assertThat(text(Lang.ZH))
                .contains(
                        "全区设置了4处固定或流动检查点（固定检查点2处、流动检查点2处）。本期有检查记录的检查点4处（固定2处、流动2处），环比增加1处（33.3%）。")
                .doesNotContain("执勤点");
    }

    @Test
    void inspectionsBesideThePreviousPeriod() {
        // 12,345 vs 11,111: +1,234 = 11.106% ; 2,345 vs 2,000: +345 = 17.25% -> 17.2 (half to even)
        // rate 2,345/12,345 = 18.996% -> 19.0; against 2,000/11,111 = 18.000%: +0.995 points -> 1.0
        // uncovered 901 vs 800: 12.625% -> 12.6; over-height 456 vs 400: 14.0; overload 310 vs
        // 300: 3.33 -> 3.3; spillage 678 vs 734: -56 = 7.63% -> 7.6
        // fines 1,234,500 = 123.45万 vs 1,000,000: +234,500 = 23.45万, 23.45% -> 23.4
        assertThat(text(Lang.ZH))
                .contains(
                        "本期共检查过往车辆12,345辆，环比增加1,234辆（11.1%）；查处违法车辆2,345辆，环比增加345辆（17.2%）；违法率19.0%，环比上升1.0个百分点。"
                                + "按违法类型：未苫盖901起，环比增加101起（12.6%）；超高456起，环比增加56起（14.0%）；超载310起，环比增加10起（3.3%）；"
                                + "查处机动车上道路行驶遗撒飘散行为678起，环比减少56起（7.6%）。行政罚款123.45万元，环比增加23.45万元（23.4%）。");
        assertThat(text(Lang.EN))
                .contains(
                        "12,345 passing vehicles were inspected, up 1,234 (11.1%) on the previous period;")
                .contains("Fines: 1,234,500 yuan, up 234,500 yuan (23.4%) on the previous period.");
    }

    @Test
    void airQualityDaysRatioAndMeans() {
        // November (Fixture.area, shift 1): levels 优3 良7 轻4 中4 重4 严3 = 25 valid, NA 4,
        // day 30 missing; good 10/25 = 40.0%. October: good 11 of 26 valid.
        // valid 25 vs 26: -1 = 3.85% -> 3.8; good 10 vs 11: -1 = 9.09% -> 9.1
        // 10/25 - 11/26 = -15/650 = -2.31 points -> 2.3; PM2.5 35.4 (-> 35) vs 37.0: -4.32% ->
        // 4.3; PM10 70.6 (-> 71) vs 68.0: +3.82% -> 3.8
        assertThat(text(Lang.ZH))
                .contains(
                        "本期全区有效监测天数25天，环比减少1天（3.8%），其中优3天、良7天、轻度污染4天、中度污染4天、重度污染4天、严重污染3天；另有NA 4天、无日报1天。"
                                + "优良天数10天，环比减少1天（9.1%），优良天数比例为40.0%，环比下降2.3个百分点；PM2.5平均浓度为35微克/立方米，环比下降4.3%；"
                                + "PM10平均浓度为71微克/立方米，环比上升3.8%。");
        assertThat(text(Lang.EN))
                .contains(
                        "The district had 25 valid days, down 1 (3.8%) on the previous period (Excellent 3, Good 7, Lightly polluted 4,"
                                + " Moderately polluted 4, Heavily polluted 4, Severely polluted 3), besides 4 NA days and 1 without a daily report."
                                + " 10 days were good, down 1 (9.1%) on the previous period, a good-day ratio of 40.0%, down 2.3 percentage points"
                                + " on the previous period; mean PM2.5 35 µg/m³, down 4.3% on the previous period;");
    }

    @Test
    void spillageAndDustSaysWhenTheDataAreTooFew() {
        String zh = text(Lang.ZH);
        assertThat(zh)
                .contains("Dongling：数据过少，不作结论（遗撒小时6个、无遗撒小时600个）。")
                .contains(
                        "Xihe：遗撒后小时的PM10比同一时段的无遗撒小时平均高出12.3微克/立方米，偏相关系数0.23（遗撒小时40个、遗撒55起，遗撒后小时110个、无遗撒小时520个）。")
                // the method paragraph: the lag of 3 hours and the thresholds 10 and 48
                .contains("以该小时及此前2小时的遗撒飘散违法起数之和为其遗撒暴露")
                .contains("有遗撒的小时少于10个或无遗撒小时少于48个时，数据过少，不作结论。")
                .contains("只在一天中的同一时段内作比较");
        assertThat(text(Lang.EN))
                .contains("Dongling: too few data to conclude (6 spillage hours, 600 other hours).")
                .contains("compared only with hours of the same hour of day");
    }

    @Test
    void alertsAndDataQuality() {
        // the fixture has the same alerts and refusals in both periods: 持平
        assertThat(text(Lang.ZH))
                .contains("本期共产生预警4条，环比持平；其中违法突增2条、污染过程1条、站点静默0条、重复违法车辆1条、设备时钟偏差0条。")
                .contains("本期拒收记录208条，环比持平，其中迟到（超过允许迟到时间）8条，环比持平；重复记录31条，环比持平，其中更正数值的4条。")
                .doesNotContain("未记原因");
    }

    @Test
    void refusalsWithoutAReasonAreSaidToBeInNoRowOfTheTable() {
        org.dustwatch.report.DataQualityFigures q =
                new org.dustwatch.report.DataQualityFigures(
                        35,
                        java.util.Map.of("MALFORMED_JSON", 7L, "LATE", 2L),
                        java.util.Map.of("dustwatch.inspections", 9L),
                        4,
                        5,
                        2,
                        List.of(),
                        26);
        assertThat(QualityText.withoutReason(q, Lang.ZH))
                .isEqualTo("；另有26条拒收于按原因计数之前，未记原因，不在按原因表中");
        assertThat(QualityText.withoutReason(q, Lang.EN))
                .isEqualTo(
                        "; 26 were refused before reasons were counted and are in no row of the"
                                + " table by reason");
    }

    @Test
    void theSixSectionsInOrder() {
        List<String> headings =
                ReportText.build(REPORT, Lang.ZH).stream()
                        .filter(b -> b instanceof Doc.Heading h && h.level() == 2)
                        .map(b -> ((Doc.Heading) b).text())
                        .toList();
        assertThat(headings)
                .containsExactly(
                        "一、检查点设置情况", "二、车辆检查与查处情况", "三、空气质量状况", "四、遗撒飘散与扬尘", "五、预警情况", "六、数据质量");
    }
}
