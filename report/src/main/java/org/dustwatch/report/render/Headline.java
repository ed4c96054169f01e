package org.dustwatch.report.render;

import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.Cumulative;
import org.dustwatch.report.InspectionCounts;
import org.dustwatch.report.ReportPeriod;

/**
 * The report's headline sentence, the analysts' "截至目前，共检查过往车辆×××辆，查处…遗撒飘散行为×××起，行政罚款×××元", with
 * every ××× filled: from the campaign's cumulative totals when the report has {@code --since}, else
 * from the period's. One function, so that the report, the command, the demo and the tests print
 * the same sentence.
 */
public final class Headline {
    private Headline() {}

    /** The headline of {@code report} in {@code lang}. */
    public static String of(CampaignReport report, Lang lang) {
        Cumulative cumulative = report.cumulative();
        ReportPeriod period = report.period();
        InspectionCounts c =
                cumulative != null ? cumulative.counts() : report.current().inspections().total();
        String inspected = Numbers.count(c.inspected());
        String spillage = Numbers.count(c.spillage());
        String fines = Numbers.yuan(c.finesYuan(), lang);
        if (lang == Lang.ZH) {
            String when =
                    cumulative != null
                            ? "截至" + Numbers.date(cumulative.to(), lang)
                            : Numbers.date(period.from(), lang)
                                    + "至"
                                    + Numbers.date(period.to(), lang);
            return when + "，共检查过往车辆" + inspected + "辆，查处遗撒飘散行为" + spillage + "起，行政罚款" + fines + "。";
        }
        if (cumulative != null) {
            return "As of "
                    + Numbers.date(cumulative.to(), lang)
                    + ", "
                    + inspected
                    + " passing vehicles had been inspected, "
                    + spillage
                    + " spillage violations found and fines of "
                    + fines
                    + " imposed.";
        }
        return "From "
                + Numbers.date(period.from(), lang)
                + " to "
                + Numbers.date(period.to(), lang)
                + ", "
                + inspected
                + " passing vehicles were inspected, "
                + spillage
                + " spillage violations found and fines of "
                + fines
                + " imposed.";
    }
}
