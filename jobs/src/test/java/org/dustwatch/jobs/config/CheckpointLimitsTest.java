package org.dustwatch.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class CheckpointLimitsTest {

    static DustwatchConfig config(Map<String, String> flags) throws Exception {
        return DustwatchConfig.load(flags, Map.of());
    }

    @Test
    void setsTheTimeoutAndTheTolerableFailuresFromTheDefaults() throws Exception {
        Configuration flink = new Configuration();
        CheckpointLimits.apply(config(Map.of()), flink);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(flink.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(3);
    }

    @Test
    void takesTheSettings() throws Exception {
        Configuration flink = new Configuration();
        CheckpointLimits.apply(
                config(
                        Map.of(
                                "pipeline.checkpoint-timeout", "2 min",
                                "pipeline.tolerable-checkpoint-failures", "0",
                                "influx.request-timeout", "10 s",
                                "influx.backoff-max", "1 min")),
                flink);
        assertThat(flink.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(flink.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isZero();
    }

    @Test
    void refusesASinkThatCouldHoldACheckpointPastItsTimeout() throws Exception {
        DustwatchConfig c =
                config(
                        Map.of(
                                "pipeline.checkpoint-timeout", "1 min",
                                "influx.request-timeout", "30 s",
                                "influx.backoff-max", "30 s"));
        assertThatThrownBy(() -> CheckpointLimits.apply(c, new Configuration()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(
                        "influx.request-timeout (PT30S) + influx.backoff-max (PT30S) = PT1M must be"
                                + " below pipeline.checkpoint-timeout (PT1M)");
    }

    @Test
    void refusesNonsense() throws Exception {
        assertThatThrownBy(
                        () ->
                                CheckpointLimits.apply(
                                        config(
                                                Map.of(
                                                        "pipeline.tolerable-checkpoint-failures",
                                                        "-1")),
                                        new Configuration()))
                .hasMessageContaining("tolerable-checkpoint-failures must be 0 or more");
    }
}
