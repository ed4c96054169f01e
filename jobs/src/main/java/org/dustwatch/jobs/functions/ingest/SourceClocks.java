package org.dustwatch.jobs.functions.ingest;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The event-time clocks of the sources (checkpoints, or station feeds) of one Kafka partition, and
 * the partition's watermark derived from them, so that one device with a wrong clock can neither
 * make the others late nor hold the district back (issue #20). Everything here depends only on the
 * partition's records in their order, never on the wall clock, so a replay gives the live run's
 * verdicts and watermarks.
 *
 * <ul>
 *   <li><b>The frontier</b> is where the partition's sources are: the newest event time among the
 *       sites (checkpoints, stations) heard from in its last {@link Settings#heard} records that
 *       another site corroborates (its newest within {@link Settings#maxLag} below it). A source
 *       whose clock runs ahead stands alone at the top and is passed over; a minority at most is
 *       passed over, so the frontier never falls below the median. With fewer than {@link
 *       Settings#quorum} sites heard (checkpoints or stations; a station's feeds are one site)
 *       there is no majority to judge by: the frontier is the newest event time, and no record is
 *       judged skewed.
 *   <li><b>A source's lag.</b> A source may trail the frontier by {@code maxLag} plus its period:
 *       an hourly mean is stamped at its hour's end and may arrive an hour after it. A record
 *       beyond that is {@link Verdict#BEHIND}: refused with a reason that names the skew.
 *   <li><b>Ahead is judged later.</b> A record more than {@code maxLag} ahead of the frontier is
 *       counted at its stamped time either way, but it is not yet flagged: at a district's low
 *       volume the first checkpoint to see a truck after a quiet spell stands alone above a
 *       frontier that merely has not moved. Its source becomes a suspect, and the verdict waits for
 *       the other sources: if the frontier comes within {@code maxLag} of the suspect's newest
 *       record, the others have caught up and nothing is flagged; if instead the frontier moves on
 *       by {@code maxLag} and still trails the suspect by more than {@code maxLag}, the others are
 *       alive and behind, and every record of the suspect's spell is {@link Ahead ahead} ({@link
 *       #confirmedAhead()}). From then on its records are {@link Verdict#AHEAD} at once, until one
 *       comes within the lag. A spell still unsettled when the input ends is never flagged.
 *   <li><b>The watermark</b> waits for every <em>active</em> source: one whose next record (due a
 *       period after its newest) could still arrive within its lag. It is the lowest of the
 *       frontier and each active source's next due time, less the out-of-orderness bound. So a
 *       source that runs behind holds the watermark back by its lag at most, and a source that
 *       falls further behind (a wrong clock, or a checkpoint closed for the night) stops holding
 *       it: per-source idleness, decided in event time.
 *   <li><b>Warm-up.</b> Until {@code quorum} sources were heard, or {@link Settings#warmUp} records
 *       were read (a partition of few sources), no watermark is given: a frontier of one source
 *       would follow that source's clock, however wrong.
 * </ul>
 */
public final class SourceClocks {

    /** What the clocks say of one record. */
    public enum Verdict {
        /** Within the lag, or ahead of it but not yet judged (see {@link #confirmedAhead()}). */
        ON_TIME,
        /** More than the lag ahead of the frontier, from a source already found ahead: flagged. */
        AHEAD,
        /** Further behind the frontier than the source's lag allows: refused. */
        BEHIND
    }

    /**
     * @param outOfOrderness how far a source's own records may come out of order
     * @param maxLag how far a source may trail the frontier, beyond its period
     * @param heard the number of recent records whose sources make the frontier
     * @param quorum sites (checkpoints, stations) heard from before clocks are judged
     * @param warmUp records after which the first watermark comes even without a quorum
     * @param every recompute the frontier and the watermark at least every this many records (1 in
     *     tests that need the watermark after every record); also whenever the source that holds
     *     the watermark moves, or a second of event time has passed
     */
    public record Settings(
            Duration outOfOrderness, Duration maxLag, int heard, int quorum, int warmUp, int every)
            implements Serializable {

        public static Settings of(Duration outOfOrderness, Duration maxLag, boolean everyRecord) {
            return new Settings(outOfOrderness, maxLag, 64, 4, 8, everyRecord ? 1 : 16);
        }
    }

    /** Event time after which a record makes the clocks look again, whatever its source. */
    static final long RECOMPUTE_MS = 1_000;

    /** Sources not heard from for this long in event time are forgotten. */
    static final long FORGET_MS = Duration.ofDays(7).toMillis();

    /** A suspect's records held for the verdict; beyond this many it is found ahead at once. */
    static final int SUSPECT_RECORDS = 1024;

    /**
     * A record found ahead after it was counted: its site, its stamp, and the frontier that settled
     * it.
     */
    public record Ahead(Object site, long eventTime, long frontier) {}

    private static final class Clock {
        Object site;
        long newest = Long.MIN_VALUE;
        long periodMs;
        int recent;

        /** The stamps of the records of an unsettled spell ahead; {@code null} when none. */
        List<Long> suspect;

        /** The frontier when the spell began. */
        long suspectFrontier;

        /** Found ahead, and not yet back within the lag. */
        boolean ahead;
    }

    private final long oooMs;
    private final long maxLagMs;
    private final int quorum;
    private final int warmUp;
    private final int every;
    private final int heardSize;
    private final Map<Object, Clock> clocks = new HashMap<>();
    private final ArrayDeque<Clock> heard;
    private final List<Clock> suspects = new ArrayList<>();
    private final List<Ahead> confirmed = new ArrayList<>();
    private long frontier = Long.MIN_VALUE;
    private long watermark = Long.MIN_VALUE;
    private long records;
    private long computedAt = Long.MIN_VALUE;
    private Clock holder;
    private boolean warm;
    private boolean quorate;

    public SourceClocks(Settings s) {
        this.oooMs = s.outOfOrderness().toMillis();
        this.maxLagMs = s.maxLag().toMillis();
        this.quorum = s.quorum();
        this.warmUp = s.warmUp();
        this.every = s.every();
        this.heardSize = s.heard();
        this.heard = new ArrayDeque<>(heardSize + 1);
    }

    /** {@link #observe(Object, Object, long, long)} of a source that is a site of its own. */
    public Verdict observe(Object source, long eventTime, long periodMs) {
        return observe(source, source, eventTime, periodMs);
    }

    /**
     * Takes one record's event time into its source's clock.
     *
     * @param source the clock's identity: a checkpoint, or a station's feed (id and period)
     * @param site the checkpoint or station: the quorum counts sites, not feeds
     * @param periodMs the period the record averages; 0 for an event such as an inspection
     */
    public Verdict observe(Object source, Object site, long eventTime, long periodMs) {
        Clock c = clocks.computeIfAbsent(source, k -> new Clock());
        c.site = site;
        c.newest = Math.max(c.newest, eventTime);
        c.periodMs = periodMs;
        c.recent++;
        records++;
        heard.addLast(c);
        if (heard.size() > heardSize) {
            heard.removeFirst().recent--;
        }
        // The watermark can move when the source that held it moves, or as event time passes: so
        // a second of event time since the last look, and every few records in any case (a
        // source that catches up, the heard set). A dense partition pays once per 16 records, a
        // sparse one looks at each.
        if (!warm
                || c == holder
                || computedAt == Long.MIN_VALUE
                || eventTime - computedAt >= RECOMPUTE_MS
                || records % every == 0) {
            recompute();
            computedAt = frontier;
        }
        // Judged after the record is in: a clock ahead stands alone above the frontier even so.
        Verdict v = Verdict.ON_TIME;
        if (quorate) {
            if (frontier - eventTime > maxLagMs + periodMs) {
                v = Verdict.BEHIND;
            } else if (eventTime - frontier <= maxLagMs) {
                c.ahead = false;
            } else if (c.ahead) {
                v = Verdict.AHEAD;
            } else {
                if (c.suspect == null) {
                    c.suspect = new ArrayList<>();
                    c.suspectFrontier = frontier;
                    suspects.add(c);
                }
                c.suspect.add(eventTime);
            }
        }
        if (quorate) {
            // Without a quorum the frontier is the newest stamp, the suspect's own perhaps: its
            // spell waits, unsettled, until a majority can judge it again.
            settle();
        }
        return v;
    }

    /**
     * The records found ahead since the last call, of sources whose spell ahead the frontier has
     * now settled (see the class comment); each was counted at its stamp when it came.
     */
    public List<Ahead> confirmedAhead() {
        if (confirmed.isEmpty()) {
            return List.of();
        }
        List<Ahead> out = List.copyOf(confirmed);
        confirmed.clear();
        return out;
    }

    /** Settles the suspects by the frontier: caught up with, or left ahead while it moved on. */
    private void settle() {
        for (Iterator<Clock> it = suspects.iterator(); it.hasNext(); ) {
            Clock s = it.next();
            if (s.newest - frontier <= maxLagMs) {
                s.suspect = null;
                it.remove();
            } else if (frontier - s.suspectFrontier >= maxLagMs
                    || s.suspect.size() >= SUSPECT_RECORDS) {
                for (long t : s.suspect) {
                    confirmed.add(new Ahead(s.site, t, frontier));
                }
                s.suspect = null;
                s.ahead = true;
                it.remove();
            }
        }
    }

    /** The partition's watermark: {@link Long#MIN_VALUE} until warm. */
    public long watermark() {
        return watermark;
    }

    /** The frontier the last verdict was judged by. */
    public long frontier() {
        return frontier;
    }

    public long maxLagMs() {
        return maxLagMs;
    }

    private void recompute() {
        // A site's newest over its feeds: the feeds of one station share its clock, so they must
        // not corroborate each other.
        Map<Object, Long> sites = new HashMap<>();
        for (Clock c : clocks.values()) {
            if (c.recent > 0) {
                sites.merge(c.site, c.newest, Math::max);
            }
        }
        int n = sites.size();
        quorate = n >= quorum;
        warm = warm || quorate || records >= warmUp;
        if (!warm) {
            return;
        }
        long[] newest = new long[n];
        int i = 0;
        for (long t : sites.values()) {
            newest[i++] = t;
        }
        Arrays.sort(newest);
        frontier = quorate ? corroborated(newest, n) : newest[n - 1];
        long low = frontier;
        holder = null;
        for (Iterator<Clock> it = clocks.values().iterator(); it.hasNext(); ) {
            Clock c = it.next();
            long due = c.newest + c.periodMs;
            if (frontier - due <= maxLagMs + c.periodMs) {
                if (due < low) {
                    low = due;
                    holder = c;
                }
            } else if (frontier - c.newest > FORGET_MS && c.recent == 0) {
                it.remove();
            }
        }
        watermark = Math.max(watermark, low - oooMs - 1);
    }

    /**
     * The highest of the sites' sorted newest event times that the next site's corroborates (lies
     * within the lag below it), passing over a minority at most; else the lower median.
     */
    private long corroborated(long[] sorted, int n) {
        for (int i = n - 1; i >= n / 2; i--) {
            if (sorted[i] - sorted[i - 1] <= maxLagMs) {
                return sorted[i];
            }
        }
        return sorted[(n - 1) / 2];
    }
}
