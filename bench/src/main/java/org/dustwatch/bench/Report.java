package org.dustwatch.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as the Markdown table printed at the end and written to results.md. */
final class Report {
    private Report() {}

    @SuppressWarnings("unchecked")
    static String markdown(Map<String, Object> r, BenchCli.Settings s) {
        StringBuilder b = new StringBuilder();
        double ceiling = num(r, "ceiling_events_per_s");
        double dw = num(r, "dustwatch_events_per_s");
        double raw = num(r, "raw_ingest_events_per_s");
        b.append(
                String.format(
                        Locale.ROOT,
                        "Workload: %,d events (%,d inspections, %,d readings) over %d days; %d"
                                + " checkpoints, %d stations; job parallelism %d, %d threads"
                                + " for the ceiling and the raw ingest, on %s cores.%n%n",
                        (long) num(r, "events"),
                        (long) num(r, "inspections"),
                        (long) num(r, "readings"),
                        s.days(),
                        s.checkpoints(),
                        s.stations(),
                        s.parallelism(),
                        s.threads(),
                        r.get("machine_cores")));
        Object set = r.get("job_settings");
        if (set instanceof Map<?, ?> m && !m.isEmpty()) {
            b.append("Job settings (--set): ").append(m).append(".\n\n");
        }
        if (r.get("influx_flush_interval") != null) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "The sink, dustwatch's and the SQL peer's: batches of %s points, sent"
                                    + " at least every %s.%n%n",
                            r.get("influx_batch_size"),
                            r.get("influx_flush_interval")));
        }
        double sqlInflux = num(r, "sql_influx_events_per_s");
        double sqlBlackhole = num(r, "sql_blackhole_events_per_s");
        b.append(
                "| throughput, one run | events/s | dustwatch ÷ this | load before |\n"
                        + "|---|---:|---:|---|\n");
        b.append(row("ceiling: Kafka consume + parse, no Flink", ceiling, dw, r, "ceiling"));
        b.append(row("dustwatch: the full job, Kafka to InfluxDB", dw, dw, r, "dustwatch"));
        b.append(
                row(
                        "Flink SQL peer into InfluxDB (the project's sink)",
                        sqlInflux,
                        dw,
                        r,
                        "sql_influx"));
        b.append(
                row(
                        "Flink SQL peer into blackhole (its upper bound)",
                        sqlBlackhole,
                        dw,
                        r,
                        "sql_blackhole"));
        b.append(
                row(
                        "raw ingest: every event a point, 5,000-line batches",
                        raw,
                        dw,
                        r,
                        "raw_ingest"));
        b.append('\n');
        if (r.get("stages") instanceof Map<?, ?> st) {
            b.append("| what each stage of dustwatch wrote | |\n|---|---:|\n");
            for (var e : st.entrySet()) {
                line(b, e.getKey().toString().replace('_', ' '), e.getValue());
            }
            line(
                    b,
                    "road-hours' inspected, dustwatch / SQL peer",
                    r.get("dustwatch_road_hours_inspected")
                            + " / "
                            + r.get("sql_road_hours_inspected"));
            line(b, "points the SQL peer wrote to InfluxDB", r.get("sql_points_written"));
            if (r.get("sql_coverage") instanceof Map<?, ?> cov) {
                for (var e : cov.entrySet()) {
                    line(b, "points of " + e.getKey() + ", dustwatch / SQL peer", e.getValue());
                }
            }
            b.append('\n');
        }
        b.append("| dustwatch run | |\n|---|---:|\n");
        line(b, "wall time (s)", r.get("dustwatch_seconds"));
        line(b, "events/s per core", r.get("dustwatch_events_per_s_per_core"));
        line(b, "CPU used (cores)", r.get("dustwatch_cpu_cores_used"));
        line(b, "CPU seconds per million events", r.get("dustwatch_cpu_s_per_million_events"));
        line(
                b,
                "events/s from 25% to 90% of the input read (past start-up)",
                r.get("dustwatch_steady_events_per_s"));
        line(
                b,
                "CPU seconds per million events, same span",
                r.get("dustwatch_steady_cpu_s_per_million_events"));
        line(
                b,
                "peak heap in use (MiB), of the JVM's maximum",
                r.get("dustwatch_peak_heap_mib") + " of " + r.get("jvm_max_heap_mib"));
        line(b, "share of time in GC", r.get("dustwatch_gc_share"));
        line(b, "checkpoints completed", r.get("dustwatch_checkpoints"));
        line(
                b,
                "checkpoint duration avg / max (ms)",
                r.get("dustwatch_checkpoint_avg_ms")
                        + " / "
                        + r.get("dustwatch_checkpoint_max_ms"));
        line(b, "largest checkpointed state (MiB)", r.get("dustwatch_checkpoint_state_max_mib"));
        line(b, "points written to InfluxDB", r.get("dustwatch_points_written"));
        line(b, "points per event", r.get("points_per_event"));
        line(b, "minute points written (pipeline.minute-points)", r.get("dustwatch_minute_points"));
        if (r.get("profile") instanceof Map<?, ?> profile) {
            b.append('\n');
            b.append(
                    "| where the job run's CPU went (async-profiler, --profile) | share (%) |\n"
                            + "|---|---:|\n");
            double rest = 0;
            for (var e : profile.entrySet()) {
                double share = ((Number) e.getValue()).doubleValue();
                if (share >= 1.0) {
                    line(b, e.getKey().toString(), e.getValue());
                } else {
                    rest += share;
                }
            }
            line(b, "parts under 1% each", Math.round(rest * 10) / 10.0);
        }
        b.append('\n');
        b.append(
                "| violation rate per road, 1-h resolution | pre-aggregated (ms) | raw points (ms) | speed-up | road-hours compared | equal |\n|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, Object> q : (List<Map<String, Object>>) r.get("queries")) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %s× | %s | %s |%n",
                            q.get("range"),
                            q.get("pre_aggregated_ms"),
                            q.get("raw_ms"),
                            q.get("speedup"),
                            q.get("road_hours_compared"),
                            q.get("road_hours_equal")));
        }
        if (r.containsKey("freshness_p99_s")) {
            b.append('\n');
            b.append(
                    String.format(
                            Locale.ROOT,
                            "Freshness at %,d events/s, window end to point queryable, over %s"
                                    + " road-minutes: p50 %s s, p99 %s s, max %s s.%n",
                            (long) num(r, "freshness_rate_events_per_s"),
                            r.get("freshness_windows"),
                            r.get("freshness_p50_s"),
                            r.get("freshness_p99_s"),
                            r.get("freshness_max_s")));
        }
        b.append('\n').append("Targets (docs/benchmarks.md):\n");
        target(
                b,
                "dustwatch >= 1.0 x the SQL peer into InfluxDB",
                dw >= sqlInflux,
                String.format(Locale.ROOT, "%.2f", dw / sqlInflux));
        target(
                b,
                "(beside it: the SQL peer into blackhole)",
                dw >= sqlBlackhole,
                String.format(Locale.ROOT, "%.2f", dw / sqlBlackhole));
        target(
                b,
                "dustwatch >= 1.0 x raw ingest",
                dw >= raw,
                String.format(Locale.ROOT, "%.2f", dw / raw));
        target(
                b,
                "dustwatch >= 0.5 x ceiling",
                dw >= 0.5 * ceiling,
                String.format(Locale.ROOT, "%.2f", dw / ceiling));
        List<Map<String, Object>> qs = (List<Map<String, Object>>) r.get("queries");
        double speed = ((Number) qs.get(qs.size() - 1).get("speedup")).doubleValue();
        target(b, "long-range query >= 50 x faster pre-aggregated", speed >= 50, speed + "x");
        if (r.containsKey("freshness_p99_s")) {
            double p99 = num(r, "freshness_p99_s");
            long n = (long) num(r, "freshness_windows");
            target(
                    b,
                    "freshness p99 <= out-of-orderness (30 s) + 2 s",
                    n > 0 && p99 <= 32,
                    n > 0 ? p99 + " s" : "no windows measured");
        }
        double heap = num(r, "dustwatch_peak_heap_mib");
        target(b, "heap <= 1 GiB", heap <= 1024, (long) heap + " MiB");
        return b.toString();
    }

    private static String row(
            String what, double v, double dustwatch, Map<String, Object> r, String run) {
        return String.format(
                Locale.ROOT,
                "| %s | %,.0f | %.2f | %s |%n",
                what,
                v,
                dustwatch / v,
                r.getOrDefault("load_before_" + run, "n/a"));
    }

    private static void line(StringBuilder b, String what, Object v) {
        b.append("| ").append(what).append(" | ").append(v == null ? "n/a" : v).append(" |\n");
    }

    private static void target(StringBuilder b, String what, boolean met, String value) {
        b.append(
                String.format(
                        Locale.ROOT, "  %-50s %-6s %s%n", what, met ? "met" : "MISSED", value));
    }

    private static double num(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
