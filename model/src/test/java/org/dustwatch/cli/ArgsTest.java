package org.dustwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArgsTest {

    static Args parse(String... argv) {
        return Args.parse(argv, Set.of("events", "out"), Set.of("bounded"));
    }

    @Test
    void parsesSpaceAndEqualsFormsFlagsAndPositionals() {
        Args a = parse("start", "--events", "1_000", "--out=x.jsonl", "--bounded", "more");

        assertThat(a.positional()).isEqualTo(List.of("start", "more"));
        assertThat(a.longValue("events", 5, 0, 10_000)).isEqualTo(1000);
        assertThat(a.path("out")).isEqualTo(Path.of("x.jsonl"));
        assertThat(a.flag("bounded")).isTrue();
        assertThat(a.help()).isFalse();
        assertThat(parse("-h").help()).isTrue();
        assertThat(parse().longValue("events", 5, 0, 10)).isEqualTo(5);
    }

    @Test
    void everyMistakeIsAOneLineUsageError() {
        assertThatThrownBy(() -> parse("--evnts", "3"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option --evnts (see --help)");
        assertThatThrownBy(() -> parse("--events")).hasMessage("--events needs a value");
        assertThatThrownBy(() -> parse("--bounded=yes")).hasMessage("--bounded takes no value");
        assertThatThrownBy(() -> parse("--events", "many").longValue("events", 1, 0, 9))
                .hasMessage("--events must be a whole number, was 'many'");
        assertThatThrownBy(() -> parse("--events", "99").longValue("events", 1, 0, 9))
                .hasMessage("--events must be in [0, 9], was 99");
    }
}
