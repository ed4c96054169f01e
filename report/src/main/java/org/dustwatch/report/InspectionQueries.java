package org.dustwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.CheckpointType;

/**
 * Sections 1 and 2, checkpoints and inspections, from {@code checkpoint_inspections}' daily points
 * ({@code window='1d'}, stamped at local midnight): every figure is a {@code sum()} over different
 * checkpoints and days, never over the same window twice. docs/report.md lists each query.
 */
final class InspectionQueries {

    /** The sums every inspection query selects, in {@link InspectionCounts}' order. */
    static final String SUMS =
            "sum(\"inspected\") AS inspected, sum(\"violating\") AS violating,"
                    + " sum(\"uncovered\") AS uncovered, sum(\"overheight\") AS overheight,"
                    + " sum(\"overload\") AS overload, sum(\"spillage\") AS spillage,"
                    + " sum(\"fines_yuan\") AS fines_yuan";

    private final InfluxQl influx;
    private final ReportRequest request;

    InspectionQueries(InfluxQl influx, ReportRequest request) {
        this.influx = influx;
        this.request = request;
    }

    /**
     * {@code SELECT <sums> FROM <measurement> WHERE window='1d' AND <period> <filter> <groupBy>}.
     */
    String query(String measurement, ReportPeriod p, String filter, String groupBy) {
        return "SELECT "
                + SUMS
                + " FROM \""
                + measurement
                + "\" WHERE \"window\" = '1d' AND "
                + InfluxQl.between(p.start(), p.end())
                + filter
                + groupBy;
    }

    static InspectionCounts counts(Map<String, JsonNode> row) {
        return new InspectionCounts(
                InfluxQl.count(row, "inspected"),
                InfluxQl.count(row, "violating"),
                InfluxQl.count(row, "uncovered"),
                InfluxQl.count(row, "overheight"),
                InfluxQl.count(row, "overload"),
                InfluxQl.count(row, "spillage"),
                InfluxQl.count(row, "fines_yuan"));
    }

    /**
     * Per checkpoint of the scope: one {@code GROUP BY "checkpoint"} query, from which the total,
     * the townships' and the roads' rows are summed (a township's and a road's figures are the sums
     * over their checkpoints, docs/schema.md; one query over a district's thousand checkpoints
     * costs as much as four).
     */
    Map<String, InspectionCounts> perCheckpoint(ReportPeriod p) {
        Map<String, InspectionCounts> out = new TreeMap<>();
        for (InfluxQl.Series s :
                influx.series(
                        query(
                                "checkpoint_inspections",
                                p,
                                request.inspectionFilter(),
                                " GROUP BY \"checkpoint\""))) {
            for (Map<String, JsonNode> row : s.rows()) {
                out.merge(s.tag("checkpoint"), counts(row), InspectionCounts::plus);
            }
        }
        return out;
    }

