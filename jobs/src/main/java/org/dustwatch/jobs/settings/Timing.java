package org.dustwatch.jobs.settings;

import static org.dustwatch.jobs.config.DustwatchOptions.ALLOWED_LATENESS;
import static org.dustwatch.jobs.config.DustwatchOptions.DEDUP_HORIZON;
import static org.dustwatch.jobs.config.DustwatchOptions.IDLENESS;
import static org.dustwatch.jobs.config.DustwatchOptions.MAX_SOURCE_LAG;
import static org.dustwatch.jobs.config.DustwatchOptions.OUT_OF_ORDERNESS;
import static org.dustwatch.jobs.config.DustwatchOptions.TIME_ZONE;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.functions.ingest.SourceClocks;

/**
 * The event-time settings of the topology, the one place every stage takes them from.
 *
 * @param outOfOrderness how far a source's records may come out of order; the watermark trails its
 *     sources by that much
 * @param idleness how long (in processing time) a Kafka partition without records may hold the
 *     watermark back
 * @param maxSourceLag how far, beyond its period, a checkpoint or station feed may trail the other
 *     sources of its partition (see {@link SourceClocks})
 * @param allowedLateness how long after a window's end a late event still corrects it; also when
 *     the detectors consider an hour or minute final
 * @param dedupHorizon how long an event id (or a reading's period) is remembered
 * @param zone the zone of local days
 * @param watermarkEveryEvent emit the watermark after every event instead of periodically: the same
 *     watermarks at deterministic points, so that tests can say exactly which event is late. Jobs
 *     leave it off; a watermark per event costs throughput.
 */
public record Timing(
        Duration outOfOrderness,
        Duration idleness,
        Duration maxSourceLag,
        Duration allowedLateness,
        Duration dedupHorizon,
        ZoneId zone,
        boolean watermarkEveryEvent)
        implements Serializable {

    public static Timing from(DustwatchConfig c) {
        return new Timing(
                c.get(OUT_OF_ORDERNESS),
                c.get(IDLENESS),
                c.get(MAX_SOURCE_LAG),
                c.get(ALLOWED_LATENESS),
                c.get(DEDUP_HORIZON),
                zone(c.get(TIME_ZONE)),
                false);
    }

    /** The data's years, in which a zone's offsets must be whole hours. */
    private static final Instant FROM = Instant.parse("2000-01-01T00:00:00Z");

    private static final Instant TO = Instant.parse("2100-01-01T00:00:00Z");

    /**
     * The zone of local days, refused unless its offset from UTC is a whole number of hours at
     * every instant from 2000 to 2100: hourly windows are UTC hours, and a local day must be made
     * of whole ones. (Every zone had an odd local-mean-time offset before 1900, hence the span.)
     *
     * @throws IllegalArgumentException in one line, naming the zone and the odd offset
     */
    public static ZoneId zone(String id) {
        ZoneId zone;
        try {
            zone = ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    "pipeline.time-zone '" + id + "' is not a zone: " + e.getMessage(), e);
        }
        ZoneRules rules = zone.getRules();
        check(zone, rules.getOffset(FROM), FROM);
        for (ZoneOffsetTransition t = rules.nextTransition(FROM);
                t != null && t.getInstant().isBefore(TO);
                t = rules.nextTransition(t.getInstant())) {
            check(zone, t.getOffsetAfter(), t.getInstant());
        }
        return zone;
    }

    private static void check(ZoneId zone, ZoneOffset offset, Instant since) {
        if (offset.getTotalSeconds() % 3600 != 0) {
            throw new IllegalArgumentException(
                    "pipeline.time-zone "
                            + zone.getId()
                            + " has the offset "
                            + offset.getId()
                            + " (from "
                            + since
                            + "): local days are made of UTC hours, so only zones whose offsets"
                            + " are whole hours are supported");
        }
    }

    /** This timing with another idleness. */
    public Timing withIdleness(Duration d) {
        return new Timing(
                outOfOrderness,
                d,
                maxSourceLag,
                allowedLateness,
                dedupHorizon,
                zone,
                watermarkEveryEvent);
    }

    /** This timing with a watermark after every record (see {@code watermarkEveryEvent}). */
    public Timing withWatermarkEveryEvent() {
        return new Timing(
                outOfOrderness, idleness, maxSourceLag, allowedLateness, dedupHorizon, zone, true);
    }

    /** The settings of each partition's source clocks. */
    public SourceClocks.Settings clocks() {
        return SourceClocks.Settings.of(outOfOrderness, maxSourceLag, watermarkEveryEvent);
    }
}
