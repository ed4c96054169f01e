package org.dustwatch.jobs.recompute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/**
 * What a recompute counts, chosen from everything it read: per inspection {@code eventId}, the
 * record with the highest revision (the first of equal ones), wherever it came from; every reading;
 * and the events that the live job refused as {@code LATE} or {@code CLOCK_SKEW}, taken from their
 * dead letters unless the same event also came from the input topic. Only events whose time lies in
 * the range or its warm-up are kept. Pure: {@code RecomputeIT} and {@code SelectionTest} check it.
 *
 * <p>Offer the dead letters' events first ({@link #offerReadmitted}), then the input topics' in
 * their offset order ({@link #offer}): among readings of one period, the first one stands, as it
 * does live.
 */
public final class Selection {

    private final RecomputeRange range;

    /** Per event id, the record that counts so far. */
    private final Map<String, Inspection> inspections = new LinkedHashMap<>();

    private final List<Reading> readings = new ArrayList<>();

    /** The dead letters' events, by identity; a reading stays here until the input has it too. */
    private final Set<String> readmittedInspections = new HashSet<>();

    private final Map<Reading, Boolean> readmittedReadings = new LinkedHashMap<>();

    private long superseded;
    private long duplicates;
    private long outside;

    public Selection(RecomputeRange range) {
        this.range = range;
    }

    /** An inspection or reading of a {@code LATE} or {@code CLOCK_SKEW} dead letter. */
    public void offerReadmitted(Object event) {
        if (event instanceof Inspection i) {
            // chosen before the range is applied: a correction may move an event out of it
            readmittedInspections.add(identity(i));
            choose(i);
        } else if (event instanceof Reading r && keep(r)) {
            readmittedReadings.putIfAbsent(r, Boolean.FALSE);
        }
    }

    /** An inspection or reading decoded from an input topic. */
    public void offer(Object event) {
        if (event instanceof Inspection i) {
            choose(i);
        } else if (event instanceof Reading r && keep(r)) {
            if (readmittedReadings.containsKey(r)) {
                readmittedReadings.put(r, Boolean.TRUE);
            }
            readings.add(r);
        }
    }

    /**
     * A reading counts where its period overlaps the input's span: the AQI takes the minutes a
     * reading covers, so a five-minute mean from 23:58 covers two minutes of the range's last hour
     * although its event time (00:02:59.999) is after it.
     */
    private boolean keep(Reading r) {
        if (r.end() > range.readFrom() && r.start() < range.end()) {
            return true;
        }
        outside++;
        return false;
    }

    private void choose(Inspection i) {
        Inspection seen = inspections.get(i.eventId());
        if (seen == null) {
            inspections.put(i.eventId(), i);
        } else if (i.revision() > seen.revision()) {
            inspections.put(i.eventId(), i);
            superseded++;
        } else if (i.revision() < seen.revision()) {
            superseded++;
        } else {
            duplicates++;
        }
    }

    private static String identity(Inspection i) {
        return i.eventId() + "#" + i.revision();
    }

    /**
     * The inspections that count, by event time (stable: ties keep their reading order): per event
     * id the highest revision, if its time is in the input's span.
     */
    public List<Inspection> inspections() {
        List<Inspection> out = new ArrayList<>();
        for (Inspection i : inspections.values()) {
            if (range.isInput(i.ts())) {
                out.add(i);
            }
        }
        out.sort(Comparator.comparingLong(Inspection::ts));
        return out;
    }

    /**
     * The readings, by event time (stable), with the dead letters' ones that the input did not hold
     * after those of the input with the same time.
     */
    public List<Reading> readings() {
        List<Reading> out = new ArrayList<>(readings);
        readmittedReadings.forEach(
                (r, inInput) -> {
                    if (!inInput) {
                        out.add(r);
                    }
                });
        out.sort(Comparator.comparingLong(Reading::eventTime));
        return out;
    }

    /** Records that lost to a higher revision of their event id. */
    public long superseded() {
        return superseded;
    }

    /** Records that repeated the revision of their event id that counts (redeliveries). */
    public long duplicates() {
        return duplicates;
    }

    /** Events outside the range and its warm-up, not read further. */
    public long outside() {
        return outside + inspections.values().stream().filter(i -> !range.isInput(i.ts())).count();
    }

    /** The dead letters' events that count, in the range itself (not its warm-up). */
    public long readmittedInRange() {
        long n = 0;
        for (Inspection i : inspections.values()) {
            if (readmittedInspections.contains(identity(i)) && range.contains(i.ts())) {
                n++;
            }
        }
        for (Reading r : readmittedReadings.keySet()) {
            if (range.contains(r.eventTime())) {
                n++;
            }
        }
        return n;
    }

    /** The corrections that count: inspections with a revision above 0, in the range. */
    public long correctionsInRange() {
        long n = 0;
        for (Inspection i : inspections.values()) {
            if (i.revision() > 0 && range.contains(i.ts())) {
                n++;
            }
        }
        return n;
    }

    /** How many events of each kind count, in the range and in its warm-up. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        for (Inspection i : inspections.values()) {
            out.merge(
                    range.contains(i.ts()) ? "inspections" : "inspections-warm-up", 1L, Long::sum);
        }
        for (Reading r : readings()) {
            out.merge(
                    range.contains(r.eventTime()) ? "readings" : "readings-warm-up", 1L, Long::sum);
        }
        return out;
    }
}
