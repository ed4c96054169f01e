package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.SpillageDustFigures;
import org.dustwatch.report.SpillageMethod;

/**
 * Section 4, spillage and dust: the paragraph on the method (PM10 anomalies against the same hour
 * of day, the lag, the thresholds below which the data are too few), each township's result or "too
 * few data to conclude", the chart of the PM10 excess, the chart of PM10 by hour of day after
 * spillage and in other hours ({@link SpillageChart}) and the table.
 */
final class SpillageText {
    private SpillageText() {}

    static void spillageDust(CampaignReport r, Lang lang, List<Doc.Block> out) {
        SpillageMethod m = r.method();
        out.add(new Doc.Paragraph(method(m, lang), "method"));
        SpillageDustFigures f = r.current().spillageDust();
        List<Charts.Bar> bars = new ArrayList<>();
        TableBuilder t =
                new TableBuilder(
                        "spillage-dust",
                        lang.pick("遗撒飘散与PM10", "Spillage and PM10"),
                        lang,
                        lang == Lang.ZH
                                ? List.of(
                                        "乡镇",
                                        "有PM10的小时",
                                        "遗撒小时",
                                        "遗撒起数",
                                        "遗撒后小时",
                                        "无遗撒小时",
                                        "相关系数",
                                        "PM10超出量（µg/m³）",
                                        "结论")
                                : List.of(
                                        "township",
                                        "hours with PM10",
                                        "spillage hours",
                                        "spillages",
                                        "after hours",
                                        "other hours",
                                        "correlation",
                                        "PM10 excess (µg/m³)",
                                        "verdict"));
        for (SpillageDustFigures.SpillageDust d : f.townships()) {
            boolean few = d.verdict() == SpillageDustFigures.Verdict.TOO_FEW;
            out.add(new Doc.Paragraph(township(d, few, lang)));
            t.row()
                    .text(d.township())
                    .count(d.hours())
                    .count(d.spillageHours())
                    .count(d.spillages())
                    .count(d.afterHours())
                    .count(d.otherHours())
                    .decimal(d.correlation(), 2)
                    .decimal(d.meanExcess(), 1)
                    .text(
                            few
                                    ? lang.pick("数据过少", "too few data")
                                    : lang.pick("可下结论", "enough data"));
            bars.add(
                    new Charts.Bar(
                            d.township(),
                            d.meanExcess() == null ? 0 : d.meanExcess(),
                            few || d.meanExcess() == null
                                    ? lang.pick("数据过少", "too few data")
                                    : Numbers.decimal(BigDecimal.valueOf(d.meanExcess()), 1)
                                            + " µg/m³",
                            few));
        }
        String title =
                lang.pick(
                        "遗撒后小时PM10超出量（已控制时段）",
                        "PM10 excess after spillage hours (hour of day controlled)");
        out.add(
                new Doc.Chart(
                        "spillage-pm10", title, Charts.diverging("spillage-pm10", title, bars)));
        if (!f.townships().isEmpty()) {
            String byHour =
                    lang.pick(
                            "分时段PM10：遗撒后小时与无遗撒小时",
                            "PM10 by hour of day: hours after spillage against other hours");
            out.add(
                    new Doc.Chart(
                            SpillageChart.NAME,
                            byHour,
                            SpillageChart.draw(byHour, f.townships(), lang)));
        }
        out.add(t.build());
    }

    private static String township(SpillageDustFigures.SpillageDust d, boolean few, Lang lang) {
        if (few || d.meanExcess() == null) {
            return lang == Lang.ZH
                    ? d.township()
                            + "：数据过少，不作结论（遗撒小时"
                            + d.spillageHours()
                            + "个、无遗撒小时"
                            + d.otherHours()
                            + "个）。"
                    : d.township()
                            + ": too few data to conclude ("
                            + d.spillageHours()
                            + " spillage hours, "
                            + d.otherHours()
                            + " other hours).";
        }
        String excess = Numbers.decimal(BigDecimal.valueOf(Math.abs(d.meanExcess())), 1);
        String r =
                d.correlation() == null
                        ? lang.pick("无法计算", "undefined")
                        : Numbers.decimal(BigDecimal.valueOf(d.correlation()), 2);
        boolean higher = d.meanExcess() >= 0;
        return lang == Lang.ZH
                ? d.township()
                        + "：遗撒后小时的PM10比同一时段的无遗撒小时平均"
                        + (higher ? "高出" : "低")
                        + excess
                        + "微克/立方米，偏相关系数"
                        + r
                        + "（遗撒小时"
                        + d.spillageHours()
                        + "个、遗撒"
                        + Numbers.count(d.spillages())
                        + "起，遗撒后小时"
                        + d.afterHours()
                        + "个、无遗撒小时"
                        + d.otherHours()
                        + "个）。"
                : d.township()
                        + ": PM10 in the hours after spillage was "
                        + excess
                        + " µg/m³ "
                        + (higher ? "above" : "below")
                        + " the hours without at the same hour of day, partial correlation "
                        + r
                        + " ("
                        + d.spillageHours()
                        + " spillage hours with "
                        + Numbers.count(d.spillages())
                        + " spillages, "
                        + d.afterHours()
                        + " after hours, "
                        + d.otherHours()
                        + " other hours).";
    }

    /** The method as {@code SpillageAnalysis} computes it, with the report's parameters. */
    private static String method(SpillageMethod m, Lang lang) {
        int lag = m.lagHours();
        if (lang == Lang.ZH) {
            return "方法：夜间运输高峰与夜间逆温同时出现，不加控制的比较会发现并不存在的关联，因此只在一天中的同一时段内作比较。"
                    + "每个有PM10小时均值的小时，以该小时及此前"
                    + (lag - 1)
                    + "小时的遗撒飘散违法起数之和为其遗撒暴露；暴露大于0的小时为“遗撒后”小时，其余为“无遗撒”小时。"
                    + "PM10超出量：在一天中同时有两类小时的每个时段（例如每日2时），求遗撒后小时与无遗撒小时的PM10均值之差，"
                    + "再以各时段的遗撒后小时数为权重求平均；只有一类小时的时段不计。"
                    + "偏相关系数：遗撒暴露与PM10各自减去本期同一时段的均值后，二者的皮尔逊相关系数。"
                    + "有遗撒的小时少于"
                    + m.minSpillageHours()
                    + "个或无遗撒小时少于"
                    + m.minOtherHours()
                    + "个时，数据过少，不作结论。相关不等于因果。";
        }
        return "Method: night haulage and night-time inversions peak together, so an uncontrolled"
                + " comparison would find a link that is not there; hours are compared only with"
                + " hours of the same hour of day. Each hour with a PM10 mean has an exposure, the"
                + " spillage violations in it and the "
                + (lag - 1)
                + " hours before it; an hour with an exposure above 0 is an \"after\" hour, any"
                + " other an \"other\" hour. The PM10 excess: for each hour of day with both kinds"
                + " of hour (say 02:00), the mean PM10 of its after hours minus that of its other"
                + " hours, averaged with the after hours as weights; hours of day with one kind"
                + " only do not count. The partial correlation: Pearson's r of the exposure and"
                + " PM10, each less its mean at the same hour of day over the period. With fewer"
                + " than "
                + m.minSpillageHours()
                + " hours with spillage or fewer than "
                + m.minOtherHours()
                + " other hours the data are too few to conclude. A correlation is not a cause.";
    }
}
