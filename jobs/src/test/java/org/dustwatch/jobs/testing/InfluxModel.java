package org.dustwatch.jobs.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.dustwatch.connectors.influxdb.LineProtocol;
import org.dustwatch.connectors.influxdb.Point;

/**
 * An in-memory InfluxDB 1.x database, as far as the tests write and read one, so that the fast tier
 * reads back what a real influxd would hold. The rules modelled, each checked against influxd 1.6:
 *
 * <ul>
 *   <li>A point's series is its measurement and tag set; a point with the series and timestamp of
 *       an earlier one <b>merges</b> into it: its fields overwrite the same-named ones, and fields
 *       it does not carry keep their old values. (A fast tier that replaced whole points would hide
 *       a stale field that InfluxDB keeps.)
 *   <li>A field's type (integer, float, string, boolean) is fixed by its first write; a point that
 *       would change it is rejected, as influxd answers 400 "field type conflict" (which the
 *       dustwatch sink drops and counts). Rejections are kept for the test to assert on. influxd
 *       fixes types per shard; the model per measurement, which is never more lenient.
 *   <li>A point is taken as the line protocol that the real sink sends ({@link
 *       LineProtocol#toLine}, so one without fields throws as it does there), read as influxd reads
 *       it: escapes of names and strings are undone as influxd undoes them, and what influxd keeps
 *       literally (a {@code \n} that LineProtocol wrote for a newline) stays.
 * </ul>
 *
 * <p>{@link #selectAll} answers {@code SELECT * FROM <measurements> GROUP BY *} with the JSON
 * influxd sends ({@code epoch=ms}): per series the union of the queried measurements' tag keys,
 * {@code ""} for a tag the series lacks, columns {@code time} and the union of their field keys,
 * {@code null} for a field a row lacks, and numbers as influxd's encoder writes them (an integral
 * float without a fraction), so that readers of real answers read these the same way.
 *
 * <p>Databases are shared by name within the JVM, so the tasks of a MiniCluster write where the
 * test reads.
 */
public final class InfluxModel {

    private static final ConcurrentMap<String, InfluxModel> DATABASES = new ConcurrentHashMap<>();

    /** measurement → series (sorted tags) → time → fields */
    private final Map<String, Map<Map<String, String>, TreeMap<Long, TreeMap<String, Object>>>>
            data = new TreeMap<>();

    /** measurement → field → the class of its first value */
    private final Map<String, Map<String, Class<?>>> types = new TreeMap<>();

    private final List<String> rejections = new ArrayList<>();
    private long points;

    InfluxModel() {}

    /** The database of that name, created empty on first use. */
    public static InfluxModel named(String name) {
        return DATABASES.computeIfAbsent(name, n -> new InfluxModel());
    }

    /** Drops the database of that name, so that a test starts from an empty one. */
    public static void drop(String name) {
        DATABASES.remove(name);
    }

    /**
     * Writes one point under InfluxDB's rules (see the class comment), as the line that the real
     * sink sends for it: {@link LineProtocol#toLine}, parsed back as influxd parses it.
     */
    public void write(Point p) {
        write(LineProtocol.toLine(p));
    }

    /** Writes one line of line protocol with a millisecond timestamp, as influxd would take it. */
    public synchronized void write(String line) {
        Parsed p = Parsed.of(line);
        long time = p.time != null ? p.time : System.currentTimeMillis();
        Map<String, Class<?>> fieldTypes =
                types.computeIfAbsent(p.measurement, m -> new TreeMap<>());
        for (Map.Entry<String, Object> f : p.fields.entrySet()) {
            Class<?> known = fieldTypes.get(f.getKey());
            if (known != null && known != f.getValue().getClass()) {
                rejections.add(
                        "field type conflict: input field \""
                                + f.getKey()
                                + "\" on measurement \""
                                + p.measurement
                                + "\" is type "
                                + f.getValue().getClass().getSimpleName()
                                + ", already exists as type "
                                + known.getSimpleName()
                                + ": "
                                + line);
                return;
            }
        }
        p.fields.forEach((k, v) -> fieldTypes.putIfAbsent(k, v.getClass()));
        data.computeIfAbsent(p.measurement, m -> new HashMap<>())
                .computeIfAbsent(p.tags, t -> new TreeMap<>())
                .computeIfAbsent(time, t -> new TreeMap<>())
                .putAll(p.fields);
        points++;
    }

    /**
     * One line of line protocol as influxd 1.x reads it: in names, a backslash escapes only a
     * comma, a space and (not in the measurement) {@code =}, and stays otherwise; in a string
     * field, only a double quote and a backslash; an integer ends in {@code i}; {@code t}, {@code
     * f}, {@code true}, {@code false} (any case) are booleans; other values are floats.
     */
    static final class Parsed {
        String measurement;
        final TreeMap<String, String> tags = new TreeMap<>();
        final TreeMap<String, Object> fields = new TreeMap<>();
        Long time;

        private final String line;
        private int at;

        private Parsed(String line) {
            this.line = line;
        }

        static Parsed of(String line) {
            Parsed p = new Parsed(line);
            p.parse();
            return p;
        }

        private void parse() {
            measurement = name(",", false);
            while (at < line.length() && line.charAt(at) == ',') {
                at++;
                String key = name("=", true);
                expect('=');
                tags.put(key, name(", ", true));
            }
            expect(' ');
            while (true) {
                String key = name("=", true);
                expect('=');
                fields.put(key, value());
                if (at >= line.length() || line.charAt(at) != ',') {
                    break;
                }
                at++;
            }
            if (at < line.length()) {
                expect(' ');
                time = Long.parseLong(line.substring(at).trim());
            }
            if (measurement.isEmpty() || fields.isEmpty()) {
                throw new IllegalArgumentException("unable to parse '" + line + "'");
            }
        }

