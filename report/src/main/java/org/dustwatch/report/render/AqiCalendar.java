package org.dustwatch.report.render;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.dustwatch.aqi.Category;
import org.dustwatch.aqi.Standard;

/**
 * The AQI calendar of one area: one cell per day of the period, a column per week and a row per
 * weekday (Monday on top), coloured by the day's level in HJ 633's colours (appendix A, the same in
 * 2012 and 2026, taken from {@link Category}): 优 (0,228,0), 良 (255,255,0), 轻度 (255,126,0), 中度
 * (255,0,0), 重度 (153,0,76), 严重 (126,0,35); a day without a valid daily AQI (NA, or no daily report)
 * is grey. Each cell is a {@code rect class="cell"} with {@code data-day} and {@code data-level}
 * ({@code 1}–{@code 6} or {@code na}); the legend's swatches are {@code rect
 * class="legend-swatch"}, so the two are counted apart.
 */
final class AqiCalendar {
    /** The grey of a day without a valid daily AQI, apart from every level's colour. */
    static final String NA_COLOUR = "#BDBDBD";

    private static final double CELL = 18;
    private static final double PAD = 2;
    private static final double LEFT = 26;
    private static final double TOP = 36;

    private AqiCalendar() {}

    /** A day's value: its AQI and level (1–6), or NA ({@code null}). */
    record Day(Integer aqi, Integer level) {
        static final Day NA = new Day(null, null);
    }

    /**
     * The calendar of {@code area} over {@code from}–{@code to} (inclusive); a day missing from
     * {@code days} is drawn as NA.
     */
    static String svg(
            String area, LocalDate from, LocalDate to, Map<LocalDate, Day> days, Lang lang) {
        LocalDate firstMonday = from.with(DayOfWeek.MONDAY);
        int weeks = (int) (ChronoUnit.DAYS.between(firstMonday, to) / 7) + 1;
        double width = Math.max(170, LEFT + weeks * CELL + 10);
        double height = TOP + 7 * CELL + 8;
        Svg s = new Svg("aqi-calendar", width, height, area);
        s.text(4, 16, area, "start", 12, Svg.attr("font-weight", "bold"));
        String[] weekdays =
                lang == Lang.ZH
                        ? new String[] {"一", "二", "三", "四", "五", "六", "日"}
                        : new String[] {"M", "T", "W", "T", "F", "S", "S"};
        for (int r = 0; r < 7; r += 2) {
            s.text(LEFT - 6, TOP + r * CELL + CELL * 0.7, weekdays[r], "end", 9, "");
        }
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            int week = (int) (ChronoUnit.DAYS.between(firstMonday, d) / 7);
            int row = d.getDayOfWeek().getValue() - 1;
            if (d.getDayOfMonth() == 1 || d.equals(from)) {
                s.text(LEFT + week * CELL, TOP - 6, monthLabel(d, lang), "start", 9, "");
            }
            Day day = days.getOrDefault(d, Day.NA);
            String level = day.level() == null ? "na" : Integer.toString(day.level());
            String title =
                    d
                            + " "
                            + (day.level() == null
                                    ? "NA"
                                    : "AQI " + day.aqi() + " " + name(day.level(), lang));
            s.rect(
                    LEFT + week * CELL + PAD / 2,
                    TOP + row * CELL + PAD / 2,
                    CELL - PAD,
                    CELL - PAD,
                    colour(day.level()),
                    Svg.attr("class", "cell")
                            + Svg.attr("data-area", area)
                            + Svg.attr("data-day", d.toString())
                            + Svg.attr("data-level", level)
                            + Svg.attr("stroke", "#fff"),
                    title);
        }
        return s.end();
    }

    /** The legend: the six levels and NA, one swatch each. */
    static String legend(Lang lang) {
        double w = 118;
        Svg s = new Svg("aqi-legend", 7 * w + 10, 26, lang.pick("图例", "Legend"));
        for (int i = 0; i <= 6; i++) {
            Integer level = i < 6 ? i + 1 : null;
            String label =
                    level == null ? lang.pick("NA / 无数据", "NA / no data") : name(level, lang);
            double x = 4 + i * w;
            s.rect(
                    x,
                    5,
                    16,
                    16,
                    colour(level),
                    Svg.attr("class", "legend-swatch")
                            + Svg.attr("data-level", level == null ? "na" : level.toString())
                            + Svg.attr("stroke", "#999"),
                    null);
            s.text(x + 21, 18, label, "start", 11, "");
        }
        return s.end();
    }

    /** The colour of a level under HJ 633, as {@code #RRGGBB}; grey for NA. */
    static String colour(Integer level) {
        if (level == null) {
            return NA_COLOUR;
        }
        return Category.values()[level - 1].colour(Standard.HJ633_2026);
    }

    static String name(int level, Lang lang) {
        Category c = Category.values()[level - 1];
        return lang == Lang.ZH ? c.chinese() : c.english(Standard.HJ633_2026);
    }

    private static String monthLabel(LocalDate d, Lang lang) {
        return lang == Lang.ZH
                ? d.getMonthValue() + "月"
                : d.getMonth()
                        .getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
    }
}
