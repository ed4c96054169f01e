package org.dustwatch.report.render;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How {@link Renderers#write} writes a report: the edition's language ({@code zh} by default,
 * {@code en}), the directory it writes into, and whether it prints the PDF with headless Chromium
 * ({@code --pdf}).
 */
public record RenderOptions(Lang lang, Path outputDir, boolean pdf) {
    public RenderOptions {
        Objects.requireNonNull(lang, "lang");
        Objects.requireNonNull(outputDir, "outputDir");
    }

    /** The Chinese edition into {@code outputDir}, without the PDF. */
    public static RenderOptions chinese(Path outputDir) {
        return new RenderOptions(Lang.ZH, outputDir, false);
    }
}
