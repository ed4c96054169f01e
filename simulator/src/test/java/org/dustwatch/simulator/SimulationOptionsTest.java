package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The withers change what they name and keep every other option, each written out here. */
class SimulationOptionsTest {

    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    /** Every option differs from the defaults and from the values the withers set below. */
    static final SimulationOptions BASE =
            new SimulationOptions(
                    7,
                    START,
                    Duration.ofDays(2),
                    30,
                    Duration.ofMinutes(10),
                    0.1,
                    0.2,
                    Duration.ofSeconds(40),
                    0.3,
                    Duration.ofMinutes(25),
                    0.4,
                    0.5,
                    0.6,
                    0.7,
                    SimulationOptions.defaultFines(),
                    new Scenario(
                            List.of(
                                    new Scenario.Spike(
                                            "Kuangqu Road", START, Duration.ofHours(2), 5.0)),
                            List.of()),
                    Set.of("AQ-04"));

    @Test
    void eachWitherChangesOnlyItsOwnOptions() {
        assertThat(BASE.withSpan(Duration.ofDays(3)))
                .isEqualTo(
                        new SimulationOptions(
                                7,
                                START,
                                Duration.ofDays(3),
                                30,
                                Duration.ofMinutes(10),
                                0.1,
                                0.2,
                                Duration.ofSeconds(40),
                                0.3,
                                Duration.ofMinutes(25),
                                0.4,
                                0.5,
                                0.6,
                                0.7,
                                SimulationOptions.defaultFines(),
                                BASE.scenario(),
                                Set.of("AQ-04")));
        assertThat(BASE.withDeliveryFaults(0.01, 0.02, 0.03, 0.04))
                .isEqualTo(
                        new SimulationOptions(
                                7,
                                START,
                                Duration.ofDays(2),
                                30,
                                Duration.ofMinutes(10),
                                0.01,
                                0.02,
                                Duration.ofSeconds(40),
                                0.03,
                                Duration.ofMinutes(25),
                                0.04,
                                0.5,
                                0.6,
                                0.7,
                                SimulationOptions.defaultFines(),
                                BASE.scenario(),
                                Set.of("AQ-04")));
        assertThat(BASE.withLateDelay(Duration.ofMinutes(20)))
                .isEqualTo(
                        new SimulationOptions(
                                7,
                                START,
                                Duration.ofDays(2),
                                30,
                                Duration.ofMinutes(10),
                                0.1,
                                0.2,
                                Duration.ofSeconds(40),
                                0.3,
                                Duration.ofMinutes(20),
                                0.4,
                                0.5,
                                0.6,
                                0.7,
                                SimulationOptions.defaultFines(),
                                BASE.scenario(),
                                Set.of("AQ-04")));
        assertThat(BASE.withStationFaults(0.05, 0.06, 0.07))
                .isEqualTo(
                        new SimulationOptions(
                                7,
                                START,
                                Duration.ofDays(2),
                                30,
                                Duration.ofMinutes(10),
                                0.1,
                                0.2,
                                Duration.ofSeconds(40),
                                0.3,
                                Duration.ofMinutes(25),
                                0.4,
                                0.05,
                                0.06,
                                0.07,
                                SimulationOptions.defaultFines(),
                                BASE.scenario(),
                                Set.of("AQ-04")));
        assertThat(BASE.withScenario(Scenario.none()))
                .isEqualTo(
                        new SimulationOptions(
                                7,
                                START,
                                Duration.ofDays(2),
                                30,
                                Duration.ofMinutes(10),
                                0.1,
                                0.2,
                                Duration.ofSeconds(40),
                                0.3,
                                Duration.ofMinutes(25),
                                0.4,
                                0.5,
                                0.6,
                                0.7,
                                SimulationOptions.defaultFines(),
                                Scenario.none(),
                                Set.of("AQ-04")));
    }

    @Test
    void aWitherStillChecksItsRates() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> BASE.withDeliveryFaults(0, 0, 1.5, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rates must be in [0, 1]");
    }
}
