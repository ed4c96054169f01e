package org.dustwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;
import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.stack.InfluxServer;

/**
 * The Flink SQL peer: the plain alternative a user would write instead of dustwatch, the core
 * aggregates as cascaded tumbling windows ({@code sql/peer.sql}), on the same environment as the
 * job (checkpointing, state backend, parallelism). It writes its results either into InfluxDB
 * through the project's own sink, as dustwatch does, so that both pay the same write cost, or into
 * Flink's blackhole connector ({@code sql/blackhole.sql}), its upper bound.
 */
final class SqlPeer {

    /** Where the peer's results go. */
    enum Sink {
        INFLUX,
        BLACKHOLE
    }

    private SqlPeer() {}

    /**
     * The peer's job on {@code env}: the tables and views of peer.sql over the given topics, and
     * their results into {@code sink}. Returns the optimized plan, for the record.
     */
    static String build(
            StreamExecutionEnvironment env,
            DustwatchConfig c,
            ReferenceData reference,
            Map<String, String> vars,
            Sink sink) {
        StreamTableEnvironment t = StreamTableEnvironment.create(env);
        t.getConfig().set("table.local-time-zone", BenchCli.ZONE.getId());
        // a partition without records must not hold the watermark back at the end of the input
        t.getConfig().set("table.exec.source.idle-timeout", "60 s");
        Map<String, String> road = new HashMap<>();
        Map<String, String> township = new HashMap<>();
        Map<String, String> stationTownship = new HashMap<>();
        for (Checkpoint cp : reference.checkpoints()) {
            road.put(cp.id(), cp.road());
            township.put(cp.id(), cp.township());
        }
        for (Station s : reference.stations()) {
            stationTownship.put(s.id(), s.township());
        }
        t.createTemporarySystemFunction("road_of", new Lookup(road));
        t.createTemporarySystemFunction("township_of", new Lookup(township));
        t.createTemporarySystemFunction("station_township", new Lookup(stationTownship));
        for (String sql : statements(resource("sql/peer.sql"), vars)) {
            t.executeSql(sql);
        }
        if (sink == Sink.BLACKHOLE) {
            StreamStatementSet set = t.createStatementSet();
            for (String sql : statements(resource("sql/blackhole.sql"), vars)) {
                if (sql.regionMatches(true, 0, "INSERT", 0, 6)) {
                    set.addInsertSql(sql);
                } else {
                    t.executeSql(sql);
                }
            }
            String plan = set.explain();
            set.attachAsDataStream();
            return plan;
        }
        Table inspections = t.from("inspection_results");
        Table air = t.from("air_results");
        t.toDataStream(inspections)
                .sinkTo(
                        ProductionSinks.influx(c, new InspectionRows())
                                .reportingAs("sql_inspections"))
                .name("sql-inspections-influxdb");
        t.toDataStream(air)
                .sinkTo(ProductionSinks.influx(c, new AirRows()).reportingAs("sql_air"))
                .name("sql-air-influxdb");
        return inspections.explain() + "\n" + air.explain();
    }

    /**
     * Runs the peer to the end of its bounded input, measured as {@link JobRun} measures the job;
     * {@code settings} are the job's (its topics, InfluxDB database, checkpointing). The plan goes
     * to {@code planFile}.
     */
    static JobRun.Result run(
            Map<String, String> settings,
            ReferenceData reference,
            Sink sink,
            int parallelism,
            long events,
            java.nio.file.Path planFile)
            throws Exception {
        DustwatchConfig c = DustwatchConfig.load(settings, Map.of());
        StreamExecutionEnvironment env = JobRun.environment(c, parallelism);
        String plan =
                build(
                        env,
                        c,
                        reference,
                        Map.of(
                                "bootstrap", settings.get("kafka.bootstrap"),
                                "inspections", settings.get("kafka.topic.inspections"),
                                "readings", settings.get("kafka.topic.readings"),
                                "group",
                                        "sql-peer-"
                                                + sink.name().toLowerCase(java.util.Locale.ROOT)),
                        sink);
        java.nio.file.Files.writeString(planFile, plan);
        // its source tasks pass on local pre-aggregates, not events: the progress line counts those
        return JobRun.measure(
                env,
                "sql-peer-" + sink,
                events,
                new Progress("out of the SQL peer's source tasks (pre-aggregated)", events));
    }

    /**
     * The Flink SQL peer on the job's settings and parallelism, from the same topics: into InfluxDB
     * through the project's sink (its own database), then into blackhole sinks; each run's figures
     * and what the peer wrote go into {@code results}.
     */
    static void measure(
            InfluxServer influx,
            ReferenceData reference,
            Map<String, String> job,
            int jp,
            long events,
            Path out,
            Map<String, Object> results)
            throws Exception {
        influx.client().createDatabase("bench_sql");
        for (SqlPeer.Sink sink : SqlPeer.Sink.values()) {
            String name = sink.name().toLowerCase(Locale.ROOT);
            BenchCli.step(
                    (sink == SqlPeer.Sink.INFLUX ? "3/7" : "4/7")
                            + " The Flink SQL peer (sql/peer.sql) into "
                            + name
                            + ", parallelism "
                            + jp);
            Map<String, String> peer = new HashMap<>(job);
            peer.put("influx.database", "bench_sql");
            peer.put("pipeline.checkpoint-dir", job.get("pipeline.checkpoint-dir") + "-sql");
            results.put("load_before_sql_" + name, BenchCli.load());
            JobRun.Result r =
                    SqlPeer.run(
                            peer,
                            reference,
                            sink,
                            jp,
                            events,
                            out.resolve("sql-plan-" + name + ".txt"));
            results.put("sql_" + name + "_events_per_s", Math.round(events / r.seconds()));
            results.put("sql_" + name + "_seconds", BenchCli.round1(r.seconds()));
            results.put(
                    "sql_" + name + "_cpu_s_per_million_events",
                    BenchCli.round1(r.cpuSeconds() * 1e6 / events));
            results.put("sql_" + name + "_peak_heap_mib", r.peakHeapBytes() >> 20);
            results.put(
                    "sql_" + name + "_checkpoint_state_max_mib", r.checkpointStateMaxBytes() >> 20);
        }
        // what the peer wrote beside what dustwatch wrote: it counts repeats twice, late
        // records not at all, and has no AQI, alerts or health
        String q = "SELECT sum(\"inspected\") FROM \"road_inspections\" WHERE \"window\" = '1h'";
        results.put("dustwatch_road_hours_inspected", BenchCli.sum(influx, "bench", q));
        results.put("sql_road_hours_inspected", BenchCli.sum(influx, "bench_sql", q));
        results.put("sql_coverage", SqlPeer.coverage(influx, "bench", "bench_sql"));
        results.put(
                "sql_points_written",
                BenchCli.sum(influx, "bench_sql", "SELECT sum(\"written\") FROM \"sink\""));
    }

