package org.dustwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.aqi.Limits;
import org.dustwatch.aqi.Pollutant;
import org.dustwatch.aqi.Rounding;
import org.dustwatch.aqi.Standard;
import org.dustwatch.model.Station;

/**
 * Section 3, air quality, and the stations' completeness of section 6, from the {@code aqi}
 * measurement: the daily reports ({@code window='1d'}) of the townships and the district, and the
 * stations' real-time reports ({@code window='1h'}), each day under the HJ 633 edition in force on
 * it (one query per edition, over its days of the period: InfluxQL 1.x cannot OR time ranges).
 */
final class AirQualityQueries {

    /** The daily report's fields the section reads. */
    static final String DAILY_FIELDS =
            "\"status\", \"aqi\", \"level\", \"primary_pollutant\", \"pm25_24h\", \"pm10_24h\","
                    + " \"so2_24h\", \"no2_24h\", \"co_24h\", \"o3_8h\"";

    /** Exceedances, in the report's order: the pollutant, its average and the daily field. */
    record Indicator(Pollutant pollutant, Limits.Period period, String average, String field) {}

    static final List<Indicator> INDICATORS =
            List.of(
                    new Indicator(Pollutant.PM25, Limits.Period.DAY_24H, "24h", "pm25_24h"),
                    new Indicator(Pollutant.PM10, Limits.Period.DAY_24H, "24h", "pm10_24h"),
                    new Indicator(Pollutant.SO2, Limits.Period.DAY_24H, "24h", "so2_24h"),
                    new Indicator(Pollutant.NO2, Limits.Period.DAY_24H, "24h", "no2_24h"),
                    new Indicator(Pollutant.CO, Limits.Period.DAY_24H, "24h", "co_24h"),
                    new Indicator(Pollutant.O3, Limits.Period.DAILY_MAX_8H, "8h max", "o3_8h"));

    /** The primary pollutants' names as the {@code primary_pollutant} field writes them. */
    static final List<String> PRIMARY = List.of("PM2.5", "PM10", "SO2", "NO2", "CO", "O3");

    private final InfluxQl influx;
    private final ReportRequest request;

    AirQualityQueries(InfluxQl influx, ReportRequest request) {
        this.influx = influx;
        this.request = request;
    }

    /** A part of a period under one HJ 633 edition. */
    record EditionSpan(Standard standard, ReportPeriod days) {}

    /** The period cut at 2026-03-01, each part with its edition. */
    static List<EditionSpan> editions(ReportPeriod p) {
        LocalDate cut = Standard.HJ633_2026_IN_FORCE;
        List<EditionSpan> out = new ArrayList<>();
        if (p.from().isBefore(cut)) {
            LocalDate to = p.to().isBefore(cut) ? p.to() : cut.minusDays(1);
            out.add(new EditionSpan(Standard.HJ633_2012, ReportPeriod.span(p.from(), to)));
        }
        if (!p.to().isBefore(cut)) {
            LocalDate from = p.from().isBefore(cut) ? cut : p.from();
            out.add(new EditionSpan(Standard.HJ633_2026, ReportPeriod.span(from, p.to())));
        }
        return out;
    }

    /** The daily-report query of one scope ({@code township} or {@code district}) and edition. */
    String dailyQuery(String scope, EditionSpan e) {
        String township =
                scope.equals("township") && request.township() != null
                        ? " AND \"township\" = " + InfluxQl.literal(request.township())
                        : "";
        return "SELECT "
                + DAILY_FIELDS
                + " FROM \"aqi\" WHERE \"scope\" = "
                + InfluxQl.literal(scope)
                + " AND \"window\" = '1d' AND \"standard\" = "
                + InfluxQl.literal(e.standard().id())
                + " AND "
                + InfluxQl.between(e.days().start(), e.days().end())
                + township
                + (scope.equals("township") ? " GROUP BY \"township\"" : "");
    }

    /** Section 3 of a period. */
    AirQualityFigures figures(ReportPeriod p) {
        Map<String, Map<LocalDate, Map<String, JsonNode>>> township = new TreeMap<>();
        Map<LocalDate, Map<String, JsonNode>> district = new TreeMap<>();
        for (EditionSpan e : editions(p)) {
            for (InfluxQl.Series s : influx.series(dailyQuery("township", e))) {
                if (request.airTownships().contains(s.tag("township"))) {
                    Map<LocalDate, Map<String, JsonNode>> days =
                            township.computeIfAbsent(s.tag("township"), k -> new TreeMap<>());
                    s.rows().forEach(r -> days.put(day(InfluxQl.time(r)), r));
                }
            }
            if (request.township() == null && request.road() == null) {
                for (InfluxQl.Series s : influx.series(dailyQuery("district", e))) {
                    s.rows().forEach(r -> district.put(day(InfluxQl.time(r)), r));
                }
            }
        }
        List<AreaAirQuality> rows = new ArrayList<>();
        for (String t : request.airTownships()) {
            rows.add(area(t, "township", p, township.getOrDefault(t, Map.of())));
        }
        boolean districtWide = request.township() == null && request.road() == null;
        return new AirQualityFigures(
                districtWide ? area("district", "district", p, district) : null, rows);
    }

    static LocalDate day(Instant t) {
        return t.atZone(ReportPeriod.ZONE).toLocalDate();
    }

    /**
     * Whether a daily value is above its grade-2 limit on {@code day}: the value as the day's
     * edition rounds it before indexing (HJ 633—2026: GB/T 8170, whole µg/m³, CO 0.1 mg/m³; HJ
     * 633-2012: as it is) is greater than the limit of the GB 3095 edition in force.
     */
    static boolean exceeds(Indicator ind, LocalDate day, double value) {
        double limit =
                Limits.limit(day, ind.pollutant(), ind.period(), Limits.Grade.TWO).orElseThrow();
        BigDecimal v =
                Rounding.defaultFor(Standard.forDate(day))
                        .apply(ind.pollutant(), BigDecimal.valueOf(value));
        return v.compareTo(BigDecimal.valueOf(limit)) > 0;
    }

