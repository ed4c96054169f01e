package org.dustwatch.report.render;

import java.util.List;

/**
 * A table as CSV (RFC 4180): UTF-8 without a byte-order mark, a header row, then one row per table
 * row with the exact figures (no separators, no units: 1234500, not 123.45万元), a field quoted when
 * it holds a comma, a quote or a line break. Lines end with CRLF, as RFC 4180 says.
 */
final class CsvWriter {
    private CsvWriter() {}

    static String csv(Doc.Table t) {
        StringBuilder b = new StringBuilder();
        line(b, t.headers());
        for (List<String> row : t.raw()) {
            line(b, row);
        }
        return b.toString();
    }

    private static void line(StringBuilder b, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(cells.get(i)));
        }
        b.append("\r\n");
    }

    static String field(String s) {
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
