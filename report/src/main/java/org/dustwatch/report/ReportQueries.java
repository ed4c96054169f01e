package org.dustwatch.report;

import java.time.Clock;

/**
 * Fills a {@link CampaignReport} from InfluxDB through InfluxQL alone, from the measurements the
 * pipeline writes (no second store): the period, the previous period with the same scope, and the
 * {@code --since} totals. docs/report.md lists every query with its definition.
 */
public final class ReportQueries {

    private final InfluxQl influx;
    private final SpillageMethod method;
    private final Clock clock;

    public ReportQueries(InfluxQl influx) {
        this(influx, SpillageMethod.DEFAULT, Clock.systemUTC());
    }

    public ReportQueries(InfluxQl influx, SpillageMethod method, Clock clock) {
        this.influx = influx;
        this.method = method;
        this.clock = clock;
    }

    /** The whole report. */
    public CampaignReport build(ReportRequest request) {
        PeriodFigures current = figures(request, request.period());
        PeriodFigures previous = figures(request, request.period().previous());
        Cumulative cumulative =
                request.since() == null
                        ? null
                        : new InspectionQueries(influx, request)
                                .cumulative(request.since(), request.period());
        return new CampaignReport(
                CampaignReport.VERSION,
                clock.instant(),
                request.scope(),
                current,
                previous,
                cumulative,
                Changes.between(current, previous),
                method);
    }

    /** One period's figures, section by section. */
    public PeriodFigures figures(ReportRequest request, ReportPeriod p) {
        InspectionQueries.Sections s = new InspectionQueries(influx, request).sections(p);
        AirQualityQueries air = new AirQualityQueries(influx, request);
        OtherQueries other = new OtherQueries(influx, request);
        return new PeriodFigures(
                p,
                s.checkpoints(),
                s.inspections(),
                air.figures(p),
                other.spillageDust(p, method),
                other.alerts(p),
                other.dataQuality(p, air.completeness(p)));
    }

    /** Whether a period has data: inspections, or a daily AQI report, in the scope. */
    public static boolean hasData(PeriodFigures f) {
        if (f.inspections().total().inspected() > 0) {
            return true;
        }
        AirQualityFigures a = f.airQuality();
        if (a.district() != null && a.district().missingDays() < f.period().days()) {
            return true;
        }
        return a.townships().stream().anyMatch(t -> t.missingDays() < f.period().days());
    }
}
