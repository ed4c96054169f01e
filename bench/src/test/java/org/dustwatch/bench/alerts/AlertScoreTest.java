package org.dustwatch.bench.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.dustwatch.bench.alerts.AlertWorkload.Incident;
import org.dustwatch.jobs.functions.alerts.HourlySeries;
import org.dustwatch.jobs.functions.alerts.SpikeCore;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's matching rule and intervals; expected intervals from SciPy (binom.sf, chi2.ppf)
 * and the Wilson formula by hand.
 */
class AlertScoreTest {

    static final long H = SpikeCore.HOUR;

    static HourlySeries.Event open(int hour, int windowFrom) {
        var w = new SpikeCore.Window(windowFrom * H, (hour + 1) * H, 10, 8, 100, 20, 5.0);
        return new HourlySeries.Event(hour, new SpikeCore.Change(true, windowFrom * H, false, w));
    }

    static HourlySeries.Event resolved(int hour) {
        var w = new SpikeCore.Window((hour - 2) * H, (hour + 1) * H, 30, 6, 300, 60, 0.0);
        return new HourlySeries.Event(hour, new SpikeCore.Change(false, 0, false, w));
    }

    @Test
    void anAlertMatchesAnIncidentWhenItsWindowOverlapsTheIncidentsHours() {
        Incident i = new Incident("G107", 100, 2, 3, true); // hours 100 and 101
        Set<String> m = new TreeSet<>();
        // opened at hour 101 on a window from 100: detected, 2 hours from the start
        var o = AlertScore.outcome(i, List.of(open(101, 100), resolved(104)), 0, "road|G107", m);
        assertThat(o.detected()).isTrue();
        assertThat(o.hoursToDetect()).isEqualTo(2);
        assertThat(o.resolvedEarly()).isFalse();
        assertThat(m).containsExactly("road|G107@101");
        // a window of hours 102-104 that opened at 104 does not overlap: missed
        assertThat(AlertScore.outcome(i, List.of(open(104, 102)), 0, "k", m).detected()).isFalse();
        // a window of hours 99-101 judged at 101 does; one opened before the incident does not
        assertThat(AlertScore.outcome(i, List.of(open(101, 99)), 0, "k", m).detected()).isTrue();
        assertThat(AlertScore.outcome(i, List.of(open(99, 99)), 0, "k", m).detected()).isFalse();
        // resolved at hour 101, whose end is the incident's end: before it ended
        assertThat(
                        AlertScore.outcome(i, List.of(open(100, 100), resolved(101)), 0, "k", m)
                                .resolvedEarly())
                .isTrue();
    }

    @Test
    void intervalsAndTheLimitsTail() {
        double[] w = AlertScore.wilson(5, 10);
        assertThat(w[0]).isCloseTo(0.2366, within(1e-4));
        assertThat(w[1]).isCloseTo(0.7634, within(1e-4));
        double[] p13 = AlertScore.poisson(13);
        assertThat(p13[0]).isCloseTo(6.92195, within(0.07));
        assertThat(p13[1]).isCloseTo(22.2304, within(0.22));
        assertThat(AlertScore.poisson(0)[1]).isCloseTo(3.68888, within(0.04));
        assertThat(AlertScore.binomialUpper(7, 16, 0.19)).isCloseTo(0.0204016, within(1e-7));
    }
}
