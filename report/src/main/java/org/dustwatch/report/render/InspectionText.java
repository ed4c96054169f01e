package org.dustwatch.report.render;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.InspectionCounts;
import org.dustwatch.report.InspectionFigures;

/**
 * Section 2, inspections: the sentence of vehicles, violations by kind and fines beside the
 * previous period, the highest and lowest violation rates, the daily chart, the chart of the
 * violation rate by road, and the tables (daily, townships, roads, checkpoints).
 */
final class InspectionText {
    private static final int TOP = 3;

    /** From this many checkpoints their table goes to the annex, so the sections stay short. */
    static final int ANNEX_FROM = 20;

    private InspectionText() {}

    static void section(CampaignReport r, Lang lang, List<Doc.Block> out) {
        InspectionFigures f = r.current().inspections();
        InspectionCounts c = f.total();
        InspectionCounts p = r.previous().inspections().total();
        out.add(new Doc.Paragraph(summary(c, p, lang)));
        String roads = extremes(f.roads(), lang);
        if (!roads.isEmpty()) {
            out.add(new Doc.Paragraph(lang.pick("道路违法率：", "Violation rate by road: ") + roads));
        }
        List<InspectionFigures.Row> cps = new ArrayList<>();
        for (InspectionFigures.CheckpointRow cp : f.checkpoints()) {
            cps.add(new InspectionFigures.Row(cp.id() + " " + cp.name(), cp.counts()));
        }
        String checkpoints = extremes(cps, lang);
        if (!checkpoints.isEmpty()) {
            out.add(
                    new Doc.Paragraph(
                            lang.pick("检查点违法率：", "Violation rate by checkpoint: ") + checkpoints));
        }
        out.addAll(dailyCharts(f, lang));
        out.add(roadChart(f, lang));
        out.add(dailyTable(f, lang));
        out.add(
                rowsTable(
                        "townships",
                        lang.pick("各乡镇检查情况", "Inspections per township"),
                        lang.pick("乡镇", "township"),
                        f.townships(),
                        r.previous().inspections().townships(),
                        lang));
        out.add(
                rowsTable(
                        "roads",
                        lang.pick("各道路检查情况", "Inspections per road"),
                        lang.pick("道路", "road"),
                        f.roads(),
                        r.previous().inspections().roads(),
                        lang));
        if (f.checkpoints().size() <= ANNEX_FROM) {
            out.add(checkpointTable(f, lang));
        } else {
            out.add(
                    new Doc.Paragraph(
                            lang.pick(
                                    "各检查点检查情况见附表（共" + Numbers.count(f.checkpoints().size()) + "处）。",
                                    "The figures of each of the "
                                            + Numbers.count(f.checkpoints().size())
                                            + " checkpoints are in the annex.")));
        }
    }

    private static String summary(InspectionCounts c, InspectionCounts p, Lang lang) {
        String rate = c.inspected() == 0 ? "-" : Numbers.percent(c.violating(), c.inspected());
        String rateChange =
                Comparisons.ratio(c.violating(), c.inspected(), p.violating(), p.inspected(), lang);
        if (lang == Lang.ZH) {
            return "本期共检查过往车辆"
                    + Numbers.count(c.inspected())
                    + "辆，"
                    + Comparisons.count(c.inspected(), p.inspected(), "辆", lang)
                    + "；查处违法车辆"
                    + Numbers.count(c.violating())
                    + "辆，"
                    + Comparisons.count(c.violating(), p.violating(), "辆", lang)
                    + "；违法率"
                    + rate
                    + "，"
                    + rateChange
                    + "。按违法类型：未苫盖"
                    + kindZh(c.uncovered(), p.uncovered())
                    + "；超高"
                    + kindZh(c.overheight(), p.overheight())
                    + "；超载"
                    + kindZh(c.overload(), p.overload())
                    + "；查处机动车上道路行驶遗撒飘散行为"
                    + kindZh(c.spillage(), p.spillage())
                    + "。行政罚款"
                    + Numbers.yuan(c.finesYuan(), lang)
                    + "，"
                    + Comparisons.yuan(c.finesYuan(), p.finesYuan(), lang)
                    + "。";
        }
        return Numbers.count(c.inspected())
                + " passing vehicles were inspected, "
                + Comparisons.count(c.inspected(), p.inspected(), "", lang)
                + "; "
                + Numbers.count(c.violating())
                + " were violating, "
                + Comparisons.count(c.violating(), p.violating(), "", lang)
                + "; the violation rate was "
                + rate
                + ", "
                + rateChange
                + ". By kind: uncovered loads "
                + kindEn(c.uncovered(), p.uncovered())
                + "; over-height "
                + kindEn(c.overheight(), p.overheight())
                + "; overloads "
                + kindEn(c.overload(), p.overload())
                + "; spillage (遗撒飘散) "
                + kindEn(c.spillage(), p.spillage())
                + ". Fines: "
                + Numbers.yuan(c.finesYuan(), lang)
                + ", "
                + Comparisons.yuan(c.finesYuan(), p.finesYuan(), lang)
                + ".";
    }

