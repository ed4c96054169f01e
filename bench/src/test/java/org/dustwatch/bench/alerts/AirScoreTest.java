package org.dustwatch.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.dustwatch.bench.alerts.AirScore.EpisodeOutcome;
import org.dustwatch.bench.alerts.AirScore.OutageOutcome;
import org.dustwatch.bench.alerts.AirWorkload.Alert;
import org.dustwatch.bench.alerts.AirWorkload.Episode;
import org.dustwatch.bench.alerts.AirWorkload.Outage;
import org.junit.jupiter.api.Test;

/**
 * The matching rules of {@link AirScore} on hand-made alerts, with the outcomes worked out by hand
 * from the rules in its javadoc (and docs/alerts.md).
 */
class AirScoreTest {

    static final long H = 3_600_000L;
    static final long MIN = 60_000L;
    static final long T0 = AlertWorkload.START.toEpochMilli();

    /** Hour index i as epoch ms. */
    static long h(int i) {
        return T0 + i * H;
    }

    static Alert episodeOpen(String township, int hour) {
        return new Alert(AirScore.EPISODE, township, h(hour), h(hour + 1), true);
    }

    static Alert episodeRise(String township, int hour) {
        return new Alert(AirScore.EPISODE, township, h(hour), h(hour + 1), true, true);
    }

    static Alert episodeResolve(String township, int hour) {
        return new Alert(AirScore.EPISODE, township, h(hour), h(hour + 1), false);
    }

    /** An episode in Xihe from hour 10 for 4 hours: hours 10, 11, 12 and 13. */
    static final Episode XIHE = new Episode("Xihe", 10, 4, 2, false);

    @Test
    void anAlertOpenedDuringAnEpisodeDetectsItFromItsStartToTheEndOfTheOpeningHour() {
        // opened by hour 11 (decided at its end, 12:00): 2 hours after the episode began at 10;
        // resolved by hour 13, which ends at 14, the episode's end: resolved before it ended
        List<Alert> alerts = List.of(episodeOpen("Xihe", 11), episodeResolve("Xihe", 13));
        Set<Integer> matched = new TreeSet<>();
        EpisodeOutcome o = AirScore.episode(XIHE, alerts, matched);
        assertThat(o.detected()).isTrue();
        assertThat(o.alreadyOpen()).isFalse();
        assertThat(o.hoursToDetect()).isEqualTo(2);
        assertThat(o.resolvedEarly()).isTrue();
        assertThat(o.byRise()).isFalse();
        assertThat(matched).containsExactly(0);
        // the same opened by the rise says so
        List<Alert> rise = List.of(episodeRise("Xihe", 11), episodeResolve("Xihe", 13));
        assertThat(AirScore.episode(XIHE, rise, new TreeSet<>()).byRise()).isTrue();
    }

    @Test
    void aResolveByTheHourAfterTheEpisodeIsNotEarly() {
        List<Alert> alerts = List.of(episodeOpen("Xihe", 10), episodeResolve("Xihe", 14));
        EpisodeOutcome o = AirScore.episode(XIHE, alerts, new TreeSet<>());
        assertThat(o.detected()).isTrue();
        assertThat(o.hoursToDetect()).isEqualTo(1);
        assertThat(o.resolvedEarly()).isFalse();
    }

    @Test
    void anotherTownshipOrAnHourOutsideTheEpisodeDoesNotDetectIt() {
        // Beiling during the episode; Xihe by hour 14, the first after it; Xihe by hour 9
        // (resolved by hour 10: the episode's first hour was clean, so it did not stay open)
        List<Alert> alerts =
                List.of(
                        episodeOpen("Beiling", 11),
                        episodeOpen("Xihe", 9),
                        episodeResolve("Xihe", 10),
                        episodeOpen("Xihe", 14));
        Set<Integer> matched = new TreeSet<>();
        EpisodeOutcome o = AirScore.episode(XIHE, alerts, matched);
        assertThat(o.detected()).isFalse();
        assertThat(o.hoursToDetect()).isEqualTo(-1);
        assertThat(matched).isEmpty();
    }

    @Test
    void anAlertOpenBeforeTheEpisodeThatOutlastsItsFirstHourCountsAsAlreadyOpen() {
        // opened by hour 8, resolved by hour 11: open through hours 8, 9, 10
        List<Alert> alerts = List.of(episodeOpen("Xihe", 8), episodeResolve("Xihe", 11));
        Set<Integer> matched = new TreeSet<>();
        EpisodeOutcome o = AirScore.episode(XIHE, alerts, matched);
        assertThat(o.detected()).isTrue();
        assertThat(o.alreadyOpen()).isTrue();
        assertThat(o.hoursToDetect()).isEqualTo(-1);
        assertThat(o.resolvedEarly()).isTrue(); // hour 11 ends at 12, before 14
        assertThat(matched).as("it was opened outside the episode: not its alert").isEmpty();
    }

    static Alert silent(String station, long lastEnd, long silenceMs) {
        return new Alert(AirScore.SILENT, station, lastEnd, lastEnd + silenceMs, true);
    }

    static Alert back(String station, long lastEnd, long minuteStart) {
        return new Alert(AirScore.SILENT, station, minuteStart, minuteStart + MIN, false);
    }

