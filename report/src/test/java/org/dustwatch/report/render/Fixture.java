package org.dustwatch.report.render;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dustwatch.report.AirQualityFigures;
import org.dustwatch.report.AlertFigures;
import org.dustwatch.report.AreaAirQuality;
import org.dustwatch.report.CampaignReport;
import org.dustwatch.report.Changes;
import org.dustwatch.report.CheckpointFigures;
import org.dustwatch.report.Cumulative;
import org.dustwatch.report.DataQualityFigures;
import org.dustwatch.report.InspectionCounts;
import org.dustwatch.report.InspectionFigures;
import org.dustwatch.report.PeriodFigures;
import org.dustwatch.report.ReportPeriod;
import org.dustwatch.report.ReportScope;
import org.dustwatch.report.SpillageDustFigures;
import org.dustwatch.report.SpillageMethod;

/**
 * A campaign report with known values, built by hand for the renderer's tests: November 2026 (30
 * days) against October (31), since 2026-09-01, two townships (Xihe, Dongling), three roads, four
 * checkpoints, two stations. The numbers the tests expect are written out in the tests, derived by
 * hand from the constants here, never from the renderer.
 */
final class Fixture {
    static final ReportPeriod NOVEMBER = ReportPeriod.month(YearMonth.of(2026, 11));
    static final List<String> TOWNSHIPS = List.of("Dongling", "Xihe");
    static final List<String> ROADS = List.of("G107", "S319", "Kuangqu Road");

    /** The period's totals: 12,345 inspected, 2,345 violating, 678 spillage, 1,234,500 yuan. */
    static final InspectionCounts NOVEMBER_TOTAL =
            new InspectionCounts(12_345, 2_345, 901, 456, 310, 678, 1_234_500);

    /** October's: 11,111 inspected, 2,000 violating, 734 spillage, 1,000,000 yuan. */
    static final InspectionCounts OCTOBER_TOTAL =
            new InspectionCounts(11_111, 2_000, 800, 400, 300, 734, 1_000_000);

    /** Since 2026-09-01: 34,567 inspected, 1,890 spillage, 3,456,700 yuan. */
    static final InspectionCounts SINCE_SEPTEMBER =
            new InspectionCounts(34_567, 6_543, 2_500, 1_300, 900, 1_890, 3_456_700);

    /** The alerts of November: 2 violation spikes, 1 pollution episode, 1 repeat offender. */
    static final int NOVEMBER_ALERTS = 4;

    private Fixture() {}

    static CampaignReport report() {
        PeriodFigures current = figures(NOVEMBER, NOVEMBER_TOTAL, 1);
        PeriodFigures previous = figures(NOVEMBER.previous(), OCTOBER_TOTAL, 0);
        return new CampaignReport(
                CampaignReport.VERSION,
                Instant.parse("2026-12-01T02:00:00Z"),
                new ReportScope(null, null, TOWNSHIPS, ReportScope.AirCoverage.DISTRICT, TOWNSHIPS),
                current,
                previous,
                new Cumulative(LocalDate.of(2026, 9, 1), NOVEMBER.to(), SINCE_SEPTEMBER, 4),
                Changes.between(current, previous),
                SpillageMethod.DEFAULT);
    }

