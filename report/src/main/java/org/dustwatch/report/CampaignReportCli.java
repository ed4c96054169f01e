package org.dustwatch.report;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.dustwatch.cli.Cli;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Topics;
import org.dustwatch.stack.Endpoints;
import org.dustwatch.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/dustwatch campaign-report}: the monthly report on the anti-spillage campaign (issue
 * #22), every figure from InfluxDB. It builds a {@link CampaignReport} with {@link ReportQueries}
 * and hands it to the writers ({@link #write}, the seam where the renderer's HTML, Markdown, CSV
 * and PDF writers plug in).
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
            description = "where to write the report (default ${DEFAULT-VALUE})")
    Path out = Path.of("reports");

    @Override
    public Integer call() throws IOException {
        PrintStream stdout = System.out;
        ReportPeriod period = ReportPeriod.parse(month, from, to);
        ReferenceData reference;
        try {
            reference = ReferenceData.loadOrBundled(checkpoints, stations);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        ReportRequest request = new ReportRequest(period, township, road, since, reference);
        Endpoints.Endpoint influxAt = Endpoints.local().influx(influxUrl, "--influx-url");
        Endpoints.requireInflux(influxAt);
        CampaignReport report;
        try {
            report = new ReportQueries(new InfluxQl(influxAt.address(), database)).build(request);
        } catch (StackException | IllegalStateException e) {
            throw new Cli.Failure(e.getMessage(), e);
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
        Path written = write(report, out);
        stdout.println(written);
        return 0;
    }

    /**
     * Writes the report under {@code dir} and returns the main file. The seam for the renderer:
     * today the JSON alone ({@code campaign-report-FROM_TO.json}).
     */
    static Path write(CampaignReport report, Path dir) throws IOException {
        Files.createDirectories(dir);
        ReportPeriod p = report.period();
        Path json = dir.resolve("campaign-report-" + p.from() + "_" + p.to() + ".json");
        Files.writeString(json, ReportJson.write(report), StandardCharsets.UTF_8);
        return json;
    }

    public static void main(String[] args) {
        System.exit(Cli.run(new CampaignReportCli(), args));
    }
}
