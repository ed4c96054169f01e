package org.dustwatch.bench.alerts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.dustwatch.bench.alerts.AlertScore.Outcome;
import org.dustwatch.bench.alerts.AlertWorkload.Incident;
import org.dustwatch.cli.Cli;
import org.dustwatch.jobs.config.AlertOptions;
import org.dustwatch.jobs.functions.alerts.EpisodeDetector;
import org.dustwatch.jobs.functions.alerts.HourlySeries;
import org.dustwatch.jobs.functions.alerts.SpikeCore;
import org.dustwatch.jobs.settings.AlertSettings;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Station;
import org.dustwatch.simulator.SimulationOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/dustwatch bench alerts}: the spike detector's detection and false-alarm rates on the
 * bundled district at its real volume, over many seeds (docs/alerts.md). Each seed simulates one
 * warm-up week and the measured weeks with injected spikes and runs the production {@link
 * SpikeCore} over every road's and township's hourly counts, as the job's detector would judge
 * them. The first seeds also simulate the stations' air with injected pollution episodes and the
 * simulator's station outages and run the job's episode and silence detectors over it ({@link
 * AirWorkload}, {@link AirPipeline}, scored by {@link AirScore}). Deterministic for given options.
 */
@Command(
        name = "alerts",
        header =
                "The spike, episode and silence detectors' detection and false-alarm rates, over"
                        + " many seeds.",
        sortOptions = false,
        description = {
            "Simulates the bundled district at its real volume with injected violation spikes"
                    + " (x1.5, x2, x3, x5 for 1, 2 and 4 hours, by day and by night), runs the"
                    + " production spike detector over every road's and township's hourly"
                    + " counts, and reports detection, time to detect and false alarms, with 95%%"
                    + " intervals (docs/alerts.md).",
            "",
            "For the first --air-seeds seeds it also simulates the stations' air at their own"
                    + " cadences with injected pollution episodes (x1.5, x2, x3 for 2, 4 and 8"
                    + " hours, by day and by night) and the simulator's station outages, runs the"
                    + " job's AQI functions and the production episode and silence detectors in"
                    + " Flink's operator harness, and reports the same for them.",
            ""
        })
public final class AlertBenchmark implements Callable<Integer> {

    @Mixin Cli.Help help;

    @Spec CommandSpec spec;

    @Option(names = "--seeds", paramLabel = "N", description = "seeds (default ${DEFAULT-VALUE})")
    int seeds = 20;

    @Option(names = "--first-seed", paramLabel = "S", description = "(default ${DEFAULT-VALUE})")
    long firstSeed = 1;

    @Option(
            names = "--weeks",
            paramLabel = "W",
            description =
                    "measured weeks per seed, after a warm-up week (default ${DEFAULT-VALUE})")
    int weeks = 8;

    @Option(
            names = "--per-day",
            paramLabel = "N",
            description = "the district's inspections a day (default ${DEFAULT-VALUE})")
    double perDay = 2150;

    @Option(names = "--threshold", paramLabel = "Z", description = "alerts.spike.threshold")
    double threshold = AlertOptions.ALERT_SPIKE_THRESHOLD.defaultValue();

    @Option(names = "--resolve-z", paramLabel = "Z", description = "alerts.spike.resolve-z")
    double resolveZ = AlertOptions.ALERT_SPIKE_RESOLVE.defaultValue();

    @Option(names = "--window-hours", paramLabel = "K", description = "alerts.spike.window-hours")
    int windowHours = AlertOptions.ALERT_SPIKE_WINDOW_HOURS.defaultValue();

    @Option(names = "--spread", paramLabel = "H", description = "alerts.spike.baseline-spread")
    int spread = AlertOptions.ALERT_SPIKE_BASELINE_SPREAD.defaultValue();

    @Option(names = "--baseline-days", paramLabel = "D", description = "alerts.spike.baseline-days")
    int days = AlertOptions.ALERT_SPIKE_BASELINE_DAYS.defaultValue();

    @Option(names = "--min-baseline", paramLabel = "N", description = "alerts.spike.min-baseline")
    int minBaseline = AlertOptions.ALERT_SPIKE_MIN_BASELINE.defaultValue();

    @Option(
            names = "--air-seeds",
            paramLabel = "N",
            description =
                    "the first N seeds also run the episode and silence detectors, 0 for none"
                            + " (default ${DEFAULT-VALUE}, or --seeds if fewer)")
    int airSeeds = 10;

    @Option(
            names = "--air-weeks",
            paramLabel = "W",
            description =
                    "weeks of air per such seed, with 18 injected episodes and the simulator's"
                            + " station outages (default ${DEFAULT-VALUE})")
    int airWeeks = 4;

    @Option(
            names = "--episode-min-level",
            paramLabel = "L",
            description = "alerts.episode.min-level")
    int episodeMinLevel = AlertOptions.ALERT_EPISODE_MIN_LEVEL.defaultValue();

    @Option(names = "--pm25-rise", paramLabel = "UG", description = "alerts.episode.pm25-rise")
    double pm25Rise = AlertOptions.ALERT_EPISODE_PM25_RISE.defaultValue();

