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

    /** {@code SELECT <sums> FROM checkpoint_inspections WHERE window='1d' AND <period> ...}. */
    String query(ReportPeriod p, String groupBy) {
        return "SELECT "
                + SUMS
                + " FROM \"checkpoint_inspections\" WHERE \"window\" = '1d' AND "
                + InfluxQl.between(p.start(), p.end())
                + request.inspectionFilter()
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

    /** The total of the period, in the scope. */
    InspectionCounts total(ReportPeriod p) {
        InspectionCounts total = InspectionCounts.NONE;
        for (InfluxQl.Series s : influx.series(query(p, ""))) {
            for (Map<String, JsonNode> row : s.rows()) {
                total = total.plus(counts(row));
            }
        }
        return total;
    }

    /** Per value of {@code tag}: the rows of {@code GROUP BY tag}. */
    Map<String, InspectionCounts> by(ReportPeriod p, String tag) {
        Map<String, InspectionCounts> out = new TreeMap<>();
        for (InfluxQl.Series s : influx.series(query(p, " GROUP BY \"" + tag + "\""))) {
            InspectionCounts c = InspectionCounts.NONE;
            for (Map<String, JsonNode> row : s.rows()) {
                c = c.plus(counts(row));
            }
            out.merge(s.tag(tag), c, InspectionCounts::plus);
        }
        return out;
    }

    /** Per local day: {@code GROUP BY time(1d, -8h)}, days without points as zeros. */
    List<InspectionFigures.Day> daily(ReportPeriod p) {
        Map<LocalDate, InspectionCounts> byDay = new HashMap<>();
        long offsetHours =
                -p.start().atZone(ReportPeriod.ZONE).getOffset().getTotalSeconds() / 3600;
        for (InfluxQl.Series s :
                influx.series(query(p, " GROUP BY time(1d, " + offsetHours + "h)"))) {
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
        Map<String, InspectionCounts> perCheckpoint = by(p, "checkpoint");
        Map<String, InspectionCounts> perRoad = by(p, "road");
        Map<String, InspectionCounts> perTownship = by(p, "township");
        List<Checkpoint> checkpoints = request.checkpoints();
        List<InspectionFigures.CheckpointRow> cpRows = new ArrayList<>();
        SortedSet<String> roads = new TreeSet<>();
        SortedSet<String> townships = new TreeSet<>();
        for (Checkpoint cp : checkpoints) {
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
                        total(p),
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
        ReportPeriod span = ReportPeriod.span(since, p.to());
        Map<String, InspectionCounts> perCheckpoint = by(span, "checkpoint");
        int active = 0;
        for (Checkpoint cp : request.checkpoints()) {
            active +=
                    perCheckpoint.getOrDefault(cp.id(), InspectionCounts.NONE).inspected() > 0
                            ? 1
                            : 0;
        }
        return new Cumulative(since, p.to(), total(span), active);
    }
}