    /** An area's figures from its daily reports, one row per day at most. */
    static AreaAirQuality area(
            String name, String scope, ReportPeriod p, Map<LocalDate, Map<String, JsonNode>> days) {
        int[] levels = new int[7];
        List<Map<String, Integer>> levelsByEdition = new ArrayList<>();
        for (int i = 0; i <= 6; i++) {
            levelsByEdition.add(new TreeMap<>());
        }
        int valid = 0, na = 0, missing = 0, good = 0;
        double pm25 = 0, pm10 = 0;
        int pm25n = 0, pm10n = 0;
        int[] over = new int[INDICATORS.size()];
        int[] withValue = new int[INDICATORS.size()];
        Map<String, Integer> primary = new LinkedHashMap<>();
        PRIMARY.forEach(x -> primary.put(x, 0));
        List<String> editions = new ArrayList<>();
        List<AreaAirQuality.AqiDay> calendar = new ArrayList<>();
        for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
            String edition = Standard.forDate(d).id();
            if (!editions.contains(edition)) {
                editions.add(edition);
            }
            Map<String, JsonNode> r = days.get(d);
            if (r == null) {
                missing++;
                calendar.add(new AreaAirQuality.AqiDay(d, "missing", null, null, edition, null));
                continue;
            }
            for (int i = 0; i < INDICATORS.size(); i++) {
                Double v = InfluxQl.number(r, INDICATORS.get(i).field());
                if (v != null && v >= 0) {
                    withValue[i]++;
                    over[i] += exceeds(INDICATORS.get(i), d, v) ? 1 : 0;
                }
            }
            Double m25 = InfluxQl.number(r, "pm25_24h");
            if (m25 != null && m25 >= 0) {
                pm25 += m25;
                pm25n++;
            }
            Double m10 = InfluxQl.number(r, "pm10_24h");
            if (m10 != null && m10 >= 0) {
                pm10 += m10;
                pm10n++;
            }
            if (!InfluxQl.text(r, "status").equals("ok")) {
                na++;
                calendar.add(new AreaAirQuality.AqiDay(d, "NA", null, null, edition, null));
                continue;
            }
            valid++;
            int aqi = (int) InfluxQl.count(r, "aqi");
            int level = (int) InfluxQl.count(r, "level");
            levels[level]++;
            levelsByEdition.get(level).merge(edition, 1, Integer::sum);
            good += aqi <= 100 ? 1 : 0;
            String pp = InfluxQl.text(r, "primary_pollutant");
            for (String x : pp.split(",")) {
                if (!x.isBlank()) {
                    primary.merge(x.strip(), 1, Integer::sum);
                }
            }
            calendar.add(new AreaAirQuality.AqiDay(d, "ok", aqi, level, edition, pp));
        }
        List<AreaAirQuality.LevelDays> levelDays = new ArrayList<>();
        for (int l = 1; l <= 6; l++) {
            levelDays.add(new AreaAirQuality.LevelDays(l, levels[l], levelsByEdition.get(l)));
        }
        List<AreaAirQuality.Exceedance> exceedances = new ArrayList<>();
        for (int i = 0; i < INDICATORS.size(); i++) {
            Indicator ind = INDICATORS.get(i);
            Map<String, Double> limits = new TreeMap<>();
            for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
                limits.put(
                        Limits.Edition.of(d).name(),
                        Limits.limit(d, ind.pollutant(), ind.period(), Limits.Grade.TWO)
                                .orElseThrow());
            }
            exceedances.add(
                    new AreaAirQuality.Exceedance(
                            ind.pollutant().label(),
                            ind.average(),
                            ind.field(),
                            over[i],
                            withValue[i],
                            limits));
        }
        return new AreaAirQuality(
                name,
                scope,
                editions,
                levelDays,
                valid,
                na,
                missing,
                good,
                pm25n == 0 ? null : pm25 / pm25n,
                pm10n == 0 ? null : pm10 / pm10n,
                exceedances,
                primary,
                calendar);
    }

    /** The stations' completeness: hours with a published real-time AQI over the period's hours. */
    List<DataQualityFigures.StationCompleteness> completeness(ReportPeriod p) {
        Map<String, Long> valid = new TreeMap<>();
        for (EditionSpan e : editions(p)) {
            String q =
                    "SELECT count(\"aqi\") AS hours FROM \"aqi\" WHERE \"scope\" = 'station'"
                            + " AND \"window\" = '1h' AND \"standard\" = "
                            + InfluxQl.literal(e.standard().id())
                            + " AND \"status\" = 'ok' AND "
                            + InfluxQl.between(e.days().start(), e.days().end())
                            + " GROUP BY \"station\"";
            for (InfluxQl.Series s : influx.series(q)) {
                for (Map<String, JsonNode> r : s.rows()) {
                    valid.merge(s.tag("station"), InfluxQl.count(r, "hours"), Long::sum);
                }
            }
        }
        int expected = (int) java.time.Duration.between(p.start(), p.end()).toHours();
        List<DataQualityFigures.StationCompleteness> out = new ArrayList<>();
        for (Station st : request.stations()) {
            out.add(
                    new DataQualityFigures.StationCompleteness(
                            st.id(),
                            st.township(),
                            (int) (long) valid.getOrDefault(st.id(), 0L),
                            expected));
        }
        return out;
    }
}
