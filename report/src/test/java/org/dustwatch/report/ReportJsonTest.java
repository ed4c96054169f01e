package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's JSON carries every figure, derived ones included, and reads back equal. */
class ReportJsonTest {

    static PeriodFigures figures(ReportPeriod period, long inspected, long violating) {
        InspectionCounts counts = new InspectionCounts(inspected, violating, 3, 2, 1, 4, 5000);
        AreaAirQuality district =
                new AreaAirQuality(
                        "district",
                        "district",
                        List.of("HJ633-2026"),
                        List.of(
                                new AreaAirQuality.LevelDays(1, 2, Map.of("HJ633-2026", 2)),
                                new AreaAirQuality.LevelDays(2, 1, Map.of("HJ633-2026", 1))),
                        3,
                        1,
                        0,
                        3,
                        41.5,
                        80.25,
                        List.of(
                                new AreaAirQuality.Exceedance(
                                        "PM10",
                                        "24h",
                                        "pm10_24h",
                                        0,
                                        4,
                                        Map.of("GB3095-2026", 120.0))),
                        Map.of("PM10", 2, "PM2.5", 0),
                        List.of(
                                new AreaAirQuality.AqiDay(
                                        period.from(), "ok", 62, 2, "HJ633-2026", "PM10"),
                                new AreaAirQuality.AqiDay(
                                        period.from().plusDays(1),
                                        "NA",
                                        null,
                                        null,
                                        "HJ633-2026",
                                        null)));
        return new PeriodFigures(
                period,
                new CheckpointFigures(
                        2,
                        1,
                        1,
                        1,
                        1,
                        0,
                        List.of(new CheckpointFigures.TownshipCheckpoints("Xihe", 2, 1, 1, 1))),
                new InspectionFigures(
                        counts,
                        List.of(new InspectionFigures.Day(period.from(), counts)),
                        List.of(new InspectionFigures.Row("Xihe", counts)),
                        List.of(new InspectionFigures.Row("G107", counts)),
                        List.of(
                                new InspectionFigures.CheckpointRow(
                                        "CP-02",
                                        "G107 Xihe post 2",
                                        "G107",
                                        "Xihe",
                                        "FIXED",
                                        counts))),
                new AirQualityFigures(district, List.of()),
                new SpillageDustFigures(
                        List.of(
                                new SpillageDustFigures.SpillageDust(
                                        "Xihe",
                                        700,
                                        12,
                                        14,
                                        30,
                                        600,
                                        0.12,
                                        3.5,
                                        SpillageDustFigures.Verdict.ENOUGH_DATA,
                                        List.of(
                                                new SpillageDustFigures.HourOfDay(
                                                        2, 10, 90.5, 20, 87.0),
                                                new SpillageDustFigures.HourOfDay(
                                                        3, 20, 91.0, 0, null),
                                                new SpillageDustFigures.HourOfDay(
                                                        14, 0, null, 30, 60.25))))),
                new AlertFigures(
                        1,
                        Map.of("violation_spike", 1),
                        List.of(
                                new AlertFigures.Alert(
                                        "violation_spike",
                                        "road",
                                        "G107",
                                        "warning",
                                        Instant.parse("2026-11-03T01:00:00Z"),
                                        null,
                                        "x"))),
                new DataQualityFigures(
                        7,
                        Map.of("MALFORMED_JSON", 5L, "LATE", 2L),
                        Map.of("inspections", 7L),
                        2,
                        3,
                        1,
                        List.of(
                                new DataQualityFigures.StationCompleteness(
                                        "AQ-01", "Xihe", 700, 720))));
    }

    static CampaignReport report(ReportPeriod nov) {
        PeriodFigures current = figures(nov, 100, 25);
        PeriodFigures previous = figures(nov.previous(), 80, 10);
        return new CampaignReport(
                CampaignReport.VERSION,
                Instant.parse("2026-12-01T02:00:00Z"),
                new ReportScope(
                        null,
                        null,
                        List.of("Xihe"),
                        ReportScope.AirCoverage.DISTRICT,
                        List.of("Xihe")),
                current,
                previous,
                new Cumulative(
                        LocalDate.of(2026, 9, 1), nov.to(), current.inspections().total(), 2),
                Changes.between(current, previous),
                SpillageMethod.DEFAULT);
    }

    @Test
    void roundTripsWithDerivedFigures() throws Exception {
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        CampaignReport report = report(nov);
        String json = ReportJson.write(report);
        JsonNode tree = ReportJson.mapper().readTree(json);
        assertThat(tree.at("/current/period/from").asText()).isEqualTo("2026-11-01");
        assertThat(tree.at("/current/period/days").asInt()).isEqualTo(30);
        assertThat(tree.at("/current/inspections/total/violationRate").asDouble()).isEqualTo(0.25);
        assertThat(tree.at("/current/airQuality/district/goodDayRatio").asDouble()).isEqualTo(1.0);
        assertThat(tree.at("/current/dataQuality/stations/0/completeness").asDouble())
                .isEqualTo(700.0 / 720);
        assertThat(tree.at("/current/spillageDust/townships/0/verdict").asText())
                .isEqualTo("enough data");
        // 25 against 10 violating: +15, +150 %; the rate 0.25 against 0.125.
        assertThat(tree.at("/changes/violating/delta").asDouble()).isEqualTo(15.0);
        assertThat(tree.at("/changes/violating/percent").asDouble()).isEqualTo(150.0);
        assertThat(tree.at("/changes/violationRate/previous").asDouble()).isEqualTo(0.125);
        assertThat(tree.at("/current/alerts/list/0/resolved").isNull()).isTrue();
        assertThat(tree.at("/current/spillageDust/townships/0/byHour/1/meanAfter").asDouble())
                .isEqualTo(91.0);
        assertThat(tree.at("/current/spillageDust/townships/0/byHour/1/meanOther").isNull())
                .isTrue();
        assertThat(ReportJson.read(json)).isEqualTo(report);
    }

    @Test
    void aReportWrittenBeforeTheSeriesByHourReadsBackWithoutIt() throws Exception {
        ReportPeriod nov = ReportPeriod.month(YearMonth.of(2026, 11));
        CampaignReport report = report(nov);
        ObjectNode tree = (ObjectNode) ReportJson.mapper().readTree(ReportJson.write(report));
        for (String period : List.of("current", "previous")) {
            for (JsonNode t : tree.at("/" + period + "/spillageDust/townships")) {
                assertThat(((ObjectNode) t).remove("byHour")).isNotNull();
            }
        }
        CampaignReport old = ReportJson.read(ReportJson.mapper().writeValueAsString(tree));
        SpillageDustFigures.SpillageDust xihe = old.current().spillageDust().townships().get(0);
        assertThat(xihe.byHour()).isEmpty();
        SpillageDustFigures.SpillageDust now = report.current().spillageDust().townships().get(0);
        assertThat(xihe)
                .isEqualTo(
                        new SpillageDustFigures.SpillageDust(
                                now.township(),
                                now.hours(),
                                now.spillageHours(),
                                now.spillages(),
                                now.afterHours(),
                                now.otherHours(),
                                now.correlation(),
                                now.meanExcess(),
                                now.verdict(),
                                List.of()));
    }
}
