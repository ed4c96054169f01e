package org.dustwatch.bench.alerts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dustwatch.bench.alerts.AlertWorkload.Incident;
import org.dustwatch.jobs.functions.alerts.HourlySeries;
import org.dustwatch.model.Checkpoint;
import org.dustwatch.model.ReferenceData;

/**
 * Matches the alerts of a seed to its incidents and keeps the tallies across seeds.
 *
 * <p><b>The matching rule.</b> An opened alert matches an incident when it is on the incident's
 * road (or, for the township figures, on a township holding one of the road's checkpoints) and the
 * window that opened it overlaps the incident's hours. Its time to detect is from the incident's
 * start to the end of the hour whose judgement opened it (the decision comes the allowed lateness,
 * 10 minutes, after that). It resolved before its incident ended when the hour that resolved it
 * ended no later than the incident. Every other alert opened after the warm-up week is a false
 * alarm.
 */
final class AlertScore {

    /** The outcome of one incident at one level. */
    record Outcome(Incident incident, boolean detected, int hoursToDetect, boolean resolvedEarly) {}

    /**
     * The limit's per-test false-alarm probability: one false alarm per 100 road-weeks if such a
     * test were made every road-hour (16,800 of them).
     */
    static final double LIMIT_ALPHA = 1.0 / 16_800;

    /** Per road incident, whether the limit's test detected it, in the order of {@link #roads}. */
    final List<Boolean> limit = new ArrayList<>();

    final List<Outcome> roads = new ArrayList<>();
    final List<Outcome> townships = new ArrayList<>();
    long roadFalseAlarms;
    long townshipFalseAlarms;

    /** Alerts opened in the warm-up weeks (no incidents there), roads and townships. */
    long warmUpFalseAlarms;

    /** Road-weeks and township-weeks of warm-up. */
    double warmUpKeyWeeks;

    double roadWeeks;
    double townshipWeeks;

    /** Per road: inspections and violating vehicles over the measured weeks (no incident hours). */
    final Map<String, long[]> roadVolumes = new TreeMap<>();

    void add(
            ReferenceData reference,
            AlertWorkload w,
            Map<String, List<HourlySeries.Event>> events,
            long baseMs) {
        Map<String, Set<String>> townshipsOfRoad = new TreeMap<>();
        for (Checkpoint c : reference.checkpoints()) {
            townshipsOfRoad.computeIfAbsent(c.road(), k -> new TreeSet<>()).add(c.township());
        }
        Set<String> matched = new TreeSet<>(); // key@openHour of the alerts matched
        Map<String, Double> p0 = new TreeMap<>();
        for (String road : townshipsOfRoad.keySet()) {
            long[] n = w.counts.inspected().get("road|" + road);
            long[] x = w.counts.violating().get("road|" + road);
            long sn = 0;
            long sx = 0;
            for (int h = w.warmUpHours; h < w.hours; h++) {
                if (!inIncident(w.incidents, road, h)) {
                    sn += n[h];
                    sx += x[h];
                }
            }
            p0.put(road, (double) sx / Math.max(1, sn));
        }
        for (Incident i : w.incidents) {
            String key = "road|" + i.road();
            roads.add(outcome(i, events.get(key), baseMs, key, matched));
            long[] n = w.counts.inspected().get(key);
            long[] x = w.counts.violating().get(key);
            long sn = 0;
            long sx = 0;
            for (int h = i.from(); h < i.from() + i.hours(); h++) {
                sn += n[h];
                sx += x[h];
            }
            limit.add(binomialUpper(sx, sn, p0.get(i.road())) <= LIMIT_ALPHA);
            Outcome best = null;
            for (String t : townshipsOfRoad.get(i.road())) {
                Outcome o =
                        outcome(i, events.get("township|" + t), baseMs, "township|" + t, matched);
                if (best == null
                        || (o.detected()
                                && (!best.detected()
                                        || o.hoursToDetect() < best.hoursToDetect()))) {
                    best = o;
                }
            }
            townships.add(best);
        }
        double weeks = (w.hours - w.warmUpHours) / 168.0;
        warmUpKeyWeeks += events.size() * w.warmUpHours / 168.0;
        for (Map.Entry<String, List<HourlySeries.Event>> e : events.entrySet()) {
            boolean road = e.getKey().startsWith("road|");
            if (road) {
                roadWeeks += weeks;
            } else {
                townshipWeeks += weeks;
            }
            for (HourlySeries.Event ev : e.getValue()) {
                if (ev.change().open() && ev.hour() < w.warmUpHours) {
                    warmUpFalseAlarms++;
                }
                if (ev.change().open()
                        && ev.hour() >= w.warmUpHours
                        && !matched.contains(e.getKey() + "@" + ev.hour())) {
                    if (road) {
                        roadFalseAlarms++;
                    } else {
                        townshipFalseAlarms++;
                    }
                }
            }
        }
        for (Map.Entry<String, long[]> e : w.counts.inspected().entrySet()) {
            if (!e.getKey().startsWith("road|")) {
                continue;
            }
            String road = e.getKey().substring(5);
            long[] n = e.getValue();
            long[] x = w.counts.violating().get(e.getKey());
            long[] v = roadVolumes.computeIfAbsent(road, k -> new long[3]);
            for (int h = w.warmUpHours; h < w.hours; h++) {
                if (!inIncident(w.incidents, road, h)) {
                    v[0] += n[h];
                    v[1] += x[h];
                    v[2]++;
                }
            }
        }
    }

