package org.dustwatch.bench.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.dustwatch.bench.alerts.AirScore.EpisodeOutcome;
import org.dustwatch.bench.alerts.AirScore.OutageOutcome;

/** The episode and silence tables of {@code bin/dustwatch bench alerts} (docs/alerts.md). */
final class AirReport {
    private AirReport() {}

    static String of(AirScore sc, int minLevel) {
        StringBuilder b = new StringBuilder();
        b.append(
                "| episode | incidents | detected [95% CI] | of them already open | median / p90"
                        + " hours to detect | resolved before its end |\n");
        b.append("|---|---:|---|---:|---|---:|\n");
        for (double f : AirWorkload.SIZES) {
            for (int d : AirWorkload.DURATIONS) {
                episodeRow(
                        b,
                        String.format(Locale.ROOT, "×%s, %d h", trim(f), d),
                        sc,
                        o -> o.episode().factor() == f && o.episode().hours() == d);
            }
        }
        episodeRow(b, "all, by day", sc, o -> !o.episode().night());
        episodeRow(b, "all, by night", sc, o -> o.episode().night());
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nAlerts opened during their episode that resolved before its end: by the"
                                + " rise of PM2.5 %s, by the AQI level %s%n",
                        share(sc, true),
                        share(sc, false)));
        long outside = sc.hazeAlerts + sc.episodeFalseAlarms;
        double[] fa = AlertScore.poisson(sc.episodeFalseAlarms);
        double[] hz = AlertScore.poisson(sc.hazeAlerts);
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nEpisode alerts outside the injected episodes: %d in %.0f township-weeks"
                                + " = %.2f per 100; of them haze (the township's published AQI at"
                                + " level %d or more in the hour that opened it) %d = %.2f per 100"
                                + " [%.2f, %.2f]; false alarms %d = %.2f per 100 township-weeks"
                                + " [%.2f, %.2f]%n%n",
                        outside,
                        sc.townshipWeeks,
                        per100(outside, sc.townshipWeeks),
                        minLevel,
                        sc.hazeAlerts,
                        per100(sc.hazeAlerts, sc.townshipWeeks),
                        per100(hz[0], sc.townshipWeeks),
                        per100(hz[1], sc.townshipWeeks),
                        sc.episodeFalseAlarms,
                        per100(sc.episodeFalseAlarms, sc.townshipWeeks),
                        per100(fa[0], sc.townshipWeeks),
                        per100(fa[1], sc.townshipWeeks)));
        b.append(
                "| stations | outage | outages | within the rule | detected, within the rule [95%"
                        + " CI] | detected, outside it | median / p90 minutes to detect |"
                        + " resolved before its end |\n");
        b.append("|---|---|---:|---:|---|---:|---|---:|\n");
        long[][] cadences = {{60_000, 60_000}, {300_000, 300_000}, {3_600_000, 3_600_000}};
        String[] names = {"1-minute", "5-minute", "hourly"};
        int[][] lengths = {{30, 60}, {60, 90}, {90, 121}};
        for (int c = 0; c < cadences.length; c++) {
            long p = cadences[c][0];
            for (int[] len : lengths) {
                outageRow(
                        b,
                        names[c],
                        String.format(Locale.ROOT, "%d–%d min", len[0], len[1] - 1),
                        sc,
                        o -> o.periodMs() == p && minutes(o) >= len[0] && minutes(o) < len[1]);
            }
        }
        outageRow(b, "all", "30–120 min", sc, o -> true);
        double[] sf = AlertScore.poisson(sc.silenceFalseAlarms);
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nSilence alerts outside the outages: %d whose station's accepted"
                                + " readings did stop (bad records in a row); false alarms %d in"
                                + " %.0f station-weeks = %.2f per 100 station-weeks [%.2f, %.2f];"
                                + " outages left out (no reading after them before the end of the"
                                + " span): %d%n",
                        sc.refusedSilences,
                        sc.silenceFalseAlarms,
                        sc.stationWeeks,
                        per100(sc.silenceFalseAlarms, sc.stationWeeks),
                        per100(sf[0], sc.stationWeeks),
                        per100(sf[1], sc.stationWeeks),
                        sc.censoredOutages));
        if (!sc.falseAlarms.isEmpty()) {
            b.append("\nThe false alarms of the episode and silence detectors:\n");
            sc.falseAlarms.forEach(f -> b.append("- ").append(f).append('\n'));
        }
        return b.toString();
    }

    /** "k of n" early resolves among the alerts opened during their episode by rise or level. */
    private static String share(AirScore sc, boolean byRise) {
        List<EpisodeOutcome> os =
                sc.episodes.stream()
                        .filter(o -> o.detected() && !o.alreadyOpen() && o.byRise() == byRise)
                        .toList();
        long k = os.stream().filter(EpisodeOutcome::resolvedEarly).count();
        return k + " of " + os.size() + " (" + pct(k, os.size()) + ")";
    }

    private static long minutes(OutageOutcome o) {
        return (o.outage().to() - o.outage().from()) / 60_000;
    }

    private static void episodeRow(
            StringBuilder b, String name, AirScore sc, Predicate<EpisodeOutcome> p) {
        List<EpisodeOutcome> os = sc.episodes.stream().filter(p).toList();
        long k = os.stream().filter(EpisodeOutcome::detected).count();
        long open = os.stream().filter(EpisodeOutcome::alreadyOpen).count();
        long early = os.stream().filter(o -> o.detected() && o.resolvedEarly()).count();
        List<Integer> t = new ArrayList<>();
        for (EpisodeOutcome o : os) {
            if (o.detected() && !o.alreadyOpen()) {
                t.add(o.hoursToDetect());
            }
        }
        double[] ci = AlertScore.wilson(k, os.size());
        b.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %s [%.0f, %.0f] | %d | %s / %s | %s |%n",
                        name,
                        os.size(),
                        pct(k, os.size()),
                        100 * ci[0],
                        100 * ci[1],
                        open,
                        num(AirScore.quantile(t, 0.5)),
                        num(AirScore.quantile(t, 0.9)),
                        k == 0 ? "–" : pct(early, k)));
    }

    private static void outageRow(
            StringBuilder b,
            String stations,
            String length,
            AirScore sc,
            Predicate<OutageOutcome> p) {
        List<OutageOutcome> os = sc.outages.stream().filter(p).toList();
        List<OutageOutcome> in = os.stream().filter(OutageOutcome::withinRule).toList();
        List<OutageOutcome> out = os.stream().filter(o -> !o.withinRule()).toList();
        long k = in.stream().filter(OutageOutcome::detected).count();
        long kOut = out.stream().filter(OutageOutcome::detected).count();
        long early = os.stream().filter(o -> o.detected() && o.resolvedEarly()).count();
        long detected = k + kOut;
        List<Integer> t = new ArrayList<>();
        for (OutageOutcome o : os) {
            if (o.detected()) {
                t.add(o.minutesToDetect());
            }
        }
        double[] ci = AlertScore.wilson(k, in.size());
        b.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %s | %d | %d | %s | %s | %s / %s | %s |%n",
                        stations,
                        length,
                        os.size(),
                        in.size(),
                        in.isEmpty()
                                ? "–"
                                : String.format(
                                        Locale.ROOT,
                                        "%s [%.0f, %.0f]",
                                        pct(k, in.size()),
                                        100 * ci[0],
                                        100 * ci[1]),
                        out.isEmpty() ? "–" : kOut + " of " + out.size(),
                        num(AirScore.quantile(t, 0.5)),
                        num(AirScore.quantile(t, 0.9)),
                        detected == 0 ? "–" : pct(early, detected)));
    }

    private static double per100(double count, double weeks) {
        return weeks == 0 ? 0 : 100 * count / weeks;
    }

    private static String pct(long k, long n) {
        return n == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * k / n);
    }

    private static String num(int v) {
        return v < 0 ? "–" : Integer.toString(v);
    }

    private static String trim(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }
}
