package org.dustwatch.report.render;

import java.util.List;

/**
 * The report as a sequence of blocks, built once per edition ({@link ReportText}) and written by
 * each format: HTML draws the charts, Markdown points to them, CSV takes the tables. One source of
 * every sentence and every table, so the formats cannot disagree.
 */
final class Doc {
    private Doc() {}

    /** A block of the report. */
    sealed interface Block permits Heading, Paragraph, Table, Chart {}

    /** A heading: level 1 is the title, 2 a section, 3 a subsection; {@code id} for anchors. */
    record Heading(int level, String id, String text) implements Block {}

    /** A paragraph of text; {@code css} a class for the HTML ({@code headline}, {@code note}). */
    record Paragraph(String text, String css) implements Block {
        Paragraph(String text) {
            this(text, null);
        }
    }

    /**
     * A table: {@code name} is its CSV file's name ({@code tables/NAME.csv}); {@code numeric} says
     * which columns are right-aligned; the cells are already formatted for reading, the {@code raw}
     * cells (same shape) are what the CSV gets: exact numbers without units or separators.
     */
    record Table(
            String name,
            String caption,
            List<String> headers,
            List<List<String>> rows,
            List<List<String>> raw,
            boolean[] numeric)
            implements Block {
        Table {
            headers = List.copyOf(headers);
            rows = List.copyOf(rows);
            raw = List.copyOf(raw);
            if (rows.size() != raw.size()) {
                throw new IllegalArgumentException(name + ": rows and raw rows differ");
            }
        }
    }

    /** A chart: its inline SVG, and a caption for the formats that cannot draw it. */
    record Chart(String name, String caption, String svg) implements Block {}
}
