package org.dustwatch.report.render;

import java.util.List;

/**
 * The report as one self-contained HTML page: inline CSS and inline SVG, no script, no external
 * font, image or style sheet, so that it opens from a mail attachment and prints the same in any
 * browser. The page's fonts are the system's CJK fonts (fonts-noto-cjk on Debian). The print style
 * sheet sets A4 and keeps a chart or a table row from splitting across pages.
 */
final class HtmlWriter {
    private static final String CSS =
            """
            @page { size: A4; margin: 16mm 14mm;
                    @bottom-center { content: "— " counter(page) " —"; font-size: 10px; color: #555; } }
            body { font-family: %s; color: #222; max-width: 1040px; margin: 24px auto; padding: 0 16px;
                   line-height: 1.65; font-size: 15px; }
            h1 { font-size: 22px; text-align: center; margin-bottom: 4px; }
            h2 { font-size: 18px; border-bottom: 2px solid #3b7dd8; padding-bottom: 2px; margin-top: 28px; }
            p { text-indent: 2em; margin: 8px 0; }
            p.note { text-indent: 0; color: #555; font-size: 13px; }
            p.headline { font-weight: bold; font-size: 16px; background: #f2f6fc; padding: 8px 12px; }
            p.method { background: #fafafa; border-left: 3px solid #bbb; padding: 6px 10px; font-size: 14px; }
            figure { margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
            h1, h2, h3, caption { break-after: avoid; page-break-after: avoid; }
            div.calendars { break-inside: avoid; page-break-inside: avoid; }
            figure.calendar { display: inline-block; margin: 4px 8px 4px 0; vertical-align: top; }
            figcaption { font-size: 12px; color: #555; }
            svg { max-width: 100%%; height: auto; }
            table { border-collapse: collapse; margin: 8px 0 16px; font-size: 12px; width: 100%%; }
            caption { text-align: left; font-weight: bold; font-size: 13px; padding: 4px 0; }
            th, td { border: 1px solid #ccc; padding: 2px 6px; }
            th { background: #eef2f7; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr { break-inside: avoid; page-break-inside: avoid; }
            """
                    .formatted(Svg.FONTS);

    private HtmlWriter() {}

    static String html(List<Doc.Block> blocks, Lang lang) {
        StringBuilder b = new StringBuilder(64 * 1024);
        String title = "";
        for (Doc.Block block : blocks) {
            if (block instanceof Doc.Heading h && h.level() == 1) {
                title = h.text();
                break;
            }
        }
        b.append("<!DOCTYPE html>\n<html lang=\"")
                .append(lang == Lang.ZH ? "zh-CN" : "en")
                .append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append(
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>")
                .append(Svg.esc(title))
                .append("</title>\n<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n");
        boolean inSection = false;
        boolean inCalendars = false;
        for (Doc.Block block : blocks) {
            // the legend and the calendars stay together on one page
            boolean calendarPart =
                    block instanceof Doc.Chart c
                            && ("aqi-calendar".equals(c.name()) || "aqi-legend".equals(c.name()));
            if (calendarPart && !inCalendars) {
                b.append("<div class=\"calendars\">\n");
            } else if (!calendarPart && inCalendars) {
                b.append("</div>\n");
            }
            inCalendars = calendarPart;
            if (block instanceof Doc.Heading h) {
                if (h.level() == 2) {
                    if (inSection) {
                        b.append("</section>\n");
                    }
                    b.append("<section id=\"").append(Svg.esc(h.id())).append("\">\n");
                    inSection = true;
                }
                b.append("<h")
                        .append(h.level())
                        .append('>')
                        .append(Svg.esc(h.text()))
                        .append("</h")
                        .append(h.level())
                        .append(">\n");
            } else if (block instanceof Doc.Paragraph p) {
                b.append("<p")
                        .append(p.css() == null ? "" : Svg.attr("class", p.css()))
                        .append('>')
                        .append(Svg.esc(p.text()))
                        .append("</p>\n");
            } else if (block instanceof Doc.Table t) {
                table(b, t, lang);
            } else if (block instanceof Doc.Chart c) {
                boolean calendar = "aqi-calendar".equals(c.name());
                b.append("<figure")
                        .append(Svg.attr("class", calendar ? "calendar" : "chart"))
                        .append(Svg.attr("data-figure", c.name()))
                        .append(">\n")
                        .append(c.svg())
                        .append('\n');
                b.append("</figure>\n");
            }
        }
        if (inCalendars) {
            b.append("</div>\n");
        }
        if (inSection) {
            b.append("</section>\n");
        }
        return b.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder b, Doc.Table t, Lang lang) {
        b.append("<table")
                .append(Svg.attr("class", "data"))
                .append(Svg.attr("data-table", t.name()))
                .append(">\n<caption>")
                .append(Svg.esc(t.caption()))
                .append("</caption>\n<thead><tr>");
        for (String h : t.headers()) {
            b.append("<th>").append(Svg.esc(h)).append("</th>");
        }
        b.append("</tr></thead>\n<tbody>\n");
        if (t.rows().isEmpty()) {
            b.append("<tr><td colspan=\"")
                    .append(t.headers().size())
                    .append("\">")
                    .append(lang.pick("（无）", "(none)"))
                    .append("</td></tr>\n");
        }
        for (List<String> row : t.rows()) {
            b.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                b.append(t.numeric()[i] ? "<td class=\"n\">" : "<td>")
                        .append(Svg.esc(row.get(i)))
                        .append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }
}