    private static boolean inIncident(List<Incident> incidents, String road, int h) {
        for (Incident i : incidents) {
            if (i.road().equals(road) && h >= i.from() && h < i.from() + i.hours()) {
                return true;
            }
        }
        return false;
    }

    static Outcome outcome(
            Incident i, List<HourlySeries.Event> events, long baseMs, String key, Set<String> m) {
        int end = i.from() + i.hours();
        for (int k = 0; k < events.size(); k++) {
            HourlySeries.Event ev = events.get(k);
            if (!ev.change().open()) {
                continue;
            }
            int windowFrom = (int) ((ev.change().window().from() - baseMs) / AlertWorkload.HOUR);
            if (windowFrom < end && ev.hour() >= i.from()) {
                m.add(key + "@" + ev.hour());
                boolean early = false;
                for (int j = k + 1; j < events.size(); j++) {
                    if (!events.get(j).change().open()) {
                        early = events.get(j).hour() + 1 <= end;
                        break;
                    }
                }
                return new Outcome(i, true, ev.hour() + 1 - i.from(), early);
            }
            if (windowFrom >= end) {
                break;
            }
        }
        return new Outcome(i, false, -1, false);
    }

    // ---- statistics -------------------------------------------------------------------------

    /**
     * {@code P(X >= x)} for X binomial with n and p: the limit's test, which knows the road's usual
     * rate exactly and the incident's hours, and for any spike size rejects for large counts (the
     * likelihood ratio of a higher rate grows with x).
     */
    static double binomialUpper(long x, long n, double p) {
        if (x <= 0) {
            return 1;
        }
        if (x > n || p <= 0) {
            return 0;
        }
        // P(k) from P(0) = (1-p)^n by P(k+1)/P(k) = (n-k) p / ((k+1)(1-p)), in log space
        double l = n * Math.log1p(-p);
        double sum = 0;
        for (long k = 0; k <= n; k++) {
            if (k >= x) {
                sum += Math.exp(l);
            }
            l += Math.log((double) (n - k) * p / ((k + 1) * (1 - p)));
        }
        return sum;
    }

    /** The Wilson score interval of k successes in n at 95%: {low, high}. */
    static double[] wilson(long k, long n) {
        if (n == 0) {
            return new double[] {0, 1};
        }
        double z = 1.959964;
        double p = (double) k / n;
        double c = (p + z * z / (2 * n)) / (1 + z * z / n);
        double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
    }

    /**
     * A 95% interval for a Poisson mean given a count: the exact (Garwood) limits through the
     * Wilson–Hilferty approximation of the chi-square quantiles (within 1% for any count).
     */
    static double[] poisson(long c) {
        double z = 1.959964;
        double low = c == 0 ? 0 : c * Math.pow(1 - 1.0 / (9 * c) - z / (3 * Math.sqrt(c)), 3);
        long c1 = c + 1;
        double high = c1 * Math.pow(1 - 1.0 / (9 * c1) + z / (3 * Math.sqrt(c1)), 3);
        return new double[] {low, high};
    }

    /** The q-quantile (nearest rank) of the detected outcomes' times to detect, or -1. */
    static int quantile(List<Outcome> os, double q) {
        List<Integer> t = new ArrayList<>();
        for (Outcome o : os) {
            if (o.detected()) {
                t.add(o.hoursToDetect());
            }
        }
        if (t.isEmpty()) {
            return -1;
        }
        Collections.sort(t);
        int rank = (int) Math.ceil(q * t.size());
        return t.get(Math.max(0, rank - 1));
    }
}
