package org.dustwatch.jobs.settings;

import static org.dustwatch.jobs.config.DustwatchOptions.ALLOWED_LATENESS;
import static org.dustwatch.jobs.config.DustwatchOptions.DEDUP_HORIZON;
import static org.dustwatch.jobs.config.DustwatchOptions.IDLENESS;
import static org.dustwatch.jobs.config.DustwatchOptions.OUT_OF_ORDERNESS;
import static org.dustwatch.jobs.config.DustwatchOptions.TIME_ZONE;

import java.io.Serializable;
import java.time.Duration;
import java.time.ZoneId;
import org.dustwatch.jobs.config.DustwatchConfig;

/**
 * The event-time settings of the topology, the one place every stage takes them from.
 *
 * @param outOfOrderness how far the watermark trails the newest event time
 * @param idleness how long a quiet source split may hold the watermark back
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
        Duration allowedLateness,
        Duration dedupHorizon,
        ZoneId zone,
        boolean watermarkEveryEvent)
        implements Serializable {

    public static Timing from(DustwatchConfig c) {
        return new Timing(
                c.get(OUT_OF_ORDERNESS),
                c.get(IDLENESS),
                c.get(ALLOWED_LATENESS),
                c.get(DEDUP_HORIZON),
                ZoneId.of(c.get(TIME_ZONE)),
                false);
    }

    /** This timing with another idleness. */
    public Timing withIdleness(Duration d) {
        return new Timing(
                outOfOrderness, d, allowedLateness, dedupHorizon, zone, watermarkEveryEvent);
    }
}
