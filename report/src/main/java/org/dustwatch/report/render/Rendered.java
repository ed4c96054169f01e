package org.dustwatch.report.render;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link Renderers#write} wrote: the HTML, Markdown and JSON, one CSV per table, and the PDF
 * when it was asked for ({@code null} otherwise).
 */
public record Rendered(Path html, Path markdown, Path json, List<Path> csv, Path pdf) {
    public Rendered {
        csv = List.copyOf(csv);
    }
}
