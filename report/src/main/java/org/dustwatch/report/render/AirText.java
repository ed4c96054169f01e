package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dustwatch.report.AirQualityFigures;
import org.dustwatch.report.AreaAirQuality;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.ReportPeriod;
import org.dustwatch.report.ReportScope;

/**
 * Sections 3 and 4: air quality (days per level, the good-day ratio with its valid and NA days,
 * mean PM2.5 and PM10, exceedances and primary pollutants, the AQI calendars) and spillage against
 * dust (the method paragraph, each township's result or "too few data", the chart).
 */
final class AirText {
    private static final List<String> POLLUTANTS =
            List.of("PM2.5", "PM10", "O3", "NO2", "SO2", "CO");

    private AirText() {}

    static void airQuality(CampaignReport r, Lang lang, List<Doc.Block> out) {
        AirQualityFigures a = r.current().airQuality();
        AirQualityFigures prev = r.previous().airQuality();
        ReportScope s = r.scope();
        if (s.airQuality() == ReportScope.AirCoverage.ROAD_TOWNSHIPS) {
            out.add(
                    new Doc.Paragraph(
                            lang == Lang.ZH
                                    ? "本节覆盖"
                                            + s.road()
                                            + "经过的乡镇："
                                            + String.join("、", s.airTownships())
                                            + "。"
                                    : "This section covers the townships "
                                            + s.road()
                                            + " crosses: "
                                            + String.join(", ", s.airTownships())
                                            + ".",
                            "note"));
        }
        AreaAirQuality o = a.overall();
        if (o != null) {
            out.add(new Doc.Paragraph(overall(o, prev.overall(), r, lang)));
        }
        out.add(
                new Doc.Paragraph(
                        lang.pick(
                                "每日按当日施行的标准评价：2026年3月1日前为HJ 633-2012与GB 3095-2012，此后为HJ 633—2026与GB 3095—2026。优良天数比例＝AQI≤100的天数÷有效天数；NA日（HJ 633—2026 5.3.1）与无日报的日不计入有效天数。",
                                "Each day is rated under the edition in force on it: HJ 633-2012 and GB 3095-2012 before 1 March 2026, HJ 633—2026 and GB 3095—2026 from then. Good-day ratio = days with AQI ≤ 100 / valid days; NA days (HJ 633—2026 5.3.1) and days without a daily report are not valid days."),
                        "note"));
        List<AreaAirQuality> areas = new ArrayList<>();
        if (a.district() != null) {
            areas.add(a.district());
        }
        areas.addAll(a.townships());
        out.add(new Doc.Chart("aqi-legend", lang.pick("图例", "Legend"), AqiCalendar.legend(lang)));
        ReportPeriod p = r.period();
        for (AreaAirQuality area : areas) {
            Map<LocalDate, AqiCalendar.Day> days = new LinkedHashMap<>();
            for (AreaAirQuality.AqiDay d : area.calendar()) {
                days.put(
                        d.date(),
                        "ok".equals(d.status())
                                ? new AqiCalendar.Day(d.aqi(), d.level())
                                : AqiCalendar.Day.NA);
            }
            String name = areaName(area, lang);
            out.add(
                    new Doc.Chart(
                            "aqi-calendar",
                            lang.pick("AQI日历：", "AQI calendar: ") + name,
                            AqiCalendar.svg(name, p.from(), p.to(), days, lang)));
        }
        out.add(levelTable(areas, lang));
        out.add(exceedanceTable(areas, lang));
        out.add(primaryTable(areas, lang));
    }

    private static String overall(AreaAirQuality o, AreaAirQuality p, CampaignReport r, Lang lang) {
        String name =
                "district".equals(o.scope()) ? ReportText.scopeName(r.scope(), lang) : o.area();
        if (o.validDays() == 0) {
            return lang == Lang.ZH
                    ? "本期"
                            + name
                            + "无有效日报（NA "
                            + o.naDays()
                            + "天、无日报"
                            + o.missingDays()
                            + "天），不计算优良天数比例与平均浓度。"
                    : ReportText.capitalise(name)
                            + " had no valid daily report ("
                            + o.naDays()
                            + " NA, "
                            + o.missingDays()
                            + " without a report): no good-day ratio and no mean concentrations.";
        }
        String ratio = Numbers.percent(o.goodDays(), o.validDays());
        String ratioChange =
                p == null
                        ? Comparisons.ratio(0, 0, 0, 0, lang)
                        : Comparisons.ratio(
                                o.goodDays(), o.validDays(), p.goodDays(), p.validDays(), lang);
        String pm25 = conc(o.meanPm25(), lang);
        String pm10 = conc(o.meanPm10(), lang);
        String c25 =
                Comparisons.mean(dec(o.meanPm25()), p == null ? null : dec(p.meanPm25()), lang);
        String c10 =
                Comparisons.mean(dec(o.meanPm10()), p == null ? null : dec(p.meanPm10()), lang);
        List<String> levels = new ArrayList<>();
        for (AreaAirQuality.LevelDays l : o.levels()) {
            if (l.days() > 0) {
                levels.add(
                        AqiCalendar.name(l.level(), lang)
                                + (lang == Lang.ZH
                                        ? Numbers.count(l.days()) + "天"
                                        : " " + Numbers.count(l.days())));
            }
        }
        String levelText =
                levels.isEmpty()
                        ? ""
                        : lang.pick("，其中", " (")
                                + String.join(lang.pick("、", ", "), levels)
                                + lang.pick("", ")");
        String validChange =
                Comparisons.count(o.validDays(), p == null ? 0 : p.validDays(), "天", lang);
        String goodChange =
                Comparisons.count(o.goodDays(), p == null ? 0 : p.goodDays(), "天", lang);
        if (lang == Lang.ZH) {
            return "本期"
                    + name
                    + "有效监测天数"
                    + o.validDays()
                    + "天，"
                    + validChange
                    + levelText
                    + "；另有NA "
                    + o.naDays()
                    + "天、无日报"
                    + o.missingDays()
                    + "天。优良天数"
                    + o.goodDays()
                    + "天，"
                    + goodChange
                    + "，优良天数比例为"
                    + ratio
                    + "，"
                    + ratioChange
                    + "；PM2.5平均浓度为"
                    + pm25
                    + "，"
                    + c25
                    + "；PM10平均浓度为"
                    + pm10
                    + "，"
                    + c10
                    + "。";
        }
        return ReportText.capitalise(name)
                + " had "
                + o.validDays()
                + " valid days, "
                + validChange
                + levelText
                + ", besides "
                + o.naDays()
                + " NA days and "
                + o.missingDays()
                + " without a daily report. "
                + o.goodDays()
                + " days were good, "
                + goodChange
                + ", a good-day ratio of "
                + ratio
                + ", "
                + ratioChange
                + "; mean PM2.5 "
                + pm25
                + ", "
                + c25
                + "; mean PM10 "
                + pm10
                + ", "
                + c10
                + ".";
    }

