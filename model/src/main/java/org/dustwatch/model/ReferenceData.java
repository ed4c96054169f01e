package org.dustwatch.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Checkpoints and stations of a district, keyed by id. Immutable and serializable, so a job ships
 * it to every task.
 *
 * <p>The files are UTF-8 CSV with a header line; {@code #} starts a comment line:
 *
 * <pre>
 * checkpoints: id,name,road,township,type,lat,lon      (type is FIXED or MOBILE)
 * stations:    id,name,township,lat,lon[,period,stamp,plan]
 * </pre>
 *
 * <p>The three optional station columns come together or not at all; an empty cell takes the
 * default. {@code period} is the averaging period of the station's readings when a reading does not
 * say (an ISO-8601 duration: PT1M, PT5M, PT1H); {@code stamp} is {@code start} or {@code end},
 * which end of that period a reading's {@code ts} marks; {@code plan} lists the pollutants the
 * station's monitoring plan covers, separated by spaces ({@code pm25 pm10 so2 no2 co o3}).
 */
public final class ReferenceData implements Serializable {

    private static final long serialVersionUID = 1L;

    static final String CHECKPOINTS_HEADER = "id,name,road,township,type,lat,lon";
    static final String STATIONS_HEADER = "id,name,township,lat,lon";
    static final String STATIONS_HEADER_FULL = STATIONS_HEADER + ",period,stamp,plan";

    private final Map<String, Checkpoint> checkpoints;
    private final Map<String, Station> stations;

    private ReferenceData(Map<String, Checkpoint> checkpoints, Map<String, Station> stations) {
        this.checkpoints = Collections.unmodifiableMap(checkpoints);
        this.stations = Collections.unmodifiableMap(stations);
    }

    /** The fictional Qingshan District shipped with dustwatch. */
    public static ReferenceData bundled() {
        try (InputStream cp = resource("reference/checkpoints.csv");
                InputStream st = resource("reference/stations.csv")) {
            return parse(reader(cp), "bundled checkpoints.csv", reader(st), "bundled stations.csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads a district from the given files.
     *
     * @throws IllegalArgumentException naming the file and line of the first bad row
     */
    public static ReferenceData load(Path checkpointsCsv, Path stationsCsv) throws IOException {
        try (Reader cp = Files.newBufferedReader(checkpointsCsv, StandardCharsets.UTF_8);
                Reader st = Files.newBufferedReader(stationsCsv, StandardCharsets.UTF_8)) {
            return parse(cp, checkpointsCsv.toString(), st, stationsCsv.toString());
        }
    }

    /** Loads the files if both are given, the bundled district if neither is. */
    public static ReferenceData loadOrBundled(Path checkpointsCsv, Path stationsCsv)
            throws IOException {
        if (checkpointsCsv == null && stationsCsv == null) {
            return bundled();
        }
        if (checkpointsCsv == null || stationsCsv == null) {
            throw new IllegalArgumentException(
                    "give both the checkpoints and the stations file, or neither");
        }
        return load(checkpointsCsv, stationsCsv);
    }

    static ReferenceData parse(
            Reader checkpointsCsv, String cpName, Reader stationsCsv, String stName)
            throws IOException {
        Map<String, Checkpoint> cps = new LinkedHashMap<>();
        for (Row row : rows(checkpointsCsv, cpName, List.of(CHECKPOINTS_HEADER))) {
            Checkpoint cp =
                    new Checkpoint(
                            row.text(0, "id"),
                            row.text(1, "name"),
                            row.text(2, "road"),
                            row.text(3, "township"),
                            row.enumValue(4, CheckpointType.class),
                            row.coordinate(5, -90, 90, "lat"),
                            row.coordinate(6, -180, 180, "lon"));
            if (cps.putIfAbsent(cp.id(), cp) != null) {
                throw row.error("duplicate checkpoint id '" + cp.id() + "'");
            }
        }
        Map<String, Station> sts = new LinkedHashMap<>();
        for (Row row : rows(stationsCsv, stName, List.of(STATIONS_HEADER, STATIONS_HEADER_FULL))) {
            boolean full = row.fields().size() > 5;
            Station st;
            try {
                st =
                        new Station(
                                row.text(0, "id"),
                                row.text(1, "name"),
                                row.text(2, "township"),
                                row.coordinate(3, -90, 90, "lat"),
                                row.coordinate(4, -180, 180, "lon"),
                                full ? row.period(5) : null,
                                full ? row.stamp(6) : null,
                                full ? row.plan(7) : null);
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(row.file() + ":")) {
                    throw e;
                }
                throw row.error(e.getMessage());
            }
            if (sts.putIfAbsent(st.id(), st) != null) {
                throw row.error("duplicate station id '" + st.id() + "'");
            }
        }
        if (cps.isEmpty()) {
            throw new IllegalArgumentException(cpName + ": no checkpoints");
        }
        if (sts.isEmpty()) {
            throw new IllegalArgumentException(stName + ": no stations");
        }
        return new ReferenceData(cps, sts);
    }

    public Checkpoint checkpoint(String id) {
        return checkpoints.get(id);
    }

    public Station station(String id) {
        return stations.get(id);
    }

    public Collection<Checkpoint> checkpoints() {
        return checkpoints.values();
    }

    public Collection<Station> stations() {
        return stations.values();
    }

    /** Every township that has a checkpoint or a station, sorted. */
    public SortedSet<String> townships() {
        SortedSet<String> out = new TreeSet<>();
        checkpoints.values().forEach(c -> out.add(c.township()));
        stations.values().forEach(s -> out.add(s.township()));
        return out;
    }

    /** Every road that has a checkpoint, sorted. */
    public SortedSet<String> roads() {
        SortedSet<String> out = new TreeSet<>();
        checkpoints.values().forEach(c -> out.add(c.road()));
        return out;
    }

    private static InputStream resource(String name) {
        InputStream in = ReferenceData.class.getClassLoader().getResourceAsStream(name);
        return Objects.requireNonNull(in, () -> "missing resource " + name);
    }

    private static Reader reader(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private record Row(String file, int line, List<String> fields) {
        String text(int i, String name) {
            String s = fields.get(i).strip();
            if (s.isEmpty()) {
                throw error(name + " is empty");
            }
            return s;
        }

        double coordinate(int i, double min, double max, String name) {
            String s = text(i, name);
            double v;
            try {
                v = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw error(name + " '" + s + "' is not a number");
            }
            if (!(v >= min && v <= max)) {
                throw error(name + " " + v + " is outside [" + min + ", " + max + "]");
            }
            return v;
        }

        <E extends Enum<E>> E enumValue(int i, Class<E> type) {
            String s = text(i, type.getSimpleName());
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw error("type '" + s + "' is not FIXED or MOBILE");
            }
        }

        /** An ISO-8601 duration, or {@code null} for an empty cell. */
        java.time.Duration period(int i) {
            String s = fields.get(i).strip();
            if (s.isEmpty()) {
                return null;
            }
            try {
                return Reading.checkPeriod(java.time.Duration.parse(s));
            } catch (java.time.format.DateTimeParseException e) {
                throw error("period '" + s + "' is not an ISO-8601 duration such as PT5M");
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        Stamp stamp(int i) {
            String s = fields.get(i).strip();
            try {
                return s.isEmpty() ? null : Stamp.parse(s);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        /** Pollutant fields separated by spaces, or {@code null} (every pollutant) when empty. */
        java.util.Set<Quantity> plan(int i) {
            String s = fields.get(i).strip();
            if (s.isEmpty()) {
                return null;
            }
            java.util.Set<Quantity> plan = java.util.EnumSet.noneOf(Quantity.class);
            for (String name : s.split("\\s+")) {
                Quantity q = null;
                for (Quantity c : Quantity.ALL) {
                    if (c.pollutant() && c.field().equals(name)) {
                        q = c;
                    }
                }
                if (q == null) {
                    throw error(
                            "plan names '"
                                    + name
                                    + "', which is not one of pm25 pm10 so2 no2 co o3");
                }
                plan.add(q);
            }
            return plan;
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException(file + ":" + line + ": " + message);
        }
    }

    /** The rows under the first line that is one of {@code headers}; the header sets the width. */
    private static List<Row> rows(Reader in, String file, List<String> headers) throws IOException {
        BufferedReader r = new BufferedReader(in);
        List<Row> rows = new java.util.ArrayList<>();
        String header = headers.get(0);
        int columns = 0;
        String line;
        int n = 0;
        boolean sawHeader = false;
        while ((line = r.readLine()) != null) {
            n++;
            if (n == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!sawHeader) {
                if (!headers.contains(line.strip())) {
                    throw new IllegalArgumentException(
                            file
                                    + ":"
                                    + n
                                    + ": expected the header '"
                                    + String.join("' or '", headers)
                                    + "'");
                }
                columns = line.strip().split(",").length;
                sawHeader = true;
                continue;
            }
            List<String> fields;
            try {
                fields = Csv.split(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage());
            }
            if (fields.size() != columns) {
                throw new IllegalArgumentException(
                        file
                                + ":"
                                + n
                                + ": expected "
                                + columns
                                + " fields, found "
                                + fields.size());
            }
            rows.add(new Row(file, n, fields));
        }
        if (!sawHeader) {
            throw new IllegalArgumentException(file + ": empty file, expected '" + header + "'");
        }
        return rows;
    }
}
