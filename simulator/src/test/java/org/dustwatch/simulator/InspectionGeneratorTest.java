package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.Test;

class InspectionGeneratorTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    static List<SimEvent> generate(long seed, long n, double badRate) {
        List<SimEvent> out = new ArrayList<>();
        new InspectionGenerator(
                        ReferenceData.bundled(), seed, START, Duration.ofHours(1), n, badRate)
                .forEachRemaining(out::add);
        return out;
    }

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedDifferentOnes() {
        assertThat(generate(7, 500, 0.05)).isEqualTo(generate(7, 500, 0.05));
        assertThat(generate(7, 500, 0.05)).isNotEqualTo(generate(8, 500, 0.05));
    }

    @Test
    void goodEventsDecodeAndBadOnesAreRejectedAtTheRequestedRate() {
        InspectionDecoder decoder =
                new InspectionDecoder(
                        ReferenceData.bundled(),
                        DecoderOptions.defaults(),
                        Clock.fixed(START.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        List<SimEvent> events = generate(3, 20_000, 0.02);

        long rejected =
                events.stream()
                        .map(e -> decoder.decode(e.value().getBytes(StandardCharsets.UTF_8)))
                        .filter(d -> d instanceof Decoded.Rejected)
                        .count();

        assertThat(events).hasSize(20_000);
        // 2% of 20,000 = 400; binomial sd ~ 20, so 5 sd either side.
        assertThat(rejected).isBetween(300L, 500L);
        assertThat(events.get(0).value()).contains("\"ts\":\"2026-11-20T08:00:00.000+08:00\"");
    }
}
