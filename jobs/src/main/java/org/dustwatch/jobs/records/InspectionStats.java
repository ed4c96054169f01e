package org.dustwatch.jobs.records;

/**
 * One window's inspection figures for one checkpoint, road or township: one InfluxDB point.
 *
 * @param level {@code checkpoint}, {@code road} or {@code township}
 * @param subject the checkpoint id, road or township the figures are for
 * @param road the checkpoint's road (checkpoint level only, else null)
 * @param township the checkpoint's township (checkpoint level only, else null)
 * @param window the window's name, e.g. {@code 1m}
 * @param windowStart window start, epoch milliseconds: the point's timestamp
 */
public record InspectionStats(
        String level,
        String subject,
        String road,
        String township,
        String window,
        long windowStart,
        long inspected,
        long violating,
        long uncovered,
        long overheight,
        long overload,
        long spillage,
        long finesYuan)
        implements WindowResult {

    /** The key of per-subject state across levels: {@code level|subject}. */
    public String levelKey() {
        return level + "|" + subject;
    }

    /** Share of inspected vehicles with at least one violation, in [0, 1]. */
    public double violationRate() {
        return inspected == 0 ? 0.0 : (double) violating / inspected;
    }
}
