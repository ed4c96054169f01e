package org.dustwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.Station;

/**
 * Sections 4, 5 and 6: spillage against PM10 (hourly township points), the alerts opened in the
 * period ({@code alerts}), and the refused, late, duplicate and corrected records ({@code refusals}
 * and {@code pipeline}).
 */
final class OtherQueries {

    private final InfluxQl influx;
    private final ReportRequest request;

    OtherQueries(InfluxQl influx, ReportRequest request) {
        this.influx = influx;
        this.request = request;
    }

    // ---- 4. spillage and dust ------------------------------------------------------------------

    SpillageDustFigures spillageDust(ReportPeriod p, SpillageMethod method) {
        Map<String, Map<Instant, Double>> pm10 = new TreeMap<>();
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT \"pm10_mean\" FROM \"township_air_quality\" WHERE \"window\" = '1h'"
                                + " AND "
                                + InfluxQl.between(p.start(), p.end())
                                + " GROUP BY \"township\"")) {
            Map<Instant, Double> m = pm10.computeIfAbsent(s.tag("township"), k -> new TreeMap<>());
            for (Map<String, JsonNode> r : s.rows()) {
                Double v = InfluxQl.number(r, "pm10_mean");
                if (v != null) {
                    m.put(InfluxQl.time(r), v);
                }
            }
        }
        Map<String, Map<Instant, Long>> spills = new TreeMap<>();
        Instant from = p.start().minusSeconds(3600L * (method.lagHours() - 1));
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT \"spillage\" FROM \"township_inspections\" WHERE \"window\" = '1h'"
                                + " AND "
                                + InfluxQl.between(from, p.end())
                                + " GROUP BY \"township\"")) {
            Map<Instant, Long> m = spills.computeIfAbsent(s.tag("township"), k -> new HashMap<>());
            for (Map<String, JsonNode> r : s.rows()) {
                m.put(InfluxQl.time(r), InfluxQl.count(r, "spillage"));
            }
        }
        List<SpillageDustFigures.SpillageDust> rows = new ArrayList<>();
        for (String t : request.airTownships()) {
            rows.add(
                    SpillageAnalysis.analyse(
                            t,
                            pm10.getOrDefault(t, Map.of()),
                            spills.getOrDefault(t, Map.of()),
                            method));
        }
        return new SpillageDustFigures(rows);
    }

    // ---- 5. alerts -----------------------------------------------------------------------------

    /**
     * Whether an alert is in the report's scope. District-wide, every alert. With a filter: a
     * township's, station's or checkpoint's alert in the scope's townships (for a road, the
     * townships it crosses, and of checkpoints only the road's), a road's alert of a road with a
     * checkpoint in scope; never a vehicle's (its place is in its message only).
     */
    boolean inScope(String level, String subject) {
        if (request.township() == null && request.road() == null) {
            return true;
        }
        Set<String> townships = request.airTownships();
        return switch (level) {
            case "township" -> townships.contains(subject);
            case "station" -> {
                Station st = request.reference().station(subject);
                yield st != null && townships.contains(st.township());
            }
            case "checkpoint" -> {
                Checkpoint cp = request.reference().checkpoint(subject);
                yield cp != null && request.covers(cp);
            }
            case "road" -> request.checkpoints().stream().anyMatch(c -> c.road().equals(subject));
            default -> false;
        };
    }

    AlertFigures alerts(ReportPeriod p) {
        Map<String, Instant> resolved = new HashMap<>();
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT \"id\" FROM \"alerts\" WHERE \"state\" = 'resolved' AND time >= '"
                                + p.start()
                                + "'")) {
            for (Map<String, JsonNode> r : s.rows()) {
                resolved.merge(
                        InfluxQl.text(r, "id"), InfluxQl.time(r), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<AlertFigures.Alert> list = new ArrayList<>();
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT \"id\", \"message\" FROM \"alerts\" WHERE \"state\" = 'open' AND "
                                + InfluxQl.between(p.start(), p.end())
                                + " GROUP BY \"kind\", \"level\", \"subject\", \"severity\"")) {
            if (!inScope(s.tag("level"), s.tag("subject"))) {
                continue;
            }
            for (Map<String, JsonNode> r : s.rows()) {
                Instant opened = InfluxQl.time(r);
                Instant end = resolved.get(InfluxQl.text(r, "id"));
                list.add(
                        new AlertFigures.Alert(
                                s.tag("kind"),
                                s.tag("level"),
                                s.tag("subject"),
                                s.tag("severity"),
                                opened,
                                end != null && !end.isBefore(opened) ? end : null,
                                InfluxQl.text(r, "message")));
            }
        }
        list.sort(
                Comparator.comparing(AlertFigures.Alert::opened)
                        .thenComparing(AlertFigures.Alert::kind)
                        .thenComparing(AlertFigures.Alert::subject));
        Map<String, Integer> byKind = new LinkedHashMap<>();
        AlertFigures.KINDS.forEach(k -> byKind.put(k, 0));
        list.forEach(a -> byKind.merge(a.kind(), 1, Integer::sum));
        return new AlertFigures(list.size(), byKind, list);
    }

    // ---- 6. data quality -----------------------------------------------------------------------

    DataQualityFigures dataQuality(
            ReportPeriod p, List<DataQualityFigures.StationCompleteness> st) {
        Map<String, Long> byReason = new TreeMap<>();
        Map<String, Long> bySource = new TreeMap<>();
        long reasoned = 0;
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT sum(\"count\") AS refused FROM \"refusals\" WHERE \"window\" = '1m'"
                                + " AND "
                                + InfluxQl.between(p.start(), p.end())
                                + " GROUP BY \"reason\", \"source\"")) {
            for (Map<String, JsonNode> r : s.rows()) {
                long n = InfluxQl.count(r, "refused");
                if (n > 0) {
                    byReason.merge(s.tag("reason"), n, Long::sum);
                    bySource.merge(s.tag("source"), n, Long::sum);
                    reasoned += n;
                }
            }
        }
        // The total refused comes from pipeline, which every version of the job wrote; refusals
        // (by reason) only from the build that added it: the difference has no reason recorded.
        long refused = 0, late = 0, duplicates = 0, corrections = 0;
        for (InfluxQl.Series s :
                influx.series(
                        "SELECT sum(\"dead_letters\") AS dead_letters, sum(\"late\") AS late,"
                                + " sum(\"clock_skew\") AS clock_skew,"
                                + " sum(\"duplicates\") AS duplicates,"
                                + " sum(\"corrections\") AS corrections FROM \"pipeline\" WHERE"
                                + " \"window\" = '1m' AND "
                                + InfluxQl.between(p.start(), p.end()))) {
            for (Map<String, JsonNode> r : s.rows()) {
                refused +=
                        InfluxQl.count(r, "dead_letters")
                                + InfluxQl.count(r, "late")
                                + InfluxQl.count(r, "clock_skew");
                late += InfluxQl.count(r, "late");
                duplicates += InfluxQl.count(r, "duplicates");
                corrections += InfluxQl.count(r, "corrections");
            }
        }
        return new DataQualityFigures(
                refused,
                byReason,
                bySource,
                late,
                duplicates,
                corrections,
                st,
                Math.max(0, refused - reasoned));
    }
}
