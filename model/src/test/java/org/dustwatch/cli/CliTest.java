package org.dustwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class CliTest {

    @Command(name = "sample")
    static final class Sample implements Callable<Integer> {
        @Mixin Cli.Help help;

        @Option(names = "--events")
        long events = 5;

        @Option(names = "--span")
        Duration span = Duration.ofHours(2);

        @Option(names = "--fail")
        boolean fail;

        long seen;

        @Override
        public Integer call() {
            if (fail) {
                throw new Cli.Failure("no Kafka broker answers at 127.0.0.1:1");
            }
            seen = Cli.range("--events", events, 0, 10_000);
            return 0;
        }
    }

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(Sample s, String... args) {
        out.reset();
        err.reset();
        return Cli.run(
                s,
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parsesSpaceAndEqualsFormsAndUnderscoresInNumbers() {
        Sample s = new Sample();
        assertThat(run(s, "--events", "1_000", "--span=PT3H")).isZero();
        assertThat(s.seen).isEqualTo(1000);
        assertThat(s.span).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void everyMistakeIsOneLineNamingTheCommandAndExitsTwo() {
        assertThat(run(new Sample(), "--evnts")).isEqualTo(2);
        assertThat(err()).startsWith("dustwatch sample: Unknown option: '--evnts'").hasLineCount(1);
        assertThat(err()).contains("did you mean --events?").endsWith("(see --help)\n");

        assertThat(run(new Sample(), "--events", "many")).isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "dustwatch sample: Invalid value for option '--events': 'many' is not a"
                                + " whole number (see --help)\n");

        assertThat(run(new Sample(), "--span", "two hours")).isEqualTo(2);
        assertThat(err()).contains("'two hours' is not an ISO-8601 duration").hasLineCount(1);

        assertThat(run(new Sample(), "--events", "99999")).isEqualTo(2);
        assertThat(err())
                .isEqualTo("dustwatch sample: --events must be in [0, 10000], was 99999\n");

        assertThat(run(new Sample(), "--events")).isEqualTo(2);
        assertThat(err()).hasLineCount(1);
    }

    @Test
    void aFailureIsOneLineAndExitsOne() {
        assertThat(run(new Sample(), "--fail")).isEqualTo(1);
        assertThat(err()).isEqualTo("dustwatch sample: no Kafka broker answers at 127.0.0.1:1\n");
    }

    @Test
    void helpExitsZero() {
        assertThat(run(new Sample(), "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: dustwatch sample")
                .contains("--events=<events>");
        assertThat(err()).isEmpty();
    }
}