    /**
     * Per local day: {@code GROUP BY time(1d, -8h)} on the townships' points (a road filter: its
     * checkpoints' points), days without points as zeros.
     */
    List<InspectionFigures.Day> daily(ReportPeriod p) {
        Map<LocalDate, InspectionCounts> byDay = new HashMap<>();
        long offsetHours =
                -p.start().atZone(ReportPeriod.ZONE).getOffset().getTotalSeconds() / 3600;
        String group = " GROUP BY time(1d, " + offsetHours + "h)";
        String q =
                request.road() != null
                        ? query("checkpoint_inspections", p, request.inspectionFilter(), group)
                        : query("township_inspections", p, request.inspectionFilter(), group);
        for (InfluxQl.Series s : influx.series(q)) {
            for (Map<String, JsonNode> row : s.rows()) {
                LocalDate day = InfluxQl.time(row).atZone(ReportPeriod.ZONE).toLocalDate();
                byDay.merge(day, counts(row), InspectionCounts::plus);
            }
        }
        List<InspectionFigures.Day> out = new ArrayList<>();
        for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) {
            out.add(new InspectionFigures.Day(d, byDay.getOrDefault(d, InspectionCounts.NONE)));
        }
        return out;
    }

    /** Sections 1 and 2 of a period. */
    Sections sections(ReportPeriod p) {
        Map<String, InspectionCounts> perCheckpoint = perCheckpoint(p);
        Map<String, InspectionCounts> perRoad = new TreeMap<>();
        Map<String, InspectionCounts> perTownship = new TreeMap<>();
        InspectionCounts total = InspectionCounts.NONE;
        List<Checkpoint> checkpoints = request.checkpoints();
        List<InspectionFigures.CheckpointRow> cpRows = new ArrayList<>();
        SortedSet<String> roads = new TreeSet<>();
        SortedSet<String> townships = new TreeSet<>();
        for (Checkpoint cp : checkpoints) {
            InspectionCounts c = perCheckpoint.getOrDefault(cp.id(), InspectionCounts.NONE);
            total = total.plus(c);
            perRoad.merge(cp.road(), c, InspectionCounts::plus);
            perTownship.merge(cp.township(), c, InspectionCounts::plus);
            roads.add(cp.road());
            townships.add(cp.township());
            cpRows.add(
                    new InspectionFigures.CheckpointRow(
                            cp.id(),
                            cp.name(),
                            cp.road(),
                            cp.township(),
                            cp.type().name(),
                            perCheckpoint.getOrDefault(cp.id(), InspectionCounts.NONE)));
        }
        cpRows.sort(
                Comparator.comparing((InspectionFigures.CheckpointRow r) -> r.counts(), RANKING)
                        .thenComparing(InspectionFigures.CheckpointRow::id));
        InspectionFigures figures =
                new InspectionFigures(
                        total,
                        daily(p),
                        rows(townships, perTownship),
                        rows(roads, perRoad),
                        cpRows);
        return new Sections(checkpointFigures(checkpoints, perCheckpoint), figures);
    }

    /** Sections 1 and 2 together: they come from the same queries. */
    record Sections(CheckpointFigures checkpoints, InspectionFigures inspections) {}

    /**
     * Highest violation rate first, then most inspections; rows without inspections last (their
     * rate is undefined).
     */
    static final Comparator<InspectionCounts> RANKING =
            Comparator.comparing((InspectionCounts c) -> c.inspected() == 0)
                    .thenComparing(
                            c -> c.violationRate() == null ? 0.0 : c.violationRate(),
                            Comparator.reverseOrder())
                    .thenComparing(InspectionCounts::inspected, Comparator.reverseOrder());

    private static List<InspectionFigures.Row> rows(
            SortedSet<String> names, Map<String, InspectionCounts> counts) {
        List<InspectionFigures.Row> rows = new ArrayList<>();
        for (String n : names) {
            rows.add(new InspectionFigures.Row(n, counts.getOrDefault(n, InspectionCounts.NONE)));
        }
        rows.sort(
                Comparator.comparing(InspectionFigures.Row::counts, RANKING)
                        .thenComparing(InspectionFigures.Row::name));
        return rows;
    }

    /** The duty posts in scope from reference data; active ones from the per-checkpoint query. */
    static CheckpointFigures checkpointFigures(
            List<Checkpoint> checkpoints, Map<String, InspectionCounts> perCheckpoint) {
        int fixed = 0, mobile = 0, active = 0, activeFixed = 0, activeMobile = 0;
        Map<String, int[]> perTownship = new TreeMap<>();
        for (Checkpoint cp : checkpoints) {
            boolean isFixed = cp.type() == CheckpointType.FIXED;
            boolean isActive =
                    perCheckpoint.getOrDefault(cp.id(), InspectionCounts.NONE).inspected() > 0;
            fixed += isFixed ? 1 : 0;
            mobile += isFixed ? 0 : 1;
            active += isActive ? 1 : 0;
            activeFixed += isActive && isFixed ? 1 : 0;
            activeMobile += isActive && !isFixed ? 1 : 0;
            int[] t = perTownship.computeIfAbsent(cp.township(), k -> new int[4]);
            t[0]++;
            t[isFixed ? 1 : 2]++;
            t[3] += isActive ? 1 : 0;
        }
        List<CheckpointFigures.TownshipCheckpoints> rows = new ArrayList<>();
        perTownship.forEach(
                (t, c) ->
                        rows.add(
                                new CheckpointFigures.TownshipCheckpoints(
                                        t, c[0], c[1], c[2], c[3])));
        return new CheckpointFigures(
                checkpoints.size(), fixed, mobile, active, activeFixed, activeMobile, rows);
    }

    /** The campaign's totals from {@code since} to the period's last day. */
    Cumulative cumulative(LocalDate since, ReportPeriod p) {
        Map<String, InspectionCounts> perCheckpoint =
                perCheckpoint(ReportPeriod.span(since, p.to()));
        int active = 0;
        InspectionCounts total = InspectionCounts.NONE;
        for (Checkpoint cp : request.checkpoints()) {
            InspectionCounts c = perCheckpoint.getOrDefault(cp.id(), InspectionCounts.NONE);
            active += c.inspected() > 0 ? 1 : 0;
            total = total.plus(c);
        }
        return new Cumulative(since, p.to(), total, active);
    }
}
