package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.dustwatch.cli.Cli;
import org.junit.jupiter.api.Test;

/** The renderer's options of {@code campaign-report}: {@code --lang} and {@code --pdf}. */
class CampaignReportCliFormatsTest {

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                Cli.run(
                        new CampaignReportCli(),
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownLanguageIsBadInputBeforeAnyQuery() {
        // no InfluxDB is running: the language is refused before the command looks for one
        Result r = run("--month", "2026-11", "--lang", "fr");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err())
                .isEqualTo("dustwatch campaign-report: --lang: unknown language 'fr' (zh or en)\n");
    }

    @Test
    void theHelpNamesTheFormatsAndTheirOptions() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out().replaceAll("\\s+", " "))
                .contains("--lang=zh|en")
                .contains("--pdf")
                .contains("headless Chromium")
                .contains("report.md, report.json, tables/*.csv and, with --pdf, report.pdf");
    }
}