        /** A name up to one of {@code ends} (or a space): escapes of , space and = removed. */
        private String name(String ends, boolean equalsEscapes) {
            StringBuilder b = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at);
                if (c == '\\' && at + 1 < line.length()) {
                    char n = line.charAt(at + 1);
                    if (n == ',' || n == ' ' || (equalsEscapes && n == '=')) {
                        b.append(n);
                        at += 2;
                        continue;
                    }
                } else if (ends.indexOf(c) >= 0 || c == ' ') {
                    break;
                }
                b.append(c);
                at++;
            }
            return b.toString();
        }

        private Object value() {
            if (line.charAt(at) == '"') {
                StringBuilder b = new StringBuilder();
                at++;
                while (line.charAt(at) != '"') {
                    char c = line.charAt(at);
                    if (c == '\\') {
                        char n = line.charAt(at + 1);
                        if (n == '"' || n == '\\') {
                            b.append(n);
                            at += 2;
                            continue;
                        }
                    }
                    b.append(c);
                    at++;
                }
                at++;
                return b.toString();
            }
            int end = at;
            while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != ' ') {
                end++;
            }
            String v = line.substring(at, end);
            at = end;
            switch (v) {
                case "t", "T", "true", "True", "TRUE":
                    return Boolean.TRUE;
                case "f", "F", "false", "False", "FALSE":
                    return Boolean.FALSE;
                default:
                    return v.endsWith("i")
                            ? (Object) Long.parseLong(v.substring(0, v.length() - 1))
                            : (Object) Double.parseDouble(v);
            }
        }

        private void expect(char c) {
            if (at >= line.length() || line.charAt(at) != c) {
                throw new IllegalArgumentException(
                        "unable to parse '" + line + "': expected '" + c + "' at " + at);
            }
            at++;
        }
    }

    /** The points written and not rejected (merged ones counted each time). */
    public synchronized long pointsWritten() {
        return points;
    }

    /** Every rejected point with influxd's reason. */
    public synchronized List<String> rejections() {
        return List.copyOf(rejections);
    }

    /** The measurements that hold points. */
    public synchronized List<String> measurements() {
        return List.copyOf(data.keySet());
    }

    /**
     * influxd's JSON answer to {@code SELECT * FROM <measurements> GROUP BY *} (with {@code
     * epoch=ms}); measurements without points are left out, as a regex over names leaves them.
     */
    public synchronized String selectAll(List<String> measurements) {
        List<String> present = measurements.stream().filter(data::containsKey).sorted().toList();
        TreeSet<String> tagKeys = new TreeSet<>();
        TreeSet<String> fieldKeys = new TreeSet<>();
        for (String m : present) {
            data.get(m).keySet().forEach(t -> tagKeys.addAll(t.keySet()));
            fieldKeys.addAll(types.get(m).keySet());
        }
        StringWriter text = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(text)) {
            g.writeStartObject();
            g.writeArrayFieldStart("results");
            g.writeStartObject();
            g.writeNumberField("statement_id", 0);
            if (!present.isEmpty()) {
                g.writeArrayFieldStart("series");
                for (String m : present) {
                    List<Map.Entry<Map<String, String>, TreeMap<Long, TreeMap<String, Object>>>>
                            series = new ArrayList<>(data.get(m).entrySet());
                    series.sort(Map.Entry.comparingByKey(seriesOrder(tagKeys)));
                    for (var s : series) {
                        writeSeries(g, m, s.getKey(), s.getValue(), tagKeys, fieldKeys);
                    }
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /**
     * The database in the shape {@code InfluxDump.all(client, db)} gives a real influxd's: the same
     * measurements, read by the same code ({@link InfluxAnswers#dump}).
     */
    public Map<String, String> all() {
        return InfluxAnswers.dump(selectAll(InfluxAnswers.DUMPED));
    }

    /**
     * As {@link #selectAll} over every measurement: what {@code SELECT * FROM /.&#42;/} answers.
     */
    public String selectEverything() {
        return selectAll(measurements());
    }

    private static void writeSeries(
            JsonGenerator g,
            String measurement,
            Map<String, String> tags,
            TreeMap<Long, TreeMap<String, Object>> rows,
            TreeSet<String> tagKeys,
            TreeSet<String> fieldKeys)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("name", measurement);
        g.writeObjectFieldStart("tags");
        for (String k : tagKeys) {
            g.writeStringField(k, tags.getOrDefault(k, ""));
        }
        g.writeEndObject();
        g.writeArrayFieldStart("columns");
        g.writeString("time");
        for (String f : fieldKeys) {
            g.writeString(f);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("values");
        for (Map.Entry<Long, TreeMap<String, Object>> row : rows.entrySet()) {
            g.writeStartArray();
            g.writeNumber(row.getKey());
            for (String f : fieldKeys) {
                writeValue(g, row.getValue().get(f));
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /**
     * A field value as influxd's JSON encoder writes it: integers as integers; a float without a
     * fraction below 1e21 without a decimal point ({@code 12}, which JSON readers take for an
     * integer), any other float with one or an exponent.
     */
    static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof Double d) {
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                g.writeNumber(new BigDecimal(Double.toString(d)).toBigInteger().toString());
            } else {
                g.writeNumber(Double.toString(d));
            }
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString((String) v);
        }
    }

    /** Series sort by their tag values in tag-key order, a missing tag first, as influxd's do. */
    private static Comparator<Map<String, String>> seriesOrder(TreeSet<String> keys) {
        return (a, b) -> {
            for (String k : keys) {
                int c = a.getOrDefault(k, "").compareTo(b.getOrDefault(k, ""));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }
}