    /** A period's figures; {@code shift} varies the daily pattern between the two periods. */
    static PeriodFigures figures(ReportPeriod p, InspectionCounts total, int shift) {
        List<InspectionFigures.Day> daily = new ArrayList<>();
        for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
            int i = d.getDayOfMonth();
            daily.add(
                    new InspectionFigures.Day(
                            d,
                            new InspectionCounts(
                                    380 + 3 * i,
                                    60 + (i + shift) % 9,
                                    20,
                                    10,
                                    8,
                                    20 + i % 5,
                                    30_000 + 500 * (i % 7))));
        }
        List<InspectionFigures.Row> roads =
                List.of(
                        new InspectionFigures.Row(
                                ROADS.get(0),
                                shift == 1 ? counts(5_000, 1_250) : counts(4_000, 800)),
                        new InspectionFigures.Row(ROADS.get(1), counts(4_345, 745)),
                        new InspectionFigures.Row(ROADS.get(2), counts(3_000, 350)));
        List<InspectionFigures.Row> townships =
                List.of(
                        new InspectionFigures.Row("Xihe", counts(7_000, 1_500)),
                        new InspectionFigures.Row("Dongling", counts(5_345, 845)));
        List<InspectionFigures.CheckpointRow> cps =
                List.of(
                        new InspectionFigures.CheckpointRow(
                                "CP-01",
                                "G107 Xihe post",
                                "G107",
                                "Xihe",
                                "FIXED",
                                counts(5_000, 1_250)),
                        new InspectionFigures.CheckpointRow(
                                "CP-03",
                                "S319 Dongling post",
                                "S319",
                                "Dongling",
                                "FIXED",
                                counts(2_345, 495)),
                        new InspectionFigures.CheckpointRow(
                                "CP-02",
                                "S319 Xihe post",
                                "S319",
                                "Xihe",
                                "MOBILE",
                                counts(2_000, 250)),
                        new InspectionFigures.CheckpointRow(
                                "CP-04",
                                "Kuangqu mobile",
                                "Kuangqu Road",
                                "Dongling",
                                "MOBILE",
                                counts(3_000, 350)));
        CheckpointFigures checkpoints =
                new CheckpointFigures(
                        4,
                        2,
                        2,
                        3 + shift,
                        2,
                        1 + shift,
                        List.of(
                                new CheckpointFigures.TownshipCheckpoints("Dongling", 2, 1, 1, 2),
                                new CheckpointFigures.TownshipCheckpoints(
                                        "Xihe", 2, 1, 1, 1 + shift)));
        AirQualityFigures air =
                new AirQualityFigures(
                        area(p, "district", "district", shift),
                        List.of(
                                area(p, "Dongling", "township", shift),
                                area(p, "Xihe", "township", shift)));
        SpillageDustFigures spill =
                new SpillageDustFigures(
                        List.of(
                                new SpillageDustFigures.SpillageDust(
                                        "Dongling",
                                        618,
                                        6,
                                        7,
                                        18,
                                        600,
                                        null,
                                        null,
                                        SpillageDustFigures.Verdict.TOO_FEW,
                                        donglingByHour()),
                                new SpillageDustFigures.SpillageDust(
                                        "Xihe",
                                        630,
                                        40,
                                        55,
                                        110,
                                        520,
                                        0.23,
                                        12.34,
                                        SpillageDustFigures.Verdict.ENOUGH_DATA,
                                        xiheByHour())));
        Map<String, Integer> byKind = new LinkedHashMap<>();
        for (String k : AlertFigures.KINDS) {
            byKind.put(k, 0);
        }
        byKind.put("violation_spike", 2);
        byKind.put("pollution_episode", 1);
        byKind.put("repeat_offender", 1);
        Instant t0 = p.start();
        AlertFigures alerts =
                new AlertFigures(
                        NOVEMBER_ALERTS,
                        byKind,
                        List.of(
                                new AlertFigures.Alert(
                                        "violation_spike",
                                        "road",
                                        "G107",
                                        "warning",
                                        t0.plusSeconds(86_400 * 3),
                                        t0.plusSeconds(86_400 * 3 + 7_200),
                                        "x3 for 2 h"),
                                new AlertFigures.Alert(
                                        "violation_spike",
                                        "township",
                                        "Xihe",
                                        "warning",
                                        t0.plusSeconds(86_400 * 3),
                                        null,
                                        "x2"),
                                new AlertFigures.Alert(
                                        "pollution_episode",
                                        "township",
                                        "Dongling",
                                        "critical",
                                        t0.plusSeconds(86_400 * 10),
                                        t0.plusSeconds(86_400 * 12),
                                        "PM10 above 150, \"episode\""),
                                new AlertFigures.Alert(
                                        "repeat_offender",
                                        "checkpoint",
                                        "9f3a1c2b",
                                        "warning",
                                        t0.plusSeconds(86_400 * 20),
                                        null,
                                        "3 incidents")));
        DataQualityFigures dq =
                new DataQualityFigures(
                        208,
                        Map.of("MALFORMED_JSON", 120L, "IMPOSSIBLE_VALUE", 80L, "LATE", 8L),
                        Map.of("dustwatch.inspections", 150L, "dustwatch.readings", 58L),
                        8,
                        31,
                        4,
                        List.of(
                                new DataQualityFigures.StationCompleteness(
                                        "AQ-01", "Xihe", 700, p.days() * 24 > 720 ? 744 : 720),
                                new DataQualityFigures.StationCompleteness(
                                        "AQ-02",
                                        "Dongling",
                                        650,
                                        p.days() * 24 > 720 ? 744 : 720)));
        return new PeriodFigures(
                p,
                checkpoints,
                new InspectionFigures(total, daily, townships, roads, cps),
                air,
                spill,
                alerts,
                dq);
    }

    /** Xihe's excess at the hours of day with both kinds of hour: 98.72 / 8 = 12.34. */
    static final Map<Integer, Double> XIHE_EXCESS =
            Map.of(0, 10.0, 1, 14.0, 2, 12.0, 4, 15.0, 5, 11.0, 21, 13.0, 22, 12.72, 23, 11.0);

    /**
     * Xihe's PM10 by hour of day (630 hours: 110 after spillage, 520 other): no PM10 at all at
     * 12:00, 13:00 and 14:00; at 03:00 30 after hours (95 µg/m³) and no other; at each hour of
     * {@link #XIHE_EXCESS} 10 after hours and 20 others, the others at 80 + hour mod 4 and the
     * after hours that plus the excess; the 12 other hours of day 30 other hours each, at 50 +
     * hour. So 9 hours of day have an after mean and 20 an other mean.
     */
    static List<SpillageDustFigures.HourOfDay> xiheByHour() {
        List<SpillageDustFigures.HourOfDay> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (h >= 12 && h <= 14) {
                continue;
            }
            if (h == 3) {
                out.add(new SpillageDustFigures.HourOfDay(h, 30, 95.0, 0, null));
            } else if (XIHE_EXCESS.containsKey(h)) {
                double other = 80 + h % 4;
                out.add(
                        new SpillageDustFigures.HourOfDay(
                                h, 10, other + XIHE_EXCESS.get(h), 20, other));
            } else {
                out.add(new SpillageDustFigures.HourOfDay(h, 0, null, 30, 50.0 + h));
            }
        }
        return out;
    }

    /**
     * Dongling's (too few: 18 after hours, 600 other): every hour of day 25 other hours at 60 +
     * hour mod 5; 01:00 to 03:00 6 after hours each at 70.
     */
    static List<SpillageDustFigures.HourOfDay> donglingByHour() {
        List<SpillageDustFigures.HourOfDay> out = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            boolean after = h >= 1 && h <= 3;
            out.add(
                    new SpillageDustFigures.HourOfDay(
                            h, after ? 6 : 0, after ? 70.0 : null, 25, 60.0 + h % 5));
        }
        return out;
    }

    private static InspectionCounts counts(long inspected, long violating) {
        return new InspectionCounts(
                inspected,
                violating,
                violating / 3,
                violating / 5,
                violating / 7,
                violating / 4,
                violating * 500);
    }

    /**
     * An area's air quality: every day of the period is a calendar cell; day {@code d} of the month
     * has level {@code LEVELS[d % 8]} (0 = NA, and day 30 has no report). November in the district:
     * {@link #novemberLevels()} days per level.
     */
    static AreaAirQuality area(ReportPeriod p, String name, String scope, int shift) {
        List<AreaAirQuality.AqiDay> cal = new ArrayList<>();
        int[] levels = new int[7];
        int valid = 0;
        int na = 0;
        int missing = 0;
        for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
            int level = LEVELS[(d.getDayOfMonth() + shift) % LEVELS.length];
            if (d.getDayOfMonth() == 30) {
                cal.add(new AreaAirQuality.AqiDay(d, "missing", null, null, "HJ633-2026", null));
                missing++;
            } else if (level == 0) {
                cal.add(new AreaAirQuality.AqiDay(d, "NA", null, null, "HJ633-2026", null));
                na++;
            } else {
                cal.add(
                        new AreaAirQuality.AqiDay(
                                d, "ok", AQI[level], level, "HJ633-2026", "PM10"));
                levels[level]++;
                valid++;
            }
        }
        List<AreaAirQuality.LevelDays> ld = new ArrayList<>();
        for (int l = 1; l <= 6; l++) {
            ld.add(new AreaAirQuality.LevelDays(l, levels[l], Map.of("HJ633-2026", levels[l])));
        }
        return new AreaAirQuality(
                name,
                scope,
                List.of("HJ633-2026"),
                ld,
                valid,
                na,
                missing,
                levels[1] + levels[2],
                shift == 1 ? 35.4 : 37.0,
                shift == 1 ? 70.6 : 68.0,
                List.of(
                        new AreaAirQuality.Exceedance(
                                "PM10",
                                "24h",
                                "pm10_24h",
                                levels[4] + levels[5] + levels[6],
                                valid + na,
                                Map.of("GB3095-2026", 120.0))),
                Map.of("PM10", valid, "PM2.5", 0, "SO2", 0, "NO2", 0, "CO", 0, "O3", 0),
                cal);
    }

    /** Level by day of month mod 8: 优, 良, 良, 轻度, NA, 中度, 重度/严重 alternate, 优. */
    static final int[] LEVELS = {1, 2, 2, 3, 0, 4, 5, 6};

    /** A representative AQI of each level. */
    static final int[] AQI = {0, 40, 80, 120, 180, 250, 350};
}