    @Test
    void theGapIsTheLongestOneInTheDataThatOverlapsTheOutage() {
        long t = h(5);
        Outage o = new Outage("AQ-05", t, t + 40 * MIN);
        // a five-minute station: its last period before the outage ends at t (minute t-1), its
        // first after it is t+40..t+45 (minute t+44): a gap from t to t+44
        long[] plain = {t - 6 * MIN, t - MIN, t + 44 * MIN, t + 49 * MIN};
        assertThat(AirScore.gap(plain, o)).containsExactly(t, t + 44 * MIN);
        // a split feed: the gas analyser's message of the period before is stamped a second
        // late, so its minute is t; the gap runs from t+1 to t+44
        long[] split = {t - MIN, t, t + 44 * MIN, t + 45 * MIN};
        assertThat(AirScore.gap(split, o)).containsExactly(t + MIN, t + 44 * MIN);
        // nothing after the outage: left out
        assertThat(AirScore.gap(new long[] {t - MIN}, o)).isNull();
    }

    @Test
    void aSilenceOverlappingTheOutageDetectsIt() {
        long t = h(5);
        Outage o = new Outage("AQ-05", t, t + 40 * MIN);
        List<Alert> alerts =
                List.of(
                        silent("AQ-06", t, 30 * MIN), // another station
                        silent("AQ-05", t, 30 * MIN),
                        back("AQ-05", t, t + 44 * MIN));
        Set<Integer> matched = new TreeSet<>();
        OutageOutcome out = AirScore.outage(o, 300_000, true, alerts, matched);
        assertThat(out.detected()).isTrue();
        assertThat(out.minutesToDetect()).isEqualTo(30);
        assertThat(out.resolvedEarly()).as("back at t+44, after the outage's end").isFalse();
        assertThat(matched).containsExactly(1);
        // a reading in the outage's time, at t+35, would have resolved it early
        List<Alert> early = List.of(silent("AQ-05", t, 30 * MIN), back("AQ-05", t, t + 35 * MIN));
        assertThat(AirScore.outage(o, 300_000, true, early, new TreeSet<>()).resolvedEarly())
                .isTrue();
        // a silence that ended before the outage began is not its alert
        List<Alert> before = List.of(silent("AQ-05", t - 2 * H, 30 * MIN));
        assertThat(AirScore.outage(o, 300_000, true, before, new TreeSet<>()).detected()).isFalse();
    }

    @Test
    void aSeedsTalliesAndRates() {
        long t = h(30);
        // two weeks, two townships, two stations
        Map<String, Long> silence = Map.of("AQ-05", 30 * MIN, "AQ-08", 2 * H);
        Map<String, Long> period = Map.of("AQ-05", 5 * MIN, "AQ-08", H);
        // AQ-05 is out from t for 40 min (a gap of 44 min: within the rule, and found); AQ-08,
        // hourly, misses one reading (a gap of 2 h less a minute: outside the rule, not found);
        // AQ-05 is also reported silent at t+5h, where there is no outage and its data have no gap
        // starting then (a false alarm), and at t+45min, after its minute t+44: its data have a
        // gap from t+45 min to t+10h without an outage (refused readings, not a false alarm)
        List<Outage> outages =
                List.of(new Outage("AQ-05", t, t + 40 * MIN), new Outage("AQ-08", t, t + 50 * MIN));
        Map<String, long[]> minutes =
                Map.of(
                        "AQ-05", new long[] {t - MIN, t + 44 * MIN, t + 10 * H},
                        "AQ-08", new long[] {t - MIN, t + 2 * H - MIN});
        List<Alert> alerts =
                List.of(
                        episodeOpen("Xihe", 11), // the episode's
                        episodeOpen("Beiling", 20), // its township at level 4: haze
                        episodeOpen("Beiling", 40), // level 3: a false alarm
                        episodeOpen("Xihe", 50), // no report: a false alarm
                        silent("AQ-05", t, 30 * MIN),
                        back("AQ-05", t, t + 44 * MIN),
                        silent("AQ-05", t + 5 * H, 30 * MIN),
                        silent("AQ-05", t + 45 * MIN, 30 * MIN));
        Map<String, Map<Long, Integer>> levels =
                Map.of("Beiling", Map.of(h(20), 4, h(40), 3), "Xihe", Map.of(h(11), 3));
        AirScore sc = new AirScore();
        sc.add(
                new AirScore.Seed(7, 336, List.of(XIHE), outages, alerts, levels, minutes),
                2,
                4,
                silence,
                period);
        assertThat(sc.episodes).extracting(EpisodeOutcome::detected).containsExactly(true);
        assertThat(sc.hazeAlerts).isEqualTo(1);
        assertThat(sc.episodeFalseAlarms).isEqualTo(2);
        assertThat(sc.townshipWeeks).isCloseTo(4.0, within(1e-9));
        assertThat(sc.stationWeeks).isCloseTo(4.0, within(1e-9));
        assertThat(sc.outages)
                .extracting(OutageOutcome::withinRule, OutageOutcome::detected)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, false));
        assertThat(sc.silenceFalseAlarms).isEqualTo(1);
        assertThat(sc.refusedSilences).isEqualTo(1);
        assertThat(sc.falseAlarms).hasSize(3).allMatch(f -> f.startsWith("seed 7: "));
        assertThat(sc.censoredOutages).isZero();
    }
}