    /** The peer's results: measurement, the field counted, the tag that names the subject. */
    static final String[][] RESULTS = {
        {"checkpoint_inspections", "inspected"},
        {"road_inspections", "inspected"},
        {"township_inspections", "inspected"},
        {"air_quality", "readings"},
        {"township_air_quality", "readings"}
    };

    /**
     * Points per result and window in dustwatch's database and the peer's, "dustwatch / peer": both
     * compute every one of these windows for every subject with data, so the counts should agree
     * but for a window that only repeated or unparsed records filled.
     */
    static Map<String, String> coverage(InfluxServer influx, String dustwatchDb, String peerDb)
            throws Exception {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String[] r : RESULTS) {
            for (String window : List.of("1h", "1d")) {
                String q =
                        "SELECT count(\""
                                + r[1]
                                + "\") FROM \""
                                + r[0]
                                + "\" WHERE \"window\" = '"
                                + window
                                + "'";
                out.put(
                        r[0] + " " + window,
                        BenchCli.sum(influx, dustwatchDb, q)
                                + " / "
                                + BenchCli.sum(influx, peerDb, q));
            }
        }
        return out;
    }

    /** The statements of a script: split at a semicolon that ends a line, {@code ${x}} filled. */
    static List<String> statements(String script, Map<String, String> vars) {
        StringBuilder body = new StringBuilder();
        for (String line : script.split("\n", -1)) {
            String l = line.strip();
            if (!l.startsWith("--")) {
                body.append(line).append('\n');
            }
        }
        Matcher m = Pattern.compile("\\$\\{([a-z]+)}").matcher(body);
        StringBuilder filled = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(filled, Matcher.quoteReplacement(v));
        }
        m.appendTail(filled);
        List<String> out = new ArrayList<>();
        for (String s : filled.toString().split(";[ \\t]*(--[^\\n]*)?\\n")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = SqlPeer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reference-data look-up: the value for a key, null for an unknown one. */
    public static final class Lookup extends ScalarFunction {
        private final HashMap<String, String> map;

        public Lookup(Map<String, String> map) {
            this.map = new HashMap<>(map);
        }

        public String eval(String key) {
            return key == null ? null : map.get(key);
        }
    }

    static long epochMillis(Object ws) {
        return ((LocalDateTime) ws).atZone(BenchCli.ZONE).toInstant().toEpochMilli();
    }

    /** An inspection result row as dustwatch's {@code <level>_inspections} point. */
    static final class InspectionRows implements PointConverter<Row> {
        @Override
        public Point toPoint(Row r) {
            String level = (String) r.getField("level");
            long inspected = ((Number) r.getField("inspected")).longValue();
            long violating = ((Number) r.getField("violating")).longValue();
            return Point.measurement(level + "_inspections")
                    .tag(level, (String) r.getField("subject"))
                    .tag("road", (String) r.getField("road"))
                    .tag("township", (String) r.getField("township"))
                    .tag("window", (String) r.getField("window_name"))
                    .field("inspected", inspected)
                    .field("violating", violating)
                    .field("violation_rate", inspected == 0 ? 0.0 : (double) violating / inspected)
                    .field("uncovered", ((Number) r.getField("uncovered")).longValue())
                    .field("overheight", ((Number) r.getField("overheight")).longValue())
                    .field("overload", ((Number) r.getField("overload")).longValue())
                    .field("spillage", ((Number) r.getField("spillage")).longValue())
                    .field("fines_yuan", ((Number) r.getField("fines")).longValue())
                    .time(epochMillis(r.getField("ws")));
        }
    }

    /** An air-quality result row as dustwatch's {@code air_quality} or township point. */
    static final class AirRows implements PointConverter<Row> {
        static final String[] POLLUTANTS = {"pm25", "pm10", "so2", "no2", "co", "o3"};

        @Override
        public Point toPoint(Row r) {
            boolean station = "station".equals(r.getField("level"));
            Point p =
                    Point.measurement(station ? "air_quality" : "township_air_quality")
                            .tag("station", station ? (String) r.getField("subject") : null)
                            .tag("township", (String) r.getField("township"))
                            .tag("window", (String) r.getField("window_name"))
                            .field("readings", ((Number) r.getField("readings")).longValue())
                            .time(epochMillis(r.getField("ws")));
            for (String q : POLLUTANTS) {
                Object mean = r.getField(q + "_mean");
                if (mean != null) {
                    p.field(q + "_mean", ((Number) mean).doubleValue())
                            .field(q + "_max", ((Number) r.getField(q + "_max")).doubleValue());
                }
            }
            return p;
        }
    }
}
