package org.dustwatch.report.render;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.report.AlertFigures;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.DataQualityFigures;
import org.dustwatch.report.ReportPeriod;

/**
 * Sections 5 and 6: the alerts of the period by kind and one by one (repeat offenders by their
 * plate's keyed hash only, as the model holds them), and the data quality: refusals by reason and
 * source, late and duplicate records, each station's completeness.
 */
final class QualityText {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ReportPeriod.ZONE);

    private QualityText() {}

    static String kind(String kind, Lang lang) {
        return switch (kind) {
            case "violation_spike" -> lang.pick("违法突增", "violation spikes");
            case "pollution_episode" -> lang.pick("污染过程", "pollution episodes");
            case "station_silent" -> lang.pick("站点静默", "silent stations");
            case "repeat_offender" -> lang.pick("重复违法车辆", "repeat offenders");
            case "clock_skew" -> lang.pick("设备时钟偏差", "clock skew");
            default -> kind;
        };
    }

    static void alerts(CampaignReport r, Lang lang, List<Doc.Block> out) {
        AlertFigures a = r.current().alerts();
        AlertFigures p = r.previous().alerts();
        List<String> kinds = new ArrayList<>();
        for (String k : AlertFigures.KINDS) {
            int n = a.byKind().getOrDefault(k, 0);
            kinds.add(
                    kind(k, lang)
                            + (lang == Lang.ZH ? Numbers.count(n) + "条" : " " + Numbers.count(n)));
        }
        String change = Comparisons.count(a.opened(), p.opened(), "条", lang);
        out.add(
                new Doc.Paragraph(
                        lang == Lang.ZH
                                ? "本期共产生预警"
                                        + Numbers.count(a.opened())
                                        + "条，"
                                        + change
                                        + "；其中"
                                        + String.join("、", kinds)
                                        + "。重复违法车辆仅以车牌的密钥哈希标识，不含车牌号。"
                                : Numbers.count(a.opened())
                                        + " alerts opened in the period, "
                                        + change
                                        + ": "
                                        + String.join(", ", kinds)
                                        + ". Repeat offenders are named by their plate's keyed hash only, never the plate."));
        TableBuilder byKind =
                new TableBuilder(
                        "alerts-by-kind",
                        lang.pick("各类预警", "Alerts by kind"),
                        lang,
                        lang == Lang.ZH
                                ? List.of("类型", "本期", "上期")
                                : List.of("kind", "period", "previous period"));
        for (String k : AlertFigures.KINDS) {
            byKind.row()
                    .text(kind(k, lang))
                    .count(a.byKind().getOrDefault(k, 0))
                    .count(p.byKind().getOrDefault(k, 0));
        }
        out.add(byKind.build());
        TableBuilder list =
                new TableBuilder(
                        "alerts",
                        lang.pick("预警明细", "The alerts"),
                        lang,
                        lang == Lang.ZH
                                ? List.of("类型", "级别", "对象", "严重程度", "开始", "结束", "说明")
                                : List.of(
                                        "kind",
                                        "level",
                                        "subject",
                                        "severity",
                                        "opened",
                                        "resolved",
                                        "message"));
        for (AlertFigures.Alert al : a.list()) {
            list.row()
                    .text(kind(al.kind(), lang))
                    .text(al.level())
                    .text(al.subject())
                    .text(al.severity())
                    .text(al.opened() == null ? "" : TIME.format(al.opened()))
                    .text(
                            al.resolved() == null
                                    ? lang.pick("未结束", "open")
                                    : TIME.format(al.resolved()))
                    .text(al.message());
        }
        out.add(list.build());
    }

    /**
     * The refusals of the period without a reason recorded (refused by a build before the {@code
     * refusals} measurement): said, so that the table by reason is not read as the whole.
     */
    static String withoutReason(DataQualityFigures q, Lang lang) {
        if (q.withoutReason() == 0) {
            return "";
        }
        return lang == Lang.ZH
                ? "；另有" + Numbers.count(q.withoutReason()) + "条拒收于按原因计数之前，未记原因，不在按原因表中"
                : "; "
                        + Numbers.count(q.withoutReason())
                        + " were refused before reasons were counted and are in no row of the"
                        + " table by reason";
    }

    static void dataQuality(CampaignReport r, Lang lang, List<Doc.Block> out) {
        DataQualityFigures q = r.current().dataQuality();
        DataQualityFigures p = r.previous().dataQuality();
        out.add(
                new Doc.Paragraph(
                        lang == Lang.ZH
                                ? "本期拒收记录"
                                        + Numbers.count(q.refused())
                                        + "条，"
                                        + Comparisons.count(q.refused(), p.refused(), "条", lang)
                                        + "，其中迟到（超过允许迟到时间）"
                                        + Numbers.count(q.late())
                                        + "条，"
                                        + Comparisons.count(q.late(), p.late(), "条", lang)
                                        + withoutReason(q, lang)
                                        + "；重复记录"
                                        + Numbers.count(q.duplicates())
                                        + "条，"
                                        + Comparisons.count(
                                                q.duplicates(), p.duplicates(), "条", lang)
                                        + "，其中更正数值的"
                                        + Numbers.count(q.corrections())
                                        + "条。拒收记录计入作业拒收时所在分钟（水位线分钟）所属的时段；拒收与迟到、重复记录为全区所有来源的数字。"
                                : Numbers.count(q.refused())
                                        + " records were refused, "
                                        + Comparisons.count(q.refused(), p.refused(), "", lang)
                                        + ", of which "
                                        + Numbers.count(q.late())
                                        + " came later than the allowed lateness, "
                                        + Comparisons.count(q.late(), p.late(), "", lang)
                                        + withoutReason(q, lang)
                                        + "; "
                                        + Numbers.count(q.duplicates())
                                        + " were duplicates, "
                                        + Comparisons.count(
                                                q.duplicates(), p.duplicates(), "", lang)
                                        + ", of which "
                                        + Numbers.count(q.corrections())
                                        + " corrected a value. A refusal falls in the period of the minute in which the job refused it (the watermark's minute); refusals, late and duplicate records are the whole district's."));
        TableBuilder reasons =
                new TableBuilder(
                        "refusals",
                        lang.pick("拒收记录（按原因）", "Refused records by reason"),
                        lang,
                        lang == Lang.ZH ? List.of("原因", "记录数") : List.of("reason", "records"));
        for (Map.Entry<String, Long> e : new TreeMap<>(q.byReason()).entrySet()) {
            reasons.row().text(e.getKey()).count(e.getValue());
        }
        out.add(reasons.build());
        TableBuilder sources =
                new TableBuilder(
                        "refusals-by-source",
                        lang.pick("拒收记录（按来源）", "Refused records by source"),
                        lang,
                        lang == Lang.ZH ? List.of("来源", "记录数") : List.of("source", "records"));
        for (Map.Entry<String, Long> e : new TreeMap<>(q.bySource()).entrySet()) {
            sources.row().text(e.getKey()).count(e.getValue());
        }
        out.add(sources.build());
        TableBuilder st =
                new TableBuilder(
                        "stations",
                        lang.pick("各站点数据完整率", "Station completeness"),
                        lang,
                        lang == Lang.ZH
                                ? List.of("站点", "乡镇", "有效小时", "应有小时", "完整率")
                                : List.of(
                                        "station",
                                        "township",
                                        "valid hours",
                                        "expected hours",
                                        "completeness"));
        for (DataQualityFigures.StationCompleteness s : q.stations()) {
            st.row()
                    .text(s.station())
                    .text(s.township())
                    .count(s.validHours())
                    .count(s.expectedHours())
                    .percent(s.validHours(), s.expectedHours());
        }
        out.add(st.build());
    }
}
