package org.dustwatch.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Injected episodes: violation spikes on roads and pollution episodes in townships. From a JSON
 * scenario file or from command-line specs.
 *
 * <pre>
 * {"spikes":   [{"road": "G107", "from": "2026-11-28T02:00:00Z", "duration": "PT2H", "factor": 4}],
 *  "episodes": [{"township": "Xihe", "from": "2026-11-28T06:00:00Z", "duration": "PT6H", "factor": 3}]}
 * </pre>
 */
public record Scenario(List<Spike> spikes, List<Episode> episodes) {

    /** Violation odds on a road multiplied by {@code factor} during [from, from + duration). */
    public record Spike(String road, Instant from, Duration duration, double factor) {
        public boolean covers(long ts) {
            return ts >= from.toEpochMilli() && ts < from.plus(duration).toEpochMilli();
        }
    }

    /** Pollutant levels in a township multiplied by {@code factor} during the period. */
    public record Episode(String township, Instant from, Duration duration, double factor) {
        public boolean covers(long ts) {
            return ts >= from.toEpochMilli() && ts < from.plus(duration).toEpochMilli();
        }
    }

    public Scenario {
        spikes = List.copyOf(spikes == null ? List.of() : spikes);
        episodes = List.copyOf(episodes == null ? List.of() : episodes);
        for (Spike s : spikes) {
            check(s.factor(), s.duration(), "spike on " + s.road());
        }
        for (Episode e : episodes) {
            check(e.factor(), e.duration(), "episode in " + e.township());
        }
    }

    public static Scenario none() {
        return new Scenario(List.of(), List.of());
    }

    public static Scenario read(Path file) throws IOException {
        return new ObjectMapper().findAndRegisterModules().readValue(file.toFile(), Scenario.class);
    }

    /** Adds specs of the form {@code NAME,FROM,DURATION,FACTOR;...} to this scenario. */
    public Scenario with(String spikeSpecs, String episodeSpecs) {
        List<Spike> s = new ArrayList<>(spikes);
        List<Episode> e = new ArrayList<>(episodes);
        for (String[] p : specs(spikeSpecs, "--spike")) {
            s.add(new Spike(p[0], instant(p[1]), duration(p[2]), factor(p[3])));
        }
        for (String[] p : specs(episodeSpecs, "--episode")) {
            e.add(new Episode(p[0], instant(p[1]), duration(p[2]), factor(p[3])));
        }
        return new Scenario(s, e);
    }

    private static List<String[]> specs(String specs, String flag) {
        List<String[]> out = new ArrayList<>();
        if (specs == null || specs.isBlank()) {
            return out;
        }
        for (String spec : specs.split(";")) {
            String[] p = spec.strip().split(",");
            if (p.length != 4) {
                throw new IllegalArgumentException(
                        flag
                                + " takes NAME,FROM,DURATION,FACTOR (e.g. G107,2026-11-28T02:00:00Z,PT2H,4), was '"
                                + spec
                                + "'");
            }
            out.add(p);
        }
        return out;
    }

    private static Instant instant(String s) {
        try {
            return Instant.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "'" + s + "' is not an instant like 2026-11-28T02:00:00Z");
        }
    }

    private static Duration duration(String s) {
        try {
            return Duration.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + s + "' is not a duration like PT2H");
        }
    }

    private static double factor(String s) {
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a number");
        }
    }

    private static void check(double factor, Duration duration, String what) {
        if (!(factor > 0) || duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + ": factor and duration must be positive");
        }
    }
}
