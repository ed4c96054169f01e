package org.dustwatch.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.report.render.Chromium;
import org.dustwatch.report.render.Headline;
import org.dustwatch.report.render.Lang;
import org.dustwatch.report.render.RenderOptions;
import org.dustwatch.report.render.Rendered;
import org.dustwatch.report.render.Renderers;
import org.dustwatch.stack.Endpoints;
import org.dustwatch.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bin/dustwatch campaign-report}: the monthly report on the anti-spillage campaign (issue
 * #22), every figure from InfluxDB. It builds a {@link CampaignReport} with {@link ReportQueries}
 * and hands it to the renderer ({@link Renderers#write}: HTML, Markdown, JSON, CSV and, with {@code
 * --pdf}, PDF), then prints the main file's path and the headline sentence.
 */
@Command(
        name = "campaign-report",
        header = "The campaign report of a period, every figure from InfluxDB.",
        sortOptions = false,
        description = {
            "Checkpoints, inspections, violations by kind and fines; air-quality days under the"
                    + " edition in force; spillage against PM10; alerts; data quality. Each figure"
                    + " beside the previous period's (the previous calendar month for --month, the"
                    + " span of equal length before otherwise). docs/report.md lists every query.",
            ""
        })
public final class CampaignReportCli implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Spec CommandSpec spec;

    @Option(names = "--month", paramLabel = "YYYY-MM", description = "a calendar month")
    String month;

    @Option(names = "--from", paramLabel = "DATE", description = "first local day (with --to)")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "last local day, included")
    LocalDate to;

    @Option(
            names = "--township",
            paramLabel = "NAME",
            description = "only this township's checkpoints, stations and air")
    String township;

    @Option(
            names = "--road",
            paramLabel = "NAME",
            description = {
                "only this road's checkpoints; the air-quality sections cover",
                "the townships it crosses, and say so"
            })
    String road;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "the campaign's first day, for the cumulative totals (截至目前)")
    LocalDate since;

    @Option(
            names = "--influx-url",
            paramLabel = "URL",
            description =
                    "InfluxDB 1.x (default: the local stack's, else "
                            + Endpoints.DEFAULT_INFLUX
                            + ")")
    String influxUrl;

    @Option(
            names = "--database",
            paramLabel = "NAME",
            description = "database (default ${DEFAULT-VALUE})")
    String database = Topics.DATABASE;

    @Option(
            names = "--checkpoints",
            paramLabel = "FILE",
            description = "the district's checkpoints CSV, as the job's (default: bundled)")
    Path checkpoints;

    @Option(
            names = "--stations",
            paramLabel = "FILE",
            description = "the district's stations CSV, as the job's (default: bundled)")
    Path stations;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "where to write (default ${DEFAULT-VALUE}); the report is the directory"
                            + " campaign-report-FROM_TO[-TOWNSHIP|-ROAD] in it: report.html,"
                            + " report.md, report.json,"
                            + " tables/*.csv and, with --pdf, report.pdf")
    Path out = Path.of("reports");

    @Option(
            names = "--lang",
            paramLabel = "zh|en",
            description = "the edition: Chinese (default) or English, with the same content")
    String lang = "zh";

    @Option(
            names = "--pdf",
            description =
                    "also print report.pdf with headless Chromium (Debian's chromium and"
                            + " fonts-noto-cjk); without them the other formats are still written")
    boolean pdf;

    @Override
    public Integer call() throws IOException {
        Lang edition;
        try {
            edition = Lang.of(lang);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--lang: " + e.getMessage());
        }
        ReportPeriod period = ReportPeriod.parse(month, from, to);
        ReferenceData reference;
        try {
            reference = ReferenceData.loadOrBundled(checkpoints, stations);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException(
                    "cannot read the reference data ("
                            + (e instanceof java.nio.file.NoSuchFileException
                                    ? "no such file: "
                                    : "")
                            + e.getMessage()
                            + ")");
        }
        ReportRequest request = new ReportRequest(period, township, road, since, reference);
        Endpoints.Endpoint influxAt = Endpoints.local().influx(influxUrl, "--influx-url");
        Endpoints.requireInflux(influxAt);
        CampaignReport report;
        try {
            report = new ReportQueries(new InfluxQl(influxAt.address(), database)).build(request);
        } catch (StackException | IllegalStateException e) {
            throw new Cli.Failure(e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            // an answer that is not InfluxDB's JSON: the URL points at something else
            throw new Cli.Failure(
                    "the answer of "
                            + influxAt.address()
                            + " is not InfluxDB's ("
                            + e.getCause().getMessage().lines().findFirst().orElse("")
                            + ")",
                    e);
        }
        if (!ReportQueries.hasData(report.current())) {
            throw new UsageException(
                    "no data for "
                            + period.from()
                            + " to "
                            + period.to()
                            + " in database "
                            + database
                            + " at "
                            + influxAt.address()
                            + ": no inspection and no daily AQI report in the period");
        }
        Path into = directory(report, out);
        Rendered written;
        try {
            written = Renderers.write(report, new RenderOptions(edition, into, pdf));
        } catch (Chromium.MissingException e) {
            throw new Cli.Failure(
                    "--pdf: " + e.getMessage() + "; the other formats are in " + into, e);
        } catch (IllegalStateException e) {
            // with --pdf: Chromium ran but printed no PDF, or did not finish
            throw new Cli.Failure((pdf ? "--pdf: " : "") + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            throw new Cli.Failure(e.getMessage(), e);
        }
        java.io.PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(written.pdf() != null ? written.pdf() : written.html());
        stdout.println(Headline.of(report, edition));
        stdout.flush();
        return 0;
    }

    /**
     * The directory of one report under {@code dir}: {@code campaign-report-FROM_TO}, with {@code
     * -TOWNSHIP} or {@code -ROAD} after it for a filter ({@link #baseName}), so that the reports of
     * several periods sit side by side. The seam for the renderer, {@link Renderers#write}, writes
     * every format into it.
     */
    static Path directory(CampaignReport report, Path dir) {
        return dir.resolve(baseName(report));
    }

    /** {@code campaign-report-2026-11-01_2026-11-30}, with the filter's name after it. */
    static String baseName(CampaignReport report) {
        ReportPeriod p = report.period();
        String filter =
                report.scope().township() != null
                        ? "-" + report.scope().township()
                        : report.scope().road() != null ? "-" + report.scope().road() : "";
        return ("campaign-report-" + p.from() + "_" + p.to() + filter)
                .replaceAll("[\\\\/:*?\"<>| ]", "_");
    }

    public static void main(String[] args) {
        System.exit(Cli.run(new CampaignReportCli(), args));
    }
}
