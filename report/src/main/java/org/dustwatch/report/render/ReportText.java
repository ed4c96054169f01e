package org.dustwatch.report.render;

import java.util.ArrayList;
import java.util.List;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.CheckpointFigures;
import org.dustwatch.report.ReportPeriod;
import org.dustwatch.report.ReportScope;

/**
 * The report's content in one edition: the title, the headline and the six sections in the order of
 * the issue, as {@link Doc} blocks. The sentences follow the analysts' own style ("设置了×××处固定或流动
 * 检查点"), every figure beside the previous period's; the sections are in {@link InspectionText},
 * {@link AirText}, {@link SpillageText} and {@link QualityText}.
 */
final class ReportText {
    private ReportText() {}

    /** The section headings, in order, as the edition prints them. */
    static List<String> headings(Lang lang) {
        return lang == Lang.ZH
                ? List.of("一、检查点设置情况", "二、车辆检查与查处情况", "三、空气质量状况", "四、遗撒飘散与扬尘", "五、预警情况", "六、数据质量")
                : List.of(
                        "1. Checkpoints",
                        "2. Inspections",
                        "3. Air quality",
                        "4. Spillage and dust",
                        "5. Alerts",
                        "6. Data quality");
    }

    static List<Doc.Block> build(CampaignReport r, Lang lang) {
        List<Doc.Block> out = new ArrayList<>();
        List<String> h = headings(lang);
        out.add(new Doc.Heading(1, "title", title(r, lang)));
        out.add(new Doc.Paragraph(subtitle(r, lang), "note"));
        out.add(new Doc.Paragraph(Headline.of(r, lang), "headline"));
        if (r.cumulative() != null) {
            out.add(new Doc.Paragraph(cumulative(r, lang), "note"));
        }
        out.add(new Doc.Heading(2, "checkpoints", h.get(0)));
        checkpoints(r, lang, out);
        out.add(new Doc.Heading(2, "inspections", h.get(1)));
        InspectionText.section(r, lang, out);
        out.add(new Doc.Heading(2, "air-quality", h.get(2)));
        AirText.airQuality(r, lang, out);
        out.add(new Doc.Heading(2, "spillage-dust", h.get(3)));
        SpillageText.spillageDust(r, lang, out);
        out.add(new Doc.Heading(2, "alerts", h.get(4)));
        QualityText.alerts(r, lang, out);
        out.add(new Doc.Heading(2, "data-quality", h.get(5)));
        QualityText.dataQuality(r, lang, out);
        InspectionText.annex(r, lang, out);
        return out;
    }

    /** The area the report covers, as the sentences name it: 全区, a township, a road. */
    static String scopeName(ReportScope s, Lang lang) {
        if (s.road() != null) {
            return lang == Lang.ZH ? s.road() + "沿线" : "along " + s.road();
        }
        if (s.township() != null) {
            return s.township();
        }
        return lang.pick("全区", "the district");
    }

    static String span(ReportPeriod p, Lang lang) {
        return Numbers.date(p.from(), lang) + lang.pick("至", " to ") + Numbers.date(p.to(), lang);
    }

    private static String title(CampaignReport r, Lang lang) {
        return lang == Lang.ZH
                ? "城市抛洒歼灭战工作情况报告（" + span(r.period(), lang) + "）"
                : "The campaign against spillage: report for " + span(r.period(), lang);
    }

    private static String subtitle(CampaignReport r, Lang lang) {
        String scope = scopeName(r.scope(), lang);
        String prev = span(r.previous().period(), lang);
        return lang == Lang.ZH
                ? "范围：" + scope + "；环比期：" + prev + "；数据来源：dustwatch（InfluxDB）。"
                : "Scope: "
                        + scope
                        + "; compared with the previous period, "
                        + prev
                        + "; data: dustwatch (InfluxDB).";
    }

    private static String cumulative(CampaignReport r, Lang lang) {
        var c = r.cumulative();
        var n = c.counts();
        return lang == Lang.ZH
                ? "自"
                        + Numbers.date(c.since(), lang)
                        + "开展以来，累计查处违法车辆"
                        + Numbers.count(n.violating())
                        + "辆，其中未苫盖"
                        + Numbers.count(n.uncovered())
                        + "起、超高"
                        + Numbers.count(n.overheight())
                        + "起、超载"
                        + Numbers.count(n.overload())
                        + "起；累计有检查记录的检查点"
                        + Numbers.count(c.activeCheckpoints())
                        + "处。"
                : "Since "
                        + Numbers.date(c.since(), lang)
                        + ": "
                        + Numbers.count(n.violating())
                        + " violating vehicles, with "
                        + Numbers.count(n.uncovered())
                        + " uncovered loads, "
                        + Numbers.count(n.overheight())
                        + " over-height and "
                        + Numbers.count(n.overload())
                        + " overloads; "
                        + Numbers.count(c.activeCheckpoints())
                        + " checkpoints with inspections.";
    }

    private static void checkpoints(CampaignReport r, Lang lang, List<Doc.Block> out) {
        CheckpointFigures c = r.current().checkpoints();
        CheckpointFigures prev = r.previous().checkpoints();
        String scope = scopeName(r.scope(), lang);
        String change = Comparisons.count(c.active(), prev.active(), "处", lang);
        out.add(
                new Doc.Paragraph(
                        lang == Lang.ZH
                                ? scope
                                        + "设置了"
                                        + Numbers.count(c.total())
                                        + "处固定或流动检查点（固定检查点"
                                        + Numbers.count(c.fixed())
                                        + "处、流动检查点"
                                        + Numbers.count(c.mobile())
                                        + "处）。本期有检查记录的检查点"
                                        + Numbers.count(c.active())
                                        + "处（固定"
                                        + Numbers.count(c.activeFixed())
                                        + "处、流动"
                                        + Numbers.count(c.activeMobile())
                                        + "处），"
                                        + change
                                        + "。检查点以参考数据为准。"
                                : capitalise(scope)
                                        + " has "
                                        + Numbers.count(c.total())
                                        + " fixed or mobile checkpoints ("
                                        + Numbers.count(c.fixed())
                                        + " fixed, "
                                        + Numbers.count(c.mobile())
                                        + " mobile), from the reference data. "
                                        + Numbers.count(c.active())
                                        + " were active in the period ("
                                        + Numbers.count(c.activeFixed())
                                        + " fixed, "
                                        + Numbers.count(c.activeMobile())
                                        + " mobile), "
                                        + change
                                        + "."));
        TableBuilder t =
                new TableBuilder(
                        "checkpoints",
                        lang.pick("各乡镇检查点", "Checkpoints per township"),
                        lang,
                        lang == Lang.ZH
                                ? List.of("乡镇", "检查点", "固定", "流动", "本期有检查")
                                : List.of("township", "checkpoints", "fixed", "mobile", "active"));
        for (CheckpointFigures.TownshipCheckpoints tc : c.townships()) {
            t.row()
                    .text(tc.township())
                    .count(tc.total())
                    .count(tc.fixed())
                    .count(tc.mobile())
                    .count(tc.active());
        }
        out.add(t.build());
    }

    static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