    /** A mean concentration in whole µg/m³ (GB/T 8170), as HJ 663 evaluates them. */
    private static String conc(Double v, Lang lang) {
        if (v == null) {
            return lang.pick("无有效数据", "no valid data");
        }
        return Numbers.decimal(BigDecimal.valueOf(v), 0) + lang.pick("微克/立方米", " µg/m³");
    }

    private static BigDecimal dec(Double v) {
        return v == null ? null : BigDecimal.valueOf(v);
    }

    static String areaName(AreaAirQuality a, Lang lang) {
        return "district".equals(a.scope()) ? lang.pick("全区", "District") : a.area();
    }

    private static Doc.Table levelTable(List<AreaAirQuality> areas, Lang lang) {
        List<String> h =
                new ArrayList<>(
                        List.of(
                                lang.pick("区域", "area"),
                                lang.pick("有效天数", "valid days"),
                                "NA",
                                lang.pick("无日报", "no report")));
        for (int level = 1; level <= 6; level++) {
            h.add(AqiCalendar.name(level, lang));
        }
        h.addAll(
                List.of(
                        lang.pick("优良天数", "good days"),
                        lang.pick("优良天数比例", "good-day ratio"),
                        lang.pick("PM2.5均值（µg/m³）", "mean PM2.5 (µg/m³)"),
                        lang.pick("PM10均值（µg/m³）", "mean PM10 (µg/m³)")));
        TableBuilder t =
                new TableBuilder(
                        "air-quality",
                        lang.pick("各区域空气质量天数", "Air quality days per area"),
                        lang,
                        h);
        for (AreaAirQuality a : areas) {
            t.row()
                    .text(areaName(a, lang))
                    .count(a.validDays())
                    .count(a.naDays())
                    .count(a.missingDays());
            for (int level = 1; level <= 6; level++) {
                int days = 0;
                for (AreaAirQuality.LevelDays l : a.levels()) {
                    if (l.level() == level) {
                        days = l.days();
                    }
                }
                t.count(days);
            }
            t.count(a.goodDays())
                    .percent(a.goodDays(), a.validDays())
                    .decimal(a.meanPm25(), 0)
                    .decimal(a.meanPm10(), 0);
        }
        return t.build();
    }

    private static Doc.Table exceedanceTable(List<AreaAirQuality> areas, Lang lang) {
        List<String> h = new ArrayList<>(List.of(lang.pick("区域", "area")));
        for (String pol : POLLUTANTS) {
            h.add(pol + lang.pick("超标天数", " days above limit"));
        }
        TableBuilder t =
                new TableBuilder(
                        "exceedances",
                        lang.pick(
                                "超过二级浓度限值的天数（24小时平均；O3为日最大8小时平均）",
                                "Days above the grade-2 limit (24-h; O3 daily maximum 8-h)"),
                        lang,
                        h);
        for (AreaAirQuality a : areas) {
            t.row().text(areaName(a, lang));
            for (String pol : POLLUTANTS) {
                long days = 0;
                for (AreaAirQuality.Exceedance e : a.exceedances()) {
                    if (e.pollutant().equals(pol)) {
                        days = e.days();
                    }
                }
                t.count(days);
            }
        }
        return t.build();
    }

    private static Doc.Table primaryTable(List<AreaAirQuality> areas, Lang lang) {
        List<String> h = new ArrayList<>(List.of(lang.pick("区域", "area")));
        for (String pol : POLLUTANTS) {
            h.add(pol + lang.pick("为首要污染物天数", " primary days"));
        }
        TableBuilder t =
                new TableBuilder(
                        "primary-pollutants",
                        lang.pick("首要污染物天数", "Days as the primary pollutant"),
                        lang,
                        h);
        for (AreaAirQuality a : areas) {
            t.row().text(areaName(a, lang));
            for (String pol : POLLUTANTS) {
                t.count(a.primaryPollutants().getOrDefault(pol, 0));
            }
        }
        return t.build();
    }
}
