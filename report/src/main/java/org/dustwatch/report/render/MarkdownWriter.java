package org.dustwatch.report.render;

import java.util.List;

/**
 * The report as Markdown (CommonMark with GFM tables): the same headings, sentences and tables as
 * the HTML; in place of each chart a line that names it and points to {@code report.html}.
 */
final class MarkdownWriter {
    private MarkdownWriter() {}

    static String markdown(List<Doc.Block> blocks, Lang lang) {
        StringBuilder b = new StringBuilder();
        for (Doc.Block block : blocks) {
            if (block instanceof Doc.Heading h) {
                b.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
            } else if (block instanceof Doc.Paragraph p) {
                String text = inline(p.text());
                b.append("headline".equals(p.css()) ? "**" + text + "**" : text).append("\n\n");
            } else if (block instanceof Doc.Table t) {
                table(b, t, lang);
            } else if (block instanceof Doc.Chart c) {
                b.append('*')
                        .append(lang.pick("图：", "Chart: "))
                        .append(inline(c.caption()))
                        .append(lang.pick("（见 report.html）", " (in report.html)"))
                        .append("*\n\n");
            }
        }
        return b.toString();
    }

    private static void table(StringBuilder b, Doc.Table t, Lang lang) {
        b.append("**")
                .append(inline(t.caption()))
                .append("**")
                .append(lang.pick("（tables/", " (tables/"))
                .append(t.name())
                .append(".csv")
                .append(lang.pick("）", ")"))
                .append("\n\n");
        if (t.rows().isEmpty()) {
            b.append(lang.pick("（无）", "(none)")).append("\n\n");
            return;
        }
        row(b, t.headers());
        b.append('|');
        for (int i = 0; i < t.headers().size(); i++) {
            b.append(t.numeric()[i] ? " ---: |" : " --- |");
        }
        b.append('\n');
        for (List<String> r : t.rows()) {
            row(b, r);
        }
        b.append('\n');
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) {
            b.append(' ').append(inline(c).replace("|", "\\|")).append(" |");
        }
        b.append('\n');
    }

    /** Escapes what Markdown would read as markup in running text. */
    static String inline(String s) {
        return s.replace("\\", "\\\\")
                .replace("*", "\\*")
                .replace("_", "\\_")
                .replace("`", "\\`")
                .replace("<", "&lt;")
                .replace("\n", " ");
    }
}
