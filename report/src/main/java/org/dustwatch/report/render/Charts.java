package org.dustwatch.report.render;

import java.time.LocalDate;
import java.util.List;

/**
 * The report's bar charts as inline SVG: the daily series (one bar per day), the violation rate by
 * road (one horizontal bar per road) and PM10 against spillage (one bar per township, from a zero
 * line). Each bar is a {@code rect class="bar"} with {@code data-series}, so that the browser test
 * counts what was drawn. The AQI calendar is {@link AqiCalendar}.
 */
final class Charts {
    private static final String AXIS = "#666";
    private static final String GRID = "#ddd";
    private static final double LEFT = 70;
    private static final double RIGHT = 16;

    private Charts() {}

    /** One series of a daily panel: its key (for data-series), its title, its values per day. */
    record Series(String key, String title, long[] values, String colour) {}

    /**
     * The daily chart: one panel per series, stacked, one bar per day of {@code days} in each. The
     * series must have a value for every day.
     */
    static String daily(List<LocalDate> days, List<Series> series, Lang lang) {
        double width = Math.min(1000, Math.max(640, LEFT + RIGHT + days.size() * 22.0));
        double panel = 150;
        double gap = 44;
        double height = series.size() * (panel + gap) + 10;
        Svg s = new Svg("daily", width, height, lang.pick("每日检查、违法与罚款", "Daily figures"));
        double plotW = width - LEFT - RIGHT;
        double slot = days.isEmpty() ? plotW : plotW / days.size();
        double top = 30;
        for (Series se : series) {
            if (se.values().length != days.size()) {
                throw new IllegalArgumentException(
                        se.key() + ": " + se.values().length + " values");
            }
            long max = 0;
            for (long v : se.values()) {
                max = Math.max(max, v);
            }
            double axisMax = Svg.niceMax(max);
            s.text(LEFT, top - 12, se.title(), "start", 13, Svg.attr("font-weight", "bold"));
            yAxis(s, top, panel, axisMax, width);
            for (int i = 0; i < days.size(); i++) {
                long v = se.values()[i];
                double h = panel * v / axisMax;
                String day = days.get(i).toString();
                s.rect(
                        LEFT + i * slot + slot * 0.15,
                        top + panel - h,
                        slot * 0.7,
                        h,
                        se.colour(),
                        Svg.attr("class", "bar")
                                + Svg.attr("data-series", se.key())
                                + Svg.attr("data-day", day)
                                + Svg.attr("data-value", Long.toString(v)),
                        day + ": " + Numbers.count(v));
            }
            int every = Math.max(1, (int) Math.ceil(days.size() / 10.0));
            for (int i = 0; i < days.size(); i += every) {
                LocalDate d = days.get(i);
                boolean withMonth = i == 0 || d.getDayOfMonth() <= every;
                String label =
                        lang == Lang.ZH
                                ? (withMonth ? d.getMonthValue() + "月" : "")
                                        + d.getDayOfMonth()
                                        + "日"
                                : d.getMonthValue() + "/" + d.getDayOfMonth();
                s.text(LEFT + i * slot + slot / 2, top + panel + 14, label, "middle", 10, "");
            }
            top += panel + gap;
        }
        return s.end();
    }

    /**
     * A bar: its name, its value (a percentage for {@link #horizontal}, any sign for {@link
     * #diverging}), the label beside it, and whether it is muted (grey: too few data).
     */
    record Bar(String name, double percent, String label, boolean muted) {
        Bar(String name, double percent, String label) {
            this(name, percent, label, false);
        }
    }

    /** Horizontal bars, one per entry, in the order given, on a 0–100% (or smaller) scale. */
    static String horizontal(String chart, String title, List<Bar> bars, Lang lang) {
        double labelW = 150;
        double width = 760;
        double row = 22;
        double top = 30;
        double height = top + bars.size() * row + 30;
        Svg s = new Svg(chart, width, height, title);
        s.text(8, 18, title, "start", 13, Svg.attr("font-weight", "bold"));
        double plotW = width - labelW - 170;
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, b.percent());
        }
        double axisMax = Math.min(100, Svg.niceMax(max));
        for (int t = 0; t <= 4; t++) {
            double x = labelW + plotW * t / 4;
            s.line(x, top - 4, x, top + bars.size() * row, GRID, "");
            s.text(
                    x,
                    top + bars.size() * row + 14,
                    Svg.tick(axisMax * t / 4) + "%",
                    "middle",
                    10,
                    "");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * row;
            double w = plotW * b.percent() / axisMax;
            s.text(labelW - 6, y + row * 0.65, b.name(), "end", 11, "");
            s.rect(
                    labelW,
                    y + 3,
                    w,
                    row - 6,
                    "#3b7dd8",
                    Svg.attr("class", "bar")
                            + Svg.attr("data-series", chart)
                            + Svg.attr("data-name", b.name()),
                    b.name() + ": " + b.label());
            s.text(labelW + w + 6, y + row * 0.65, b.label(), "start", 11, "");
        }
        return s.end();
    }

    /**
     * Horizontal bars from a zero line, to the right for a positive value and to the left for a
     * negative one; a muted bar is a grey stub at zero.
     */
    static String diverging(String chart, String title, List<Bar> bars) {
        double labelW = 130;
        double width = 760;
        double row = 22;
        double top = 30;
        double height = top + bars.size() * row + 30;
        Svg s = new Svg(chart, width, height, title);
        s.text(8, 18, title, "start", 13, Svg.attr("font-weight", "bold"));
        double plotW = width - labelW - 150;
        double max = 0;
        for (Bar b : bars) {
            max = Math.max(max, Math.abs(b.percent()));
        }
        double axisMax = Svg.niceMax(max);
        double zero = labelW + plotW / 2;
        for (int t = -2; t <= 2; t++) {
            double x = zero + plotW / 2 * t / 2;
            s.line(x, top - 4, x, top + bars.size() * row, t == 0 ? AXIS : GRID, "");
            s.text(x, top + bars.size() * row + 14, Svg.tick(axisMax * t / 2), "middle", 10, "");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + i * row;
            double w = b.muted() ? 4 : plotW / 2 * Math.abs(b.percent()) / axisMax;
            double x = b.muted() || b.percent() >= 0 ? zero : zero - w;
            s.text(labelW - 6, y + row * 0.65, b.name(), "end", 11, "");
            s.rect(
                    x,
                    y + 3,
                    w,
                    row - 6,
                    b.muted() ? "#bbb" : b.percent() >= 0 ? "#c0392b" : "#2e86c1",
                    Svg.attr("class", "bar")
                            + Svg.attr("data-series", chart)
                            + Svg.attr("data-name", b.name())
                            + Svg.attr("data-muted", Boolean.toString(b.muted())),
                    b.name() + ": " + b.label());
            s.text(width - 140, y + row * 0.65, b.label(), "start", 11, "");
        }
        return s.end();
    }

    private static void yAxis(Svg s, double top, double h, double axisMax, double width) {
        for (int t = 0; t <= 4; t++) {
            double y = top + h - h * t / 4;
            s.line(LEFT, y, width - RIGHT, y, t == 0 ? AXIS : GRID, "");
            s.text(LEFT - 6, y + 4, Svg.tick(axisMax * t / 4), "end", 10, "");
        }
    }
}
