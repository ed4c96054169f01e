package org.dustwatch.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.dustwatch.jobs.AqiOracle;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.simulator.SimEvent;

/**
 * The campaign report's numbers computed from the raw simulated events alone, for {@link
 * CampaignReportIT}. It imports nothing of the report module or the job: each record is judged here
 * by the contract of docs/events.md (size, JSON, the reference data's ids, the enums, the ranges,
 * the event id's repeats), the AQI points come from {@link AqiOracle} (jobs' independent oracle,
 * from its test jar), and the rules of docs/report.md (local days in Asia/Shanghai, the grade-2
 * limits of GB 3095—2026's transitional table, HJ 633—2026's rounding) are typed again.
 */
final class ReportOracle {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final int MAX_RECORD = 16 * 1024;
    static final Set<String> CARGO =
            Set.of("COAL", "STONE_POWDER", "SAND_GRAVEL", "MUCK", "EMPTY", "OTHER");
    static final List<String> POLLUTANTS = List.of("pm25", "pm10", "so2", "no2", "co", "o3");

    /** GB 3095—2026, grade 2, 2026-03-01 to 2030-12-31: the daily field and its limit. */
    static final Map<String, Double> LIMITS_2026 =
            Map.of(
                    "pm25_24h", 60.0,
                    "pm10_24h", 120.0,
                    "so2_24h", 150.0,
                    "no2_24h", 80.0,
                    "co_24h", 4.0,
                    "o3_8h", 160.0);

    static final Map<String, String> LABELS =
            Map.of(
                    "pm25_24h", "PM2.5",
                    "pm10_24h", "PM10",
                    "so2_24h", "SO2",
                    "no2_24h", "NO2",
                    "co_24h", "CO",
                    "o3_8h", "O3");

    private static final ObjectMapper JSON = new ObjectMapper();

    final ReferenceData reference;

    /**
     * checkpoint → local day → {inspected, violating, uncovered, overheight, overload, spillage,
     * fines}.
     */
    final Map<String, Map<LocalDate, long[]>> inspections = new TreeMap<>();

    /** Refusals by reason over the whole run. */
    final Map<String, Long> refusals = new TreeMap<>();

    long duplicates;

    /** Inspection records refused (bad records of the inspections topic). */
    long refusedInspections;

    long corrections;
    long late;

    /** aqi points of AqiOracle: key → fields. */
    final Map<String, Map<String, Object>> aqi;

    ReportOracle(ReferenceData reference, List<SimEvent> events) {
        this.reference = reference;
        Set<String> seen = new HashSet<>();
        List<AqiOracle.Sent> sent = new ArrayList<>();
        for (SimEvent e : events) {
            if (e.topic().endsWith("inspections")) {
                inspection(e.value(), seen);
            } else {
                AqiOracle.Sent s = reading(e.value());
                if (s != null) {
                    sent.add(s);
                }
            }
        }
        AqiOracle.Outcome out =
                new AqiOracle(reference, AqiOracle.Settings.defaults(ZONE)).run(sent);
        for (AqiOracle.Fate f : out.fates()) {
            switch (f) {
                case DUPLICATE -> duplicates++;
                case CORRECTION, COUNTED_AND_CORRECTION -> corrections++;
                case LATE -> {
                    late++;
                    refuse("LATE");
                }
                case UNKNOWN_STATION -> refuse("UNKNOWN_ID");
                default -> {}
            }
        }
        aqi = out.points();
    }

    private void refuse(String reason) {
        refusals.merge(reason, 1L, Long::sum);
    }