    @Option(names = "--silence", paramLabel = "D", description = "alerts.station-silence")
    Duration silence = AlertOptions.ALERT_STATION_SILENCE.defaultValue();

    @Option(names = "--out", paramLabel = "FILE", description = "also write the report here")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (seeds < 1 || weeks < 8 || perDay <= 0) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--seeds must be at least 1, --weeks at least 8 (36 incidents a day and a half"
                            + " apart), --per-day positive");
        }
        if (airSeeds < 0 || airWeeks < 4 || silence.isNegative() || silence.isZero()) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--air-seeds must not be negative, --air-weeks at least 4 (18 episodes in slots"
                            + " of 36 hours or more), --silence positive");
        }
        int airRuns = Math.min(airSeeds, seeds);
        SpikeCore.Settings s =
                new SpikeCore.Settings(
                        threshold,
                        resolveZ,
                        AlertOptions.ALERT_SPIKE_MIN_VOLUME.defaultValue(),
                        days,
                        spread,
                        windowHours,
                        minBaseline,
                        AlertOptions.ALERT_COOLDOWN.defaultValue());
        SpikeCore core = new SpikeCore(s);
        ReferenceData reference = ReferenceData.bundled();
        AlertScore score = new AlertScore();
        AirScore air = new AirScore();
        Settings settings = airSettings();
        Map<String, Long> silenceMs = new TreeMap<>();
        Map<String, Long> periodMs = new TreeMap<>();
        for (Station st : reference.stations()) {
            long declared = st.period() == null ? 0 : st.period().toMillis();
            silenceMs.put(st.id(), Math.max(silence.toMillis(), 2 * declared));
            periodMs.put(
                    st.id(),
                    declared > 0 ? declared : SimulationOptions.DEFAULT_READING_PERIOD.toMillis());
        }
        long t0 = System.nanoTime();
        long base = AlertWorkload.START.toEpochMilli();
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
            AlertWorkload w = new AlertWorkload(reference, seed, weeks, perDay);
            Map<String, List<HourlySeries.Event>> events = new TreeMap<>();
            for (Map.Entry<String, long[]> e : w.counts.inspected().entrySet()) {
                HourlySeries series =
                        new HourlySeries(base, e.getValue(), w.counts.violating().get(e.getKey()));
                events.put(e.getKey(), series.run(core));
            }
            score.add(reference, w, events, base);
            if (seed - firstSeed < airRuns) {
                AirWorkload a = new AirWorkload(reference, settings, seed, airWeeks, perDay);
                air.add(a, reference.townships().size(), episodeMinLevel, silenceMs, periodMs);
            }
            System.err.printf(
                    Locale.ROOT,
                    "seed %d of %d done (%.0f s)%n",
                    seed - firstSeed + 1,
                    seeds,
                    secs(t0));
        }
        String report = report(s, score);
        if (airRuns > 0) {
            report +=
                    String.format(
                                    Locale.ROOT,
                                    "%nEpisode and silence detectors: min-level %d, pm25-rise %.0f,"
                                            + " station-silence %s; seeds %d-%d x %d weeks of"
                                            + " air%n%n",
                                    episodeMinLevel,
                                    pm25Rise,
                                    silence,
                                    firstSeed,
                                    firstSeed + airRuns - 1,
                                    airWeeks)
                            + AirReport.of(air, episodeMinLevel);
        }
        System.out.print(report);
        if (out != null) {
            Files.writeString(out, report);
        }
        return 0;
    }

    /** The job's default settings with this command's episode and silence settings. */
    private Settings airSettings() {
        Settings d = Settings.defaults();
        AlertSettings a = d.alerts();
        return d.withAlerts(
                new AlertSettings(
                        a.spike(),
                        new EpisodeDetector.Settings(
                                episodeMinLevel, pm25Rise, a.episode().cooldown()),
                        silence,
                        a.repeatOffender()));
    }

    private static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    String report(SpikeCore.Settings s, AlertScore sc) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "Spike detector: threshold %.2f, resolve-z %.2f, window-hours %d, spread %d,"
                                + " baseline-days %d, min-baseline %d; %d seeds x %d weeks at %.0f"
                                + " inspections a day%n%n",
                        s.threshold(),
                        s.resolveZ(),
                        s.windowHours(),
                        s.spread(),
                        s.days(),
                        s.minBaseline(),
                        seeds,
                        weeks,
                        perDay));
        b.append(
                "| spike | incidents | road: detected [95% CI] | limit | median / p90 hours to"
                        + " detect | resolved before its end | township: detected |\n");
        b.append("|---|---:|---|---:|---|---:|---:|\n");
        for (double f : AlertWorkload.SIZES) {
            for (int d : AlertWorkload.DURATIONS) {
                Predicate<Incident> p = i -> i.factor() == f && i.hours() == d;
                row(b, String.format(Locale.ROOT, "×%s, %d h", trim(f), d), sc, p);
            }
        }
        row(b, "×3, 2 h, by day", sc, i -> i.factor() == 3 && i.hours() == 2 && !i.night());
        row(b, "×3, 2 h, by night", sc, i -> i.factor() == 3 && i.hours() == 2 && i.night());
        double[] rf = AlertScore.poisson(sc.roadFalseAlarms);
        double[] tf = AlertScore.poisson(sc.townshipFalseAlarms);
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nFalse alarms: roads %d in %.0f road-weeks = %.2f per 100 road-weeks"
                                + " [%.2f, %.2f]; townships %d in %.0f township-weeks = %.2f per"
                                + " 100 township-weeks [%.2f, %.2f]%n",
                        sc.roadFalseAlarms,
                        sc.roadWeeks,
                        100 * sc.roadFalseAlarms / sc.roadWeeks,
                        100 * rf[0] / sc.roadWeeks,
                        100 * rf[1] / sc.roadWeeks,
                        sc.townshipFalseAlarms,
                        sc.townshipWeeks,
                        100 * sc.townshipFalseAlarms / sc.townshipWeeks,
                        100 * tf[0] / sc.townshipWeeks,
                        100 * tf[1] / sc.townshipWeeks));
        double[] wf = AlertScore.poisson(sc.warmUpFalseAlarms);
        b.append(
                String.format(
                        Locale.ROOT,
                        "In the warm-up weeks (baselines of 0 to 6 days, no incidents): %d alerts in"
                                + " %.0f road- and township-weeks = %.2f per 100 [%.2f, %.2f]%n%n",
                        sc.warmUpFalseAlarms,
                        sc.warmUpKeyWeeks,
                        100 * sc.warmUpFalseAlarms / sc.warmUpKeyWeeks,
                        100 * wf[0] / sc.warmUpKeyWeeks,
                        100 * wf[1] / sc.warmUpKeyWeeks));
        b.append(
                "| road | inspections an hour | violation rate | ×3, 2 h: detected [95% CI] |"
                        + " limit | median hours to detect |\n");
        b.append("|---|---:|---:|---|---:|---:|\n");
        for (Map.Entry<String, long[]> e : sc.roadVolumes.entrySet()) {
            String road = e.getKey();
            long[] v = e.getValue();
            Predicate<Incident> p = i -> i.road().equals(road) && i.factor() == 3 && i.hours() == 2;
            List<Outcome> os = select(sc.roads, p);
            long lim = 0;
            for (int j = 0; j < sc.roads.size(); j++) {
                if (p.test(sc.roads.get(j).incident()) && sc.limit.get(j)) {
                    lim++;
                }
            }
            long k = os.stream().filter(Outcome::detected).count();
            double[] ci = AlertScore.wilson(k, os.size());
            b.append(
                    String.format(
                            Locale.ROOT,
                            "| %s | %.1f | %.1f%% | %d of %d = %.0f%% [%.0f, %.0f] | %.0f%% | %s |%n",
                            road,
                            (double) v[0] / v[2],
                            100.0 * v[1] / v[0],
                            k,
                            os.size(),
                            os.isEmpty() ? 0 : 100.0 * k / os.size(),
                            100 * ci[0],
                            100 * ci[1],
                            os.isEmpty() ? 0 : 100.0 * lim / os.size(),
                            hours(AlertScore.quantile(os, 0.5))));
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String name, AlertScore sc, Predicate<Incident> p) {
        List<Outcome> os = select(sc.roads, p);
        long lim = 0;
        for (int j = 0; j < sc.roads.size(); j++) {
            if (p.test(sc.roads.get(j).incident()) && sc.limit.get(j)) {
                lim++;
            }
        }
        List<Outcome> ts = select(sc.townships, p);
        long k = os.stream().filter(Outcome::detected).count();
        long early = os.stream().filter(Outcome::resolvedEarly).count();
        long kt = ts.stream().filter(Outcome::detected).count();
        double[] ci = AlertScore.wilson(k, os.size());
        b.append(
                String.format(
                        Locale.ROOT,
                        "| %s | %d | %.0f%% [%.0f, %.0f] | %.0f%% | %s / %s | %s | %.0f%% |%n",
                        name,
                        os.size(),
                        100.0 * k / os.size(),
                        100 * ci[0],
                        100 * ci[1],
                        100.0 * lim / os.size(),
                        hours(AlertScore.quantile(os, 0.5)),
                        hours(AlertScore.quantile(os, 0.9)),
                        k == 0 ? "–" : String.format(Locale.ROOT, "%.0f%%", 100.0 * early / k),
                        100.0 * kt / ts.size()));
    }

    private static String hours(int h) {
        return h < 0 ? "–" : Integer.toString(h);
    }

    private static String trim(double f) {
        return f == Math.rint(f) ? Long.toString((long) f) : Double.toString(f);
    }

    private static List<Outcome> select(List<Outcome> os, Predicate<Incident> p) {
        List<Outcome> out = new ArrayList<>();
        for (Outcome o : os) {
            if (p.test(o.incident())) {
                out.add(o);
            }
        }
        return out;
    }
}