    private static String kindZh(long now, long before) {
        return Numbers.count(now) + "起，" + Comparisons.count(now, before, "起", Lang.ZH);
    }

    private static String kindEn(long now, long before) {
        return Numbers.count(now) + ", " + Comparisons.count(now, before, "", Lang.EN);
    }

    /** The top and bottom rows by violation rate (the model's order), rows with inspections. */
    private static String extremes(List<InspectionFigures.Row> rows, Lang lang) {
        List<InspectionFigures.Row> active =
                rows.stream().filter(x -> x.counts().inspected() > 0).toList();
        if (active.isEmpty()) {
            return "";
        }
        if (active.size() <= 2 * TOP) {
            return lang.pick("由高到低为", "highest first: ") + join(active, lang) + lang.pick("。", ".");
        }
        int n = TOP;
        String top = join(active.subList(0, n), lang);
        String bottom = join(active.subList(active.size() - n, active.size()), lang);
        return lang.pick("最高为", "highest ")
                + top
                + lang.pick("；最低为", "; lowest ")
                + bottom
                + lang.pick("。", ".");
    }

    private static String join(List<InspectionFigures.Row> rows, Lang lang) {
        List<String> parts = new ArrayList<>();
        for (InspectionFigures.Row x : rows) {
            parts.add(
                    x.name()
                            + lang.pick("（", " (")
                            + Numbers.percent(x.counts().violating(), x.counts().inspected())
                            + lang.pick("）", ")"));
        }
        return String.join(lang.pick("、", ", "), parts);
    }

    /**
     * The daily chart: one panel (its own figure, so that print can break between them) per series.
     */
    private static List<Doc.Chart> dailyCharts(InspectionFigures f, Lang lang) {
        List<LocalDate> days = new ArrayList<>();
        long[] inspected = new long[f.daily().size()];
        long[] violating = new long[inspected.length];
        long[] fines = new long[inspected.length];
        for (int i = 0; i < inspected.length; i++) {
            InspectionFigures.Day d = f.daily().get(i);
            days.add(d.date());
            inspected[i] = d.counts().inspected();
            violating[i] = d.counts().violating();
            fines[i] = d.counts().finesYuan();
        }
        List<Charts.Series> series =
                List.of(
                        new Charts.Series(
                                "inspections",
                                lang.pick("每日检查车辆（辆）", "Vehicles inspected per day"),
                                inspected,
                                "#3b7dd8"),
                        new Charts.Series(
                                "violations",
                                lang.pick("每日违法车辆（辆）", "Violating vehicles per day"),
                                violating,
                                "#e67e22"),
                        new Charts.Series(
                                "fines",
                                lang.pick("每日罚款（元）", "Fines per day (yuan)"),
                                fines,
                                "#8e44ad"));
        List<Doc.Chart> charts = new ArrayList<>();
        for (Charts.Series se : series) {
            charts.add(new Doc.Chart("daily", se.title(), Charts.daily(days, List.of(se), lang)));
        }
        return charts;
    }

    private static Doc.Chart roadChart(InspectionFigures f, Lang lang) {
        List<Charts.Bar> bars = new ArrayList<>();
        for (InspectionFigures.Row row : f.roads()) {
            InspectionCounts c = row.counts();
            double pct = c.inspected() == 0 ? 0 : 100.0 * c.violating() / c.inspected();
            String label =
                    c.inspected() == 0
                            ? lang.pick("无检查", "no inspections")
                            : Numbers.percent(c.violating(), c.inspected())
                                    + " ("
                                    + Numbers.count(c.violating())
                                    + "/"
                                    + Numbers.count(c.inspected())
                                    + ")";
            bars.add(new Charts.Bar(row.name(), pct, label));
        }
        String title = lang.pick("各道路违法率", "Violation rate by road");
        return new Doc.Chart(
                "road-rates", title, Charts.horizontal("road-rates", title, bars, lang));
    }

