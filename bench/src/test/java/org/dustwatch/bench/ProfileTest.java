package org.dustwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code bench --profile} sums async-profiler's samples per part of the job. */
class ProfileTest {

    @Test
    void threadsAreCountedToTheTaskTheJvmOrTheRuntime() {
        assertThat(
                        Profile.part(
                                "inspections-dedup -> (checkpoint-1m -> checkpoint-1h,"
                                        + " violations-with-plate) (2/2)#0 tid=4711"))
                .isEqualTo("task: inspections-dedup + 3 chained");
        assertThat(Profile.part("township-1m (1/1)#0 tid=12")).isEqualTo("task: township-1m");
        assertThat(
                        Profile.part(
                                "Source Data Fetcher for Source: readings -> readings-validate"
                                        + " (1/1)#0 tid=9"))
                .isEqualTo("Kafka fetcher of readings");
        assertThat(Profile.part("C2 CompilerThre tid=20")).isEqualTo("JIT compiler (C1, C2)");
        assertThat(Profile.part("GC Thread#1 tid=21")).isEqualTo("garbage collector");
        assertThat(Profile.part("G1 Refine#0 tid=22")).isEqualTo("garbage collector");
        assertThat(Profile.part("OutputFlusher for township-1m (1/1)#0 tid=23"))
                .isEqualTo("other threads (Flink runtime, bench)");
        assertThat(Profile.part("flink-pekko.actor.default-dispatcher-5 tid=24"))
                .isEqualTo("other threads (Flink runtime, bench)");
    }

    @Test
    void partsSumTheSubtasksOfATaskAndAreSortedByShare() {
        String collapsed =
                """
                [township-1m (1/2)#0 tid=1];start;run 30
                [township-1m (2/2)#0 tid=2];start;run 10
                [C2 CompilerThre tid=3];start_thread;compile 50
                [main tid=4];main 10
                """;
        List<Profile.Part> parts = Profile.parts(collapsed);

        assertThat(parts)
                .extracting(Profile.Part::name)
                .containsExactly(
                        "JIT compiler (C1, C2)",
                        "task: township-1m",
                        "other threads (Flink runtime, bench)");
        assertThat(parts).extracting(Profile.Part::samples).containsExactly(50L, 40L, 10L);
        assertThat(parts.get(1).share()).isEqualTo(0.4);
    }
}
