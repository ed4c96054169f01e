package org.dustwatch.report;

import java.time.Instant;

/**
 * Every number of the campaign report (issue #22), for the period, the previous period (环比) and the
 * campaign's cumulative totals: the contract between the queries that fill it (ReportQueries) and
 * the writers that render it (HTML, Markdown, CSV, JSON, PDF).
 *
 * <p>An immutable tree of records, serialized as is to the report's JSON ({@link ReportJson}). The
 * renderer computes nothing that an analyst would have to trust: every figure it prints is here,
 * and {@link #changes()} sets the headline figures beside the previous period's.
 *
 * @param version the JSON contract's version, {@link #VERSION}
 * @param generatedAt when the report was built (wall clock; the only figure that is not data)
 * @param scope what the report covers: the district, a township or a road
 * @param current the period's figures
 * @param previous the previous period's figures, with the same scope
 * @param cumulative the totals from {@code --since} to the period's end; {@code null} without it
 * @param changes the headline figures of {@code current} beside those of {@code previous}
 * @param method the parameters of the spillage and dust analysis, for the report's paragraph
 */
public record CampaignReport(
        int version,
        Instant generatedAt,
        ReportScope scope,
        PeriodFigures current,
        PeriodFigures previous,
        Cumulative cumulative,
        Changes changes,
        SpillageMethod method) {

    /** The version of the report's JSON; a renamed or removed field raises it. */
    public static final int VERSION = 1;

    /** The period the report is for (a shortcut for {@code current().period()}). */
    public ReportPeriod period() {
        return current.period();
    }
}
