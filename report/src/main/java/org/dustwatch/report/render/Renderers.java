package org.dustwatch.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.ReportJson;

/**
 * Writes a {@link CampaignReport} in every format into one directory: {@code report.html}
 * (self-contained, inline CSS and SVG), {@code report.md}, {@code report.json} (every number, the
 * model as {@link ReportJson} writes it), {@code tables/NAME.csv} (one per table), and with {@link
 * RenderOptions#pdf()} {@code report.pdf}, printed from the HTML by headless Chromium.
 *
 * <p>The renderer formats; it computes nothing an analyst would have to trust beyond the rounding
 * of {@link Numbers} and the 环比 phrases of {@link Comparisons}.
 */
public final class Renderers {
    private Renderers() {}

    /**
     * Writes the report. When the PDF is asked for and Chromium is missing, every other format is
     * written first and then a {@link Chromium.MissingException} says how to install it.
     */
    public static Rendered write(CampaignReport report, RenderOptions options) {
        return write(report, options, Chromium::require);
    }

    /** As {@link #write(CampaignReport, RenderOptions)}, with the Chromium to print with. */
    static Rendered write(
            CampaignReport report, RenderOptions options, Supplier<Chromium> chromium) {
        Path dir = options.outputDir();
        List<Doc.Block> blocks = ReportText.build(report, options.lang());
        try {
            Files.createDirectories(dir.resolve("tables"));
            Path html = write(dir.resolve("report.html"), HtmlWriter.html(blocks, options.lang()));
            Path md =
                    write(
                            dir.resolve("report.md"),
                            MarkdownWriter.markdown(blocks, options.lang()));
            Path json = write(dir.resolve("report.json"), ReportJson.write(report) + "\n");
            List<Path> csv = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (Doc.Block b : blocks) {
                if (b instanceof Doc.Table t) {
                    if (!names.add(t.name())) {
                        throw new IllegalStateException("two tables named " + t.name());
                    }
                    csv.add(
                            write(
                                    dir.resolve("tables").resolve(t.name() + ".csv"),
                                    CsvWriter.csv(t)));
                }
            }
            Path pdf = null;
            if (options.pdf()) {
                pdf = dir.resolve("report.pdf");
                Files.deleteIfExists(pdf);
                chromium.get().printToPdf(html, pdf);
            }
            return new Rendered(html, md, json, csv, pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