    private static List<String> countHeaders(String first, Lang lang) {
        return lang == Lang.ZH
                ? List.of(first, "检查车辆", "违法车辆", "违法率", "未苫盖", "超高", "超载", "遗撒飘散", "罚款（元）")
                : List.of(
                        first,
                        "inspected",
                        "violating",
                        "violation rate",
                        "uncovered",
                        "over-height",
                        "overload",
                        "spillage",
                        "fines (yuan)");
    }

    private static void counts(TableBuilder t, InspectionCounts c) {
        t.count(c.inspected())
                .count(c.violating())
                .percent(c.violating(), c.inspected())
                .count(c.uncovered())
                .count(c.overheight())
                .count(c.overload())
                .count(c.spillage())
                .count(c.finesYuan());
    }

    private static Doc.Table dailyTable(InspectionFigures f, Lang lang) {
        TableBuilder t =
                new TableBuilder(
                        "daily",
                        lang.pick("每日检查情况", "Inspections per day"),
                        lang,
                        countHeaders(lang.pick("日期", "date"), lang));
        for (InspectionFigures.Day d : f.daily()) {
            t.row().text(d.date().toString());
            counts(t, d.counts());
        }
        return t.build();
    }

    private static Doc.Table rowsTable(
            String name,
            String caption,
            String first,
            List<InspectionFigures.Row> rows,
            List<InspectionFigures.Row> previousRows,
            Lang lang) {
        List<String> headers = new ArrayList<>(countHeaders(first, lang));
        headers.add(lang.pick("检查车辆环比（%）", "inspected vs previous (%)"));
        headers.add(lang.pick("违法率环比（百分点）", "violation rate vs previous (points)"));
        Map<String, InspectionCounts> before = new HashMap<>();
        for (InspectionFigures.Row row : previousRows) {
            before.put(row.name(), row.counts());
        }
        TableBuilder t = new TableBuilder(name, caption, lang, headers);
        for (InspectionFigures.Row row : rows) {
            InspectionCounts c = row.counts();
            InspectionCounts p = before.getOrDefault(row.name(), InspectionCounts.NONE);
            t.row().text(row.name());
            counts(t, c);
            t.changePercent(c.inspected(), p.inspected())
                    .changePoints(c.violating(), c.inspected(), p.violating(), p.inspected());
        }
        return t.build();
    }

    /** A checkpoint's type from reference data ({@code FIXED}, {@code MOBILE}) in the edition. */
    static String type(String type, Lang lang) {
        if ("FIXED".equalsIgnoreCase(type)) {
            return lang.pick("固定", "fixed");
        }
        if ("MOBILE".equalsIgnoreCase(type)) {
            return lang.pick("流动", "mobile");
        }
        return type;
    }

    /** The annex: the checkpoint table when it is too long for the section. */
    static void annex(CampaignReport r, Lang lang, List<Doc.Block> out) {
        InspectionFigures f = r.current().inspections();
        if (f.checkpoints().size() > ANNEX_FROM) {
            out.add(new Doc.Heading(2, "annex", lang.pick("附表", "Annex")));
            out.add(checkpointTable(f, lang));
        }
    }

    private static Doc.Table checkpointTable(InspectionFigures f, Lang lang) {
        List<String> headers =
                new ArrayList<>(
                        lang == Lang.ZH
                                ? List.of("编号", "名称", "道路", "乡镇", "类型")
                                : List.of("id", "name", "road", "township", "type"));
        headers.addAll(countHeaders("", lang).subList(1, 9));
        TableBuilder t =
                new TableBuilder(
                        "checkpoints-inspections",
                        lang.pick("各检查点检查情况", "Inspections per checkpoint"),
                        lang,
                        headers);
        for (InspectionFigures.CheckpointRow cp : f.checkpoints()) {
            t.row()
                    .text(cp.id())
                    .text(cp.name())
                    .text(cp.road())
                    .text(cp.township())
                    .text(cp.type());
            counts(t, cp.counts());
        }
        return t.build();
    }
}
