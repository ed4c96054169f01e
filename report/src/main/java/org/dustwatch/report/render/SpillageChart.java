package org.dustwatch.report.render;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dustwatch.report.SpillageDustFigures;

/**
 * The chart that shows the spillage comparison itself: per township, a small panel of PM10 by local
 * hour of day, one line for the hours after spillage and one for the other hours, the two sides
 * that the PM10 excess sums up ({@link SpillageDustFigures.HourOfDay}). The panels share one PM10
 * scale, two to a row.
 *
 * <p>Every drawn mean is a {@code circle class="point"} with {@code data-series} ({@value #AFTER}
 * or {@value #OTHER}), {@code data-township}, {@code data-hour}, {@code data-hours} and {@code
 * data-value}, so that the browser test counts them; a line joins the points of consecutive hours
 * only, so a gap in the data stays a gap. A township whose data are too few (or a report without
 * the series) is a grey {@code rect class="stub"} with a notice instead of the lines, so that no
 * one reads a comparison into it.
 */
final class SpillageChart {
    static final String NAME = "spillage-by-hour";
    static final String AFTER = "spillage-after";
    static final String OTHER = "spillage-other";
    private static final String AFTER_COLOUR = "#c0392b";
    private static final String OTHER_COLOUR = "#2e86c1";
    private static final String AXIS = "#666";
    private static final String GRID = "#ddd";
    private static final double WIDTH = 760;
    private static final double PANEL_W = 370;
    private static final double PANEL_H = 190;
    private static final double LEFT = 44;
    private static final double TOP = 24;
    private static final double PLOT_W = PANEL_W - LEFT - 14;
    private static final double PLOT_H = PANEL_H - TOP - 34;
    private static final double HEADER = 46;

    private SpillageChart() {}

    static String draw(String title, List<SpillageDustFigures.SpillageDust> townships, Lang lang) {
        int rows = (townships.size() + 1) / 2;
        double height = HEADER + rows * PANEL_H + 6;
        Svg s = new Svg(NAME, WIDTH, height, title);
        s.text(8, 18, title, "start", 13, Svg.attr("font-weight", "bold"));
        legend(s, lang);
        double axisMax = Svg.niceMax(max(townships));
        for (int i = 0; i < townships.size(); i++) {
            double x0 = (i % 2) * (PANEL_W + 10);
            double y0 = HEADER + (i / 2) * PANEL_H;
            panel(s, townships.get(i), x0, y0, axisMax, lang);
        }
        return s.end();
    }

    private static void legend(Svg s, Lang lang) {
        String[][] keys = {
            {AFTER, AFTER_COLOUR, lang.pick("遗撒后小时", "hours after spillage")},
            {OTHER, OTHER_COLOUR, lang.pick("无遗撒小时", "other hours")}
        };
        double x = 8;
        for (String[] k : keys) {
            s.line(x, 34, x + 22, 34, k[1], Svg.attr("stroke-width", "2"));
            s.circle(
                    x + 11,
                    34,
                    3,
                    k[1],
                    Svg.attr("class", "legend-key") + Svg.attr("data-series", k[0]),
                    null);
            s.text(x + 28, 38, k[2], "start", 11, "");
            x += 40 + (lang == Lang.ZH ? 12 : 6.5) * k[2].length();
        }
        s.text(
                WIDTH - 8,
                38,
                lang.pick("PM10，微克/立方米；横轴为时段", "PM10, µg/m³, by hour of day"),
                "end",
                10,
                "");
    }

    /** The largest mean of the townships that get lines, for the shared scale. */
    private static double max(List<SpillageDustFigures.SpillageDust> townships) {
        double max = 0;
        for (SpillageDustFigures.SpillageDust d : townships) {
            if (drawn(d)) {
                for (SpillageDustFigures.HourOfDay h : d.byHour()) {
                    max = Math.max(max, h.meanAfter() == null ? 0 : h.meanAfter());
                    max = Math.max(max, h.meanOther() == null ? 0 : h.meanOther());
                }
            }
        }
        return max;
    }

    private static boolean drawn(SpillageDustFigures.SpillageDust d) {
        return d.verdict() == SpillageDustFigures.Verdict.ENOUGH_DATA && !d.byHour().isEmpty();
    }

