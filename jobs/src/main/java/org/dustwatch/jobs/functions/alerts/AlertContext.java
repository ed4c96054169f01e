package org.dustwatch.jobs.functions.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.MapFunction;
import org.dustwatch.jobs.records.Alert;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;

/**
 * What a person paged at night needs beside the detector's verdict, from the reference data: the
 * road or township, the checkpoints involved, and the path of the Grafana dashboard to open, with
 * its variables and a time range around the alert (dashboards by their provisioned uids,
 * grafana/provisioning/dashboards). Checkpoints a detector named (a repeat offender's) are kept;
 * otherwise a road's or township's checkpoints are listed. docs/alerts.md gives the rule per level.
 */
public final class AlertContext implements MapFunction<Alert, Alert> {

    static final long HOUR = 3_600_000L;

    public static final String ROAD_DETAIL = "/d/dustwatch-road-detail";
    public static final String OVERVIEW = "/d/dustwatch-overview";
    public static final String AIR_QUALITY = "/d/dustwatch-air-quality";
    public static final String PIPELINE = "/d/dustwatch-pipeline";

    /** by checkpoint: {road, township} */
    private final HashMap<String, String[]> checkpoints = new HashMap<>();

    private final HashMap<String, String[]> byRoad = new HashMap<>();
    private final HashMap<String, String[]> byTownship = new HashMap<>();
    private final HashMap<String, String> stationTownship = new HashMap<>();

    /**
     * @param reference the district; {@code null}: only what the alert itself says
     */
    public AlertContext(ReferenceData reference) {
        if (reference == null) {
            return;
        }
        Map<String, List<String>> roads = new TreeMap<>();
        Map<String, List<String>> townships = new TreeMap<>();
        List<Checkpoint> sorted = new ArrayList<>(reference.checkpoints());
        sorted.sort((a, b) -> a.id().compareTo(b.id()));
        for (Checkpoint c : sorted) {
            checkpoints.put(c.id(), new String[] {c.road(), c.township()});
            roads.computeIfAbsent(c.road(), k -> new ArrayList<>()).add(c.id());
            townships.computeIfAbsent(c.township(), k -> new ArrayList<>()).add(c.id());
        }
        roads.forEach((k, v) -> byRoad.put(k, v.toArray(String[]::new)));
        townships.forEach((k, v) -> byTownship.put(k, v.toArray(String[]::new)));
        for (Station s : reference.stations()) {
            stationTownship.put(s.id(), s.township());
        }
    }

    @Override
    public Alert map(Alert a) {
        long from = a.windowStart() - 6 * HOUR;
        long to = a.windowEnd() + 6 * HOUR;
        String s = a.subject();
        String[] named = a.checkpoints();
        if (Level.ROAD.is(a.level())) {
            String[] cps = named.length > 0 ? named : byRoad.getOrDefault(s, named);
            return a.withPlace(s, null, cps, path(ROAD_DETAIL, from, to, "road", s));
        }
        if (Level.TOWNSHIP.is(a.level())) {
            String[] cps = named.length > 0 ? named : byTownship.getOrDefault(s, named);
            String path =
                    "pollution_episode".equals(a.kind())
                            ? path(AIR_QUALITY, from, to, "township", s)
                            : path(OVERVIEW, from, to);
            return a.withPlace(null, s, cps, path);
        }
        if (Level.STATION.is(a.level())) {
            String township = stationTownship.get(s);
            String path =
                    ClockSkewDetector.KIND.equals(a.kind())
                            ? path(PIPELINE, from, to)
                            : township == null
                                    ? path(AIR_QUALITY, from, to)
                                    : path(AIR_QUALITY, from, to, "township", township);
            return a.withPlace(null, township, named, path);
        }
        if (Level.CHECKPOINT.is(a.level())) {
            String[] place = checkpoints.get(s);
            return a.withPlace(
                    place == null ? null : place[0],
                    place == null ? null : place[1],
                    new String[] {s},
                    path(PIPELINE, from, to));
        }
        if ("vehicle".equals(a.level()) && named.length > 0) {
            // where it was caught last: the road's detail with that checkpoint chosen
            String last = named[named.length - 1];
            String[] place = checkpoints.get(last);
            if (place == null) {
                return a.withPlace(null, null, named, null);
            }
            return a.withPlace(
                    place[0],
                    place[1],
                    named,
                    path(ROAD_DETAIL, a.windowStart() - 24 * HOUR, to, "road", place[0])
                            + "&var-checkpoint="
                            + encode(last));
        }
        return a;
    }

    /** A dashboard's path with its time range and variables, e.g. {@code var-road=G107}. */
    static String path(String dashboard, long from, long to, String... vars) {
        StringBuilder b = new StringBuilder(dashboard).append('?');
        for (int i = 0; i < vars.length; i += 2) {
            b.append("var-").append(vars[i]).append('=').append(encode(vars[i + 1])).append('&');
        }
        return b.append("from=").append(from).append("&to=").append(to).toString();
    }

    private static String encode(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