    private JsonNode parse(String value) {
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_RECORD) {
            refuse("OVERSIZED");
            return null;
        }
        try {
            JsonNode n = JSON.readTree(value);
            if (n == null || !n.isObject()) {
                refuse("MALFORMED_JSON");
                return null;
            }
            return n;
        } catch (Exception ex) {
            refuse("MALFORMED_JSON");
            return null;
        }
    }

    private void inspection(String value, Set<String> seen) {
        long before = refusals.values().stream().mapToLong(Long::longValue).sum();
        judge(value, seen);
        if (refusals.values().stream().mapToLong(Long::longValue).sum() > before) {
            refusedInspections++;
        }
    }

    private void judge(String value, Set<String> seen) {
        JsonNode n = parse(value);
        if (n == null) {
            return;
        }
        Checkpoint cp = reference.checkpoint(n.path("checkpointId").asText());
        if (cp == null) {
            refuse("UNKNOWN_ID");
            return;
        }
        if (!CARGO.contains(n.path("cargo").asText())) {
            refuse("UNKNOWN_ENUM");
            return;
        }
        if (n.path("fineYuan").asLong() < 0) {
            refuse("IMPOSSIBLE_VALUE");
            return;
        }
        if (!seen.add(n.path("eventId").asText())) {
            duplicates++;
            return;
        }
        LocalDate day =
                OffsetDateTime.parse(n.path("ts").asText()).atZoneSameInstant(ZONE).toLocalDate();
        long[] c =
                inspections
                        .computeIfAbsent(cp.id(), k -> new TreeMap<>())
                        .computeIfAbsent(day, k -> new long[7]);
        Set<String> v = new HashSet<>();
        n.path("violations").forEach(x -> v.add(x.asText()));
        c[0]++;
        c[1] += v.isEmpty() ? 0 : 1;
        c[2] += v.contains("UNCOVERED") ? 1 : 0;
        c[3] += v.contains("OVERHEIGHT") ? 1 : 0;
        c[4] += v.contains("OVERLOAD") ? 1 : 0;
        c[5] += v.contains("SPILLAGE") ? 1 : 0;
        c[6] += n.path("fineYuan").asLong();
    }

    private AqiOracle.Sent reading(String value) {
        JsonNode n = parse(value);
        if (n == null) {
            return null;
        }
        Duration period = null;
        if (n.has("period")) {
            try {
                period = Duration.parse(n.path("period").asText());
            } catch (Exception ex) {
                refuse("WRONG_TYPE");
                return null;
            }
            if (period.compareTo(Duration.ofHours(1)) > 0) {
                refuse("IMPOSSIBLE_VALUE");
                return null;
            }
        }
        if (n.has("humidity") && n.path("humidity").asDouble() > 100) {
            refuse("IMPOSSIBLE_VALUE");
            return null;
        }
        Map<String, Double> values = new java.util.LinkedHashMap<>();
        for (String p : POLLUTANTS) {
            if (n.has(p)) {
                if (n.path(p).asDouble() < 0) {
                    refuse("IMPOSSIBLE_VALUE");
                    return null;
                }
                values.put(p, n.path(p).asDouble());
            }
        }
        // An unknown station is the AQI oracle's UNKNOWN_STATION fate.
        return new AqiOracle.Sent(
                n.path("stationId").asText(), n.path("ts").asLong(), period, values);
    }

    // ---- the figures of a period -------------------------------------------------------------

    /** Sums of the checkpoints in {@code scope} over {@code from}..{@code to}. */
    long[] sum(Predicate<Checkpoint> scope, LocalDate from, LocalDate to) {
        long[] total = new long[7];
        for (Checkpoint cp : reference.checkpoints()) {
            if (scope.test(cp)) {
                long[] c = sum(cp.id(), from, to);
                for (int i = 0; i < 7; i++) {
                    total[i] += c[i];
                }
            }
        }
        return total;
    }

    long[] sum(String checkpoint, LocalDate from, LocalDate to) {
        long[] total = new long[7];
        inspections
                .getOrDefault(checkpoint, Map.of())
                .forEach(
                        (day, c) -> {
                            if (!day.isBefore(from) && !day.isAfter(to)) {
                                for (int i = 0; i < 7; i++) {
                                    total[i] += c[i];
                                }
                            }
                        });
        return total;
    }

    /** The daily reports of an area ({@code scope=district}, or a township) by local day. */
    Map<LocalDate, Map<String, Object>> daily(String township) {
        String tags =
                township == null
                        ? "scope=district,standard=HJ633-2026,window=1d@"
                        : "scope=township,standard=HJ633-2026,township=" + township + ",window=1d@";
        Map<LocalDate, Map<String, Object>> out = new TreeMap<>();
        aqi.forEach(
                (k, v) -> {
                    if (k.startsWith(tags)) {
                        long t = Long.parseLong(k.substring(tags.length()));
                        out.put(Instant.ofEpochMilli(t).atZone(ZONE).toLocalDate(), v);
                    }
                });
        return out;
    }

    /** Hours of the station with a published real-time AQI in [from, to]'s local days. */
    int validHours(Station st, LocalDate from, LocalDate to) {
        String prefix =
                "scope=station,standard=HJ633-2026,station="
                        + st.id()
                        + ",township="
                        + st.township()
                        + ",window=1h@";
        long start = from.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();
        int n = 0;
        for (var e : aqi.entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                long t = Long.parseLong(e.getKey().substring(prefix.length()));
                if (t >= start && t < end && "ok".equals(e.getValue().get("status"))) {
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether a daily value is above its limit once rounded half-even (CO to 0.1, else whole). */
    static boolean exceeds(String field, double value) {
        BigDecimal v =
                BigDecimal.valueOf(value)
                        .setScale(field.startsWith("co") ? 1 : 0, RoundingMode.HALF_EVEN);
        return v.compareTo(BigDecimal.valueOf(LIMITS_2026.get(field))) > 0;
    }

    /** A small summary of an area over days, keyed as the test compares it. */
    static Map<String, Object> area(
            Map<LocalDate, Map<String, Object>> days, LocalDate from, LocalDate to) {
        Map<String, Object> out = new TreeMap<>();
        int valid = 0, na = 0, missing = 0, good = 0;
        int[] levels = new int[7];
        Map<String, Integer> over = new TreeMap<>();
        Map<String, Integer> withValue = new TreeMap<>();
        Map<String, Integer> primary = new TreeMap<>();
        LABELS.values().forEach(l -> primary.put(l, 0));
        double pm25 = 0, pm10 = 0;
        int n25 = 0, n10 = 0;
        List<String> calendar = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<String, Object> r = days.get(d);
            if (r == null) {
                missing++;
                calendar.add(d + " missing");
                continue;
            }
            for (String f : LIMITS_2026.keySet()) {
                double v = (Double) r.get(f);
                if (v >= 0) {
                    withValue.merge(LABELS.get(f), 1, Integer::sum);
                    if (exceeds(f, v)) {
                        over.merge(LABELS.get(f), 1, Integer::sum);
                    }
                }
            }
            double a = (Double) r.get("pm25_24h"), b = (Double) r.get("pm10_24h");
            if (a >= 0) {
                pm25 += a;
                n25++;
            }
            if (b >= 0) {
                pm10 += b;
                n10++;
            }
            if (!"ok".equals(r.get("status"))) {
                na++;
                calendar.add(d + " NA");
                continue;
            }
            valid++;
            int aqi = (int) (double) (Double) r.get("aqi");
            int level = (int) (double) (Double) r.get("level");
            levels[level]++;
            good += aqi <= 100 ? 1 : 0;
            for (String p : ((String) r.get("primary_pollutant")).split(",")) {
                if (!p.isEmpty()) {
                    primary.merge(p, 1, Integer::sum);
                }
            }
            calendar.add(d + " ok " + aqi + " " + level);
        }
        Map<Integer, Integer> lv = new TreeMap<>();
        for (int l = 1; l <= 6; l++) {
            lv.put(l, levels[l]);
        }
        LABELS.values()
                .forEach(
                        l -> {
                            over.putIfAbsent(l, 0);
                            withValue.putIfAbsent(l, 0);
                        });
        out.put("levels", lv);
        out.put("valid", valid);
        out.put("na", na);
        out.put("missing", missing);
        out.put("good", good);
        out.put("goodDayRatio", valid == 0 ? null : (double) good / valid);
        out.put("meanPm25", n25 == 0 ? null : pm25 / n25);
        out.put("meanPm10", n10 == 0 ? null : pm10 / n10);
        out.put("exceedances", over);
        out.put("withValue", withValue);
        out.put("primary", primary);
        out.put("calendar", calendar);
        return out;
    }
}
