package org.dustwatch.bench.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dustwatch.bench.alerts.AirWorkload.Alert;
import org.dustwatch.bench.alerts.AirWorkload.Episode;
import org.dustwatch.bench.alerts.AirWorkload.Outage;

/**
 * Matches the episode and silence alerts of a seed to its injected episodes and the simulator's
 * station outages, and keeps the tallies across seeds.
 *
 * <p><b>Episodes.</b> An opened {@code pollution_episode} alert matches an episode when it is on
 * the episode's township and the hour that opened it overlaps the episode's hours. Its time to
 * detect runs from the episode's start to the end of that hour (the decision comes the allowed
 * lateness after it). An episode that begins while an alert of its township is open, and whose
 * first hour that alert survives (it resolves on a later hour, or never), counts as <i>already
 * open</i>: detected, without a time to detect. An alert resolved before its episode ended when the
 * hour that resolved it ended no later than the episode. Every other opened alert is outside any
 * episode: <i>haze</i> when its township's published AQI level in the hour that opened it is at
 * least the detector's minimum level (the district's own polluted air, which the simulator's haze
 * cycle produces: the AQI says so, so the alert is right), else a <i>false alarm</i>.
 *
 * <p><b>Outages.</b> An opened {@code station_silent} alert matches an outage when it is on the
 * outage's station and the silence it reports ({@code windowStart}, the end of the last minute with
 * data, to {@code windowEnd}, that plus the station's silence) overlaps the outage. Its time to
 * detect runs from the outage's start to {@code windowEnd} (the decision comes the allowed lateness
 * after it). An outage is <i>within the rule</i> when the longest gap in the station's data that
 * overlaps it, from the end of a minute with a reading to the start of the next, is at least the
 * station's silence: 30 minutes, or two declared periods when that is longer (an hourly station
 * that misses one reading has a gap of 2 hours less a minute, and is not silent by design). An
 * outage with no reading after it before the end of the span is left out. An alert resolved before
 * its outage ended when the minute of the reading that resolved it began before the outage's end.
 * Every other opened alert is a false alarm.
 */
final class AirScore {

    /** An injected episode's outcome; {@code byRise}: its alert opened by the rise. */
    record EpisodeOutcome(
            Episode episode,
            boolean detected,
            boolean alreadyOpen,
            int hoursToDetect,
            boolean resolvedEarly,
            boolean byRise) {}

    /** An outage's outcome; {@code withinRule} as above. */
    record OutageOutcome(
            Outage outage,
            long periodMs,
            boolean withinRule,
            boolean detected,
            int minutesToDetect,
            boolean resolvedEarly) {}

    static final String EPISODE = "pollution_episode";
    static final String SILENT = "station_silent";
    static final long HOUR = 3_600_000L;
    static final long MINUTE = 60_000L;

    final List<EpisodeOutcome> episodes = new ArrayList<>();
    final List<OutageOutcome> outages = new ArrayList<>();
    long hazeAlerts;
    long episodeFalseAlarms;
    long silenceFalseAlarms;
    long censoredOutages;

    /**
     * Silence alerts without an outage whose station's accepted readings really stopped for the
     * silence: in the simulation, readings in a row refused at decoding as bad records (two of an
     * hourly station's, one in 10,000 of its hours).
     */
    long refusedSilences;

    /** The false alarms, one line each: seed, kind, subject and the window that opened it. */
    final List<String> falseAlarms = new ArrayList<>();

    double townshipWeeks;
    double stationWeeks;

    /**
     * Scores one seed.
     *
     * @param minLevel the episode detector's minimum AQI level
     * @param silenceMs per station, its silence (the rule above, from its declared period)
     * @param periodMs per station, the period of its readings
     */
    void add(
            AirWorkload w,
            int townships,
            int minLevel,
            Map<String, Long> silenceMs,
            Map<String, Long> periodMs) {
        add(
                new Seed(
                        w.seed,
                        w.hours,
                        w.episodes,
                        w.outages,
                        w.alerts,
                        w.townshipLevels,
                        w.stationMinutes),
                townships,
                minLevel,
                silenceMs,
                periodMs);
    }

    /**
     * What one seed gave: its hours, episodes, outages, alerts in the order raised, the townships'
     * published hourly AQI levels (hour start to level) and the stations' minutes with a reading.
     */
    record Seed(
            long seed,
            int hours,
            List<Episode> episodes,
            List<Outage> outages,
            List<Alert> alerts,
            Map<String, Map<Long, Integer>> townshipLevels,
            Map<String, long[]> stationMinutes) {}

