package org.dustwatch.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dustwatch.model.ReferenceData;

/**
 * The {@code pollution_episode} alerts that docs/alerts.md's rule gives for a set of readings,
 * computed without the job: the hourly reports come from {@link AqiOracle} (which uses neither the
 * {@code aqi} library nor the job's functions), and the rule is typed here again from the docs.
 *
 * <p>The rule, per township, over its hours in order: an hour whose township report is NA is not
 * judged. An hour is <i>polluted</i> when its AQI level is at least {@code minLevel}, or when the
 * mean 1-h PM2.5 of the stations valid in both this hour and the previous one rose by at least
 * {@code pm25Rise} µg/m³ (no such station: no rise). A polluted hour opens an alert unless one is
 * open or the last one resolved less than {@code cooldown} before the hour's start. The alert's
 * first rise (at its opening or while it is open) fixes its baseline hour, the hour before that
 * rise. An open alert resolves on the first hour that is not polluted and not held; held: the mean
 * 1-h PM2.5 of the stations valid in both this hour and the baseline hour, less their mean in the
 * baseline hour, is at least half of {@code pm25Rise} (no such station: not held). An open and a
 * resolve are given by the hour that decides them.
 */
public final class EpisodeOracle {
    private EpisodeOracle() {}

    /** An expected alert state change: its township, {@code open} or {@code resolved}, hour. */
    public record Change(String township, String state, long hour) {}

    static final long HOUR = 3_600_000L;

    /**
     * @param readings the readings the job accepts, as sent (their JSON), in the order sent
     */
    public static List<Change> expected(
            ReferenceData reference,
            List<String> readings,
            ZoneId zone,
            int minLevel,
            double pm25Rise,
            Duration cooldown) {
        ObjectMapper json = new ObjectMapper();
        List<AqiOracle.Sent> sent = new ArrayList<>();
        for (String r : readings) {
            try {
                JsonNode n = json.readTree(r);
                Map<String, Double> values = new LinkedHashMap<>();
                for (String f : List.of("pm25", "pm10", "so2", "no2", "co", "o3")) {
                    if (n.has(f)) {
                        values.put(f, n.get(f).asDouble());
                    }
                }
                sent.add(
                        new AqiOracle.Sent(
                                n.get("stationId").asText(),
                                n.get("ts").asLong(),
                                n.has("period") ? Duration.parse(n.get("period").asText()) : null,
                                values));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        var points = new AqiOracle(reference, AqiOracle.Settings.defaults(zone)).run(sent).points();
        // township -> hour -> level (-1 for NA); township -> hour -> station -> PM2.5
        Map<String, TreeMap<Long, Integer>> levels = new TreeMap<>();
        Map<String, Map<Long, Map<String, Double>>> pm25 = new TreeMap<>();
        points.forEach(
                (key, fields) -> {
                    Map<String, String> tags = new TreeMap<>();
                    String[] at = key.split("@");
                    for (String t : at[0].split(",")) {
                        String[] kv = t.split("=", 2);
                        tags.put(kv[0], kv[1]);
                    }
                    if (!"1h".equals(tags.get("window"))) {
                        return;
                    }
                    long hour = Long.parseLong(at[1]);
                    String township = tags.get("township");
                    if ("township".equals(tags.get("scope"))) {
                        boolean ok = "ok".equals(fields.get("status"));
                        int level = ((Double) fields.get("level")).intValue();
                        levels.computeIfAbsent(township, k -> new TreeMap<>())
                                .put(hour, ok ? level : -1);
                    } else if ("station".equals(tags.get("scope"))) {
                        double v = (Double) fields.get("pm25_1h");
                        if (v >= 0) {
                            pm25.computeIfAbsent(township, k -> new TreeMap<>())
                                    .computeIfAbsent(hour, k -> new TreeMap<>())
                                    .put(tags.get("station"), v);
                        }
                    }
                });
        List<Change> out = new ArrayList<>();
        levels.forEach(
                (township, hours) -> {
                    Map<Long, Map<String, Double>> st = pm25.getOrDefault(township, Map.of());
                    boolean open = false;
                    long lastResolved = Long.MIN_VALUE;
                    Long baseline = null; // the hour the open alert's first rise started from
                    for (Map.Entry<Long, Integer> e : hours.entrySet()) {
                        long h = e.getKey();
                        if (e.getValue() < 0) {
                            continue; // NA: not judged
                        }
                        Double rise = rise(st.get(h), st.get(h - HOUR));
                        boolean risen = rise != null && rise >= pm25Rise;
                        boolean polluted = e.getValue() >= minLevel || risen;
                        boolean cooling =
                                lastResolved != Long.MIN_VALUE
                                        && h < lastResolved + cooldown.toMillis();
                        if (open) {
                            Double above =
                                    baseline == null ? null : rise(st.get(h), st.get(baseline));
                            boolean held = above != null && 2 * above >= pm25Rise;
                            if (!polluted && !held) {
                                open = false;
                                baseline = null;
                                lastResolved = h;
                                out.add(new Change(township, "resolved", h));
                            } else if (risen && baseline == null) {
                                baseline = h - HOUR;
                            }
                        } else if (polluted && !cooling) {
                            open = true;
                            baseline = risen ? h - HOUR : null;
                            out.add(new Change(township, "open", h));
                        }
                    }
                });
        return out;
    }

    /** The mean PM2.5 now less before, over the stations in both; null when there are none. */
    static Double rise(Map<String, Double> now, Map<String, Double> before) {
        if (now == null || before == null) {
            return null;
        }
        double sum = 0;
        int n = 0;
        for (Map.Entry<String, Double> e : now.entrySet()) {
            Double b = before.get(e.getKey());
            if (b != null) {
                sum += e.getValue() - b;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }
}
