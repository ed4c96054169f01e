package org.dustwatch.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dustwatch.model.Topics;
import org.dustwatch.simulator.DistrictSimulator;
import org.dustwatch.simulator.SimulationOptions;

/**
 * The simulated district's inspections with one checkpoint's device clock wrong by a fixed skew, in
 * the order the records were sent (by their true times), for ReliabilityIT's clock scenarios; and
 * the same records sorted by their stamped event times, which no watermark can find late: the clean
 * run to compare with.
 */
final class SkewedClock {
    /** A record as sent: its key (the checkpoint), its value, and its stamped event time. */
    record Sent(String key, String value, long eventTime) {}

    final String checkpoint;
    final List<Sent> sent = new ArrayList<>();

    private SkewedClock(String checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * The district's inspections with the busiest checkpoint's stamps moved by {@code skew}. A
     * record without a readable {@code ts} (the simulator's bad records) keeps the event time of
     * the record before it, for sorting.
     */
    static SkewedClock of(SimulationOptions o, Duration skew) throws Exception {
        List<String[]> inspections = new ArrayList<>();
        new DistrictSimulator(org.dustwatch.model.ReferenceData.bundled(), o)
                .forEachRemaining(
                        e -> {
                            if (e.topic().equals(Topics.INSPECTIONS)) {
                                inspections.add(new String[] {e.key(), e.value()});
                            }
                        });
        Map<String, Integer> perCheckpoint = new HashMap<>();
        inspections.forEach(r -> perCheckpoint.merge(r[0], 1, Integer::sum));
        String busiest =
                perCheckpoint.entrySet().stream()
                        .max(Map.Entry.<String, Integer>comparingByValue())
                        .orElseThrow()
                        .getKey();
        SkewedClock s = new SkewedClock(busiest);
        long last = o.start().toEpochMilli();
        for (String[] r : inspections) {
            String value = r[1];
            Matcher m = TS.matcher(value);
            Long ts = m.find() ? epochMillis(m) : null;
            if (ts != null) {
                if (busiest.equals(r[0])) {
                    ts += skew.toMillis();
                    value =
                            value.substring(0, m.start())
                                    + render(m, ts)
                                    + value.substring(m.end());
                }
                last = ts;
            }
            s.sent.add(new Sent(r[0], value, last));
        }
        return s;
    }

    /** The first {@code ts} member, a number or an ISO-8601 string (the text is left as it is). */
    private static final Pattern TS = Pattern.compile("\"ts\":(?:(-?\\d+)|\"([^\"]+)\")");

    private static Long epochMillis(Matcher m) {
        try {
            return m.group(1) != null
                    ? Long.parseLong(m.group(1))
                    : OffsetDateTime.parse(m.group(2)).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String render(Matcher m, long ts) {
        if (m.group(1) != null) {
            return "\"ts\":" + ts;
        }
        OffsetDateTime was = OffsetDateTime.parse(m.group(2));
        return "\"ts\":\""
                + OffsetDateTime.ofInstant(Instant.ofEpochMilli(ts), was.getOffset())
                + "\"";
    }

    /** The records in the order they were sent. */
    List<Sent> asSent() {
        return sent;
    }

    /** The records sorted by stamped event time (stable), without those at {@code drop}. */
    List<Sent> sortedWithout(Set<Integer> drop) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (!drop.contains(i)) {
                out.add(sent.get(i));
            }
        }
        out.sort(Comparator.comparingLong(Sent::eventTime));
        return out;
    }

    /** The indexes of the records that {@code test} accepts. */
    List<Integer> indexes(Predicate<Sent> test) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            if (test.test(sent.get(i))) {
                out.add(i);
            }
        }
        return out;
    }
}
