package org.dustwatch.report;

import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.dustwatch.cli.UsageException;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * What a report is asked for: the period, an optional township or road, the campaign's start, and
 * the district's reference data (the only source of duty posts, and of which checkpoints and
 * stations a filter takes).
 *
 * @param township {@code --township}, or {@code null}
 * @param road {@code --road}, or {@code null}
 * @param since {@code --since}, or {@code null}
 */
public record ReportRequest(
        ReportPeriod period,
        String township,
        String road,
        LocalDate since,
        ReferenceData reference) {

    /**
     * @throws UsageException for an unknown township or road, both given, or a late start
     */
    public ReportRequest {
        if (township != null && road != null) {
            throw new UsageException("give --township or --road, not both");
        }
        if (township != null && !reference.townships().contains(township)) {
            throw new UsageException(
                    "unknown township '"
                            + township
                            + "' (the reference data have "
                            + String.join(", ", reference.townships())
                            + ")");
        }
        if (road != null && !reference.roads().contains(road)) {
            throw new UsageException(
                    "unknown road '"
                            + road
                            + "' (the reference data have "
                            + String.join(", ", reference.roads())
                            + ")");
        }
        if (since != null && since.isAfter(period.to())) {
            throw new UsageException(
                    "--since " + since + " is after the period's last day " + period.to());
        }
    }

    /** Whether the checkpoint is in the report's scope. */
    public boolean covers(Checkpoint cp) {
        return (township == null || cp.township().equals(township))
                && (road == null || cp.road().equals(road));
    }

    /** The checkpoints in scope, in reference-data order. */
    public List<Checkpoint> checkpoints() {
        return reference.checkpoints().stream().filter(this::covers).toList();
    }

    /** The townships of the air-quality sections: the filter's, the road's, or all. */
    public SortedSet<String> airTownships() {
        SortedSet<String> out = new TreeSet<>();
        if (township != null) {
            out.add(township);
        } else if (road != null) {
            checkpoints().forEach(cp -> out.add(cp.township()));
        } else {
            out.addAll(reference.townships());
        }
        return out;
    }

    /** The stations in the air-quality sections' townships, sorted by id. */
    public List<Station> stations() {
        SortedSet<String> t = airTownships();
        return reference.stations().stream()
                .filter(s -> t.contains(s.township()))
                .sorted(java.util.Comparator.comparing(Station::id))
                .toList();
    }

    /** The scope as the report states it. */
    public ReportScope scope() {
        SortedSet<String> townships = new TreeSet<>();
        checkpoints().forEach(cp -> townships.add(cp.township()));
        ReportScope.AirCoverage air =
                township != null
                        ? ReportScope.AirCoverage.TOWNSHIP
                        : road != null
                                ? ReportScope.AirCoverage.ROAD_TOWNSHIPS
                                : ReportScope.AirCoverage.DISTRICT;
        return new ReportScope(
                township, road, List.copyOf(townships), air, List.copyOf(airTownships()));
    }

    /** The InfluxQL condition on the inspection measurements' tags: empty, or {@code AND ...}. */
    String inspectionFilter() {
        if (township != null) {
            return " AND \"township\" = " + InfluxQl.literal(township);
        }
        if (road != null) {
            return " AND \"road\" = " + InfluxQl.literal(road);
        }
        return "";
    }
}