    void add(
            Seed w,
            int townships,
            int minLevel,
            Map<String, Long> silenceMs,
            Map<String, Long> periodMs) {
        double weeks = w.hours() / 168.0;
        townshipWeeks += townships * weeks;
        stationWeeks += silenceMs.size() * weeks;
        Set<Integer> matched = new TreeSet<>();
        for (Episode e : w.episodes()) {
            episodes.add(episode(e, w.alerts(), matched));
        }
        for (int i = 0; i < w.alerts().size(); i++) {
            Alert a = w.alerts().get(i);
            if (a.kind().equals(EPISODE) && a.open() && !matched.contains(i)) {
                Integer level =
                        w.townshipLevels().getOrDefault(a.subject(), Map.of()).get(a.windowStart());
                if (level != null && level >= minLevel) {
                    hazeAlerts++;
                } else {
                    episodeFalseAlarms++;
                    falseAlarms.add(describe(w.seed(), a, level));
                }
            }
        }
        for (Outage o : w.outages()) {
            String st = o.station();
            long[] gap = gap(w.stationMinutes().getOrDefault(st, new long[0]), o);
            if (gap == null) {
                censoredOutages++;
                continue;
            }
            boolean within = gap[1] - gap[0] >= silenceMs.get(st);
            outages.add(outage(o, periodMs.get(st), within, w.alerts(), matched));
        }
        for (int i = 0; i < w.alerts().size(); i++) {
            Alert a = w.alerts().get(i);
            if (a.kind().equals(SILENT) && a.open() && !matched.contains(i)) {
                long[] m = w.stationMinutes().getOrDefault(a.subject(), new long[0]);
                int at = java.util.Arrays.binarySearch(m, a.windowStart());
                int next = at >= 0 ? at : -at - 1;
                if (next > 0
                        && next < m.length
                        && m[next - 1] + MINUTE == a.windowStart()
                        && m[next] - a.windowStart() >= silenceMs.get(a.subject())) {
                    refusedSilences++; // the accepted readings did stop, without an outage
                } else {
                    silenceFalseAlarms++;
                    falseAlarms.add(describe(w.seed(), a, null));
                }
            }
        }
    }

    static String describe(long seed, Alert a, Integer level) {
        return String.format(
                java.util.Locale.ROOT,
                "seed %d: %s %s, window %s to %s%s",
                seed,
                a.kind(),
                a.subject(),
                java.time.Instant.ofEpochMilli(a.windowStart()),
                java.time.Instant.ofEpochMilli(a.windowEnd()),
                level == null ? "" : ", AQI level " + level);
    }

    /** The outcome of an episode; marks the index of the alert it matched in {@code matched}. */
    static EpisodeOutcome episode(Episode e, List<Alert> alerts, Set<Integer> matched) {
        long from = e.fromMs();
        long to = e.toMs();
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (!a.kind().equals(EPISODE) || !a.open() || !a.subject().equals(e.township())) {
                continue;
            }
            Alert resolve = resolveOf(alerts, i);
            if (a.windowStart() < to && a.windowEnd() > from) {
                matched.add(i);
                boolean early = resolve != null && resolve.windowEnd() <= to;
                return new EpisodeOutcome(
                        e, true, false, (int) ((a.windowEnd() - from) / HOUR), early, a.byRise());
            }
            if (a.windowStart() < from && (resolve == null || resolve.windowStart() > from)) {
                boolean early = resolve != null && resolve.windowEnd() <= to;
                return new EpisodeOutcome(e, true, true, -1, early, a.byRise());
            }
        }
        return new EpisodeOutcome(e, false, false, -1, false, false);
    }

    /** The outcome of an outage; marks the index of the alert it matched in {@code matched}. */
    static OutageOutcome outage(
            Outage o, long periodMs, boolean within, List<Alert> alerts, Set<Integer> matched) {
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            if (!a.kind().equals(SILENT) || !a.open() || !a.subject().equals(o.station())) {
                continue;
            }
            if (a.windowStart() < o.to() && a.windowEnd() > o.from() && !matched.contains(i)) {
                matched.add(i);
                Alert resolve = resolveOf(alerts, i);
                boolean early = resolve != null && resolve.windowStart() < o.to();
                return new OutageOutcome(
                        o,
                        periodMs,
                        within,
                        true,
                        (int) ((a.windowEnd() - o.from()) / MINUTE),
                        early);
            }
        }
        return new OutageOutcome(o, periodMs, within, false, -1, false);
    }

    /** The resolve of the alert opened at index {@code i}: the next of its kind and subject. */
    static Alert resolveOf(List<Alert> alerts, int i) {
        Alert a = alerts.get(i);
        for (int j = i + 1; j < alerts.size(); j++) {
            Alert b = alerts.get(j);
            if (b.kind().equals(a.kind()) && b.subject().equals(a.subject())) {
                return b.open() ? null : b;
            }
        }
        return null;
    }

    /**
     * The gap in a station's data around an outage: the longest gap between two of its consecutive
     * minutes with a reading, {end of the first, start of the second}, that overlaps the outage;
     * null when no reading follows the outage. (A split feed's gas analyser stamps its message a
     * second or so after the period's start, so that message's minute can be the one after the
     * period's last: the gap is measured in the data, not from the outage's ends.)
     *
     * @param minutes the starts of the station's minutes with a reading, ascending
     */
    static long[] gap(long[] minutes, Outage o) {
        int at = java.util.Arrays.binarySearch(minutes, o.from());
        int i = Math.max(0, (at >= 0 ? at : -at - 1) - 1); // the last minute before the outage
        long[] best = null;
        for (; i < minutes.length; i++) {
            long end = minutes[i] + MINUTE;
            if (end >= o.to()) {
                break; // this gap starts after the outage
            }
            if (i + 1 == minutes.length) {
                return null; // no reading after it
            }
            long next = minutes[i + 1];
            if (next > o.from() && (best == null || next - end > best[1] - best[0])) {
                best = new long[] {end, next};
            }
        }
        if (best == null && minutes.length > 0 && minutes[0] >= o.from()) {
            best = new long[] {Long.MIN_VALUE / 2, minutes[0]}; // no reading before it
        }
        return best;
    }

    /** The q-quantile (nearest rank) of the given times, or -1 when there are none. */
    static int quantile(List<Integer> times, double q) {
        if (times.isEmpty()) {
            return -1;
        }
        List<Integer> t = new ArrayList<>(times);
        java.util.Collections.sort(t);
        int rank = (int) Math.ceil(q * t.size());
        return t.get(Math.max(0, rank - 1));
    }
}
