package org.dustwatch.jobs.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The spike test's numerics against values computed elsewhere: the beta-binomial tails by a direct
 * sum of the mass function with Python's math.lgamma, the normal quantiles by SciPy's norm.isf.
 */
class SpikeStatsTest {

    @Test
    void betaBinomialUpperTails() {
        assertThat(SpikeStats.upperTail(3, 8, 30.5, 130.5))
                .isCloseTo(0.18454759338790552, withinPercentage(1e-9));
        assertThat(SpikeStats.upperTail(12, 15, 14.5, 56.5))
                .isCloseTo(1.3935925325542709e-05, withinPercentage(1e-8));
        assertThat(SpikeStats.upperTail(60, 100, 180.5, 720.5))
                .isCloseTo(2.9800675142290823e-16, withinPercentage(1e-6));
        // Beta(2, 3) over 10 draws: a rational, 0.40559440559440...
        assertThat(SpikeStats.upperTail(5, 10, 2, 3))
                .isCloseTo(0.40559440559440424, withinPercentage(1e-9));
        assertThat(SpikeStats.upperTail(0, 10, 2, 3)).isEqualTo(1.0);
        assertThat(SpikeStats.upperTail(11, 10, 2, 3)).isEqualTo(0.0);
    }

    @Test
    void zEquivalentsOfTailProbabilities() {
        Offset<Double> close = Offset.offset(1e-7);
        assertThat(SpikeStats.zOf(0.5)).isCloseTo(0.0, close);
        assertThat(SpikeStats.zOf(0.1)).isCloseTo(1.2815515655446004, close);
        assertThat(SpikeStats.zOf(1e-3)).isCloseTo(3.090232306167813, close);
        assertThat(SpikeStats.zOf(1e-6)).isCloseTo(4.753424308822899, close);
        assertThat(SpikeStats.zOf(1e-12)).isCloseTo(7.034483825301131, close);
        assertThat(SpikeStats.zOf(1e-100)).isCloseTo(21.273453560965322, Offset.offset(1e-6));
        assertThat(SpikeStats.zOf(1.0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