    private static void panel(
            Svg s,
            SpillageDustFigures.SpillageDust d,
            double x0,
            double y0,
            double axisMax,
            Lang lang) {
        double left = x0 + LEFT;
        double top = y0 + TOP;
        String excess =
                d.meanExcess() == null
                        ? ""
                        : lang.pick("（超出量", " (excess ")
                                + (d.meanExcess() >= 0 ? "+" : "")
                                + Numbers.decimal(BigDecimal.valueOf(d.meanExcess()), 1)
                                + " µg/m³"
                                + lang.pick("）", ")");
        s.text(
                x0 + 8,
                y0 + 14,
                d.township() + (drawn(d) ? excess : ""),
                "start",
                12,
                Svg.attr("font-weight", "bold"));
        if (!drawn(d)) {
            String why =
                    d.verdict() == SpillageDustFigures.Verdict.TOO_FEW
                            ? lang.pick("数据过少，不作结论", "too few data to conclude")
                            : lang.pick("本报告无按时段数据", "no series by hour in this report");
            s.rect(
                    left,
                    top,
                    PLOT_W,
                    PLOT_H,
                    "#eee",
                    Svg.attr("class", "stub")
                            + Svg.attr("data-township", d.township())
                            + Svg.attr("stroke", "#bbb"),
                    d.township() + ": " + why);
            s.text(
                    left + PLOT_W / 2,
                    top + PLOT_H / 2 + 4,
                    why,
                    "middle",
                    12,
                    Svg.attr("fill", "#777"));
            return;
        }
        for (int t = 0; t <= 4; t++) {
            double y = top + PLOT_H - PLOT_H * t / 4;
            s.line(left, y, left + PLOT_W, y, t == 0 ? AXIS : GRID, "");
            s.text(left - 5, y + 4, Svg.tick(axisMax * t / 4), "end", 9, "");
        }
        for (int h = 0; h < 24; h += 3) {
            s.text(
                    x(left, h),
                    top + PLOT_H + 13,
                    lang == Lang.ZH ? h + "时" : String.format(Locale.ROOT, "%02d", h),
                    "middle",
                    9,
                    "");
        }
        series(s, d, OTHER, OTHER_COLOUR, left, top, axisMax, lang);
        series(s, d, AFTER, AFTER_COLOUR, left, top, axisMax, lang);
    }

    private static void series(
            Svg s,
            SpillageDustFigures.SpillageDust d,
            String key,
            String colour,
            double left,
            double top,
            double axisMax,
            Lang lang) {
        boolean after = AFTER.equals(key);
        List<double[]> run = new ArrayList<>();
        int last = -2;
        List<double[]> points = new ArrayList<>();
        for (SpillageDustFigures.HourOfDay h : d.byHour()) {
            Double mean = after ? h.meanAfter() : h.meanOther();
            if (mean == null) {
                continue;
            }
            if (h.hour() != last + 1) {
                line(s, run, colour, key);
                run.clear();
            }
            double[] p = {
                x(left, h.hour()),
                top + PLOT_H - PLOT_H * mean / axisMax,
                h.hour(),
                mean,
                after ? h.afterHours() : h.otherHours()
            };
            run.add(p);
            points.add(p);
            last = h.hour();
        }
        line(s, run, colour, key);
        for (double[] p : points) {
            int hour = (int) p[2];
            int hours = (int) p[4];
            String value = Numbers.decimal(BigDecimal.valueOf(p[3]), 1);
            String label =
                    lang == Lang.ZH
                            ? d.township()
                                    + " "
                                    + hour
                                    + "时，"
                                    + (after ? "遗撒后小时" : "无遗撒小时")
                                    + hours
                                    + "个：PM10 "
                                    + value
                                    + " µg/m³"
                            : d.township()
                                    + " "
                                    + String.format(Locale.ROOT, "%02d:00", hour)
                                    + ", "
                                    + hours
                                    + (after ? " hours after spillage" : " other hours")
                                    + ": PM10 "
                                    + value
                                    + " µg/m³";
            s.circle(
                    p[0],
                    p[1],
                    3,
                    colour,
                    Svg.attr("class", "point")
                            + Svg.attr("data-series", key)
                            + Svg.attr("data-township", d.township())
                            + Svg.attr("data-hour", Integer.toString(hour))
                            + Svg.attr("data-hours", Integer.toString(hours))
                            + Svg.attr("data-value", Double.toString(p[3])),
                    label);
        }
    }

    private static void line(Svg s, List<double[]> run, String colour, String key) {
        if (run.size() < 2) {
            return;
        }
        double[] xy = new double[run.size() * 2];
        for (int i = 0; i < run.size(); i++) {
            xy[2 * i] = run.get(i)[0];
            xy[2 * i + 1] = run.get(i)[1];
        }
        s.polyline(xy, colour, Svg.attr("class", "line") + Svg.attr("data-series", key));
    }

    private static double x(double left, int hour) {
        return left + PLOT_W * (hour + 0.5) / 24;
    }
}
