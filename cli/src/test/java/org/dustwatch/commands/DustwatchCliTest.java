package org.dustwatch.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dustwatch.stack.Ports;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The root command: every command's --help and bad input, the version, the one-line failures. */
class DustwatchCliTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        out.reset();
        err.reset();
        return DustwatchCli.commandLine(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Every command by its words: [setup], [stack], [stack, start], ..., [bench, simulator]. */
    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(DustwatchCli.commandLine(System.out, System.err), List.of(), all);
        return all;
    }

    private static void walk(CommandLine cl, List<String> words, List<List<String>> all) {
        for (Map.Entry<String, CommandLine> e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help") || e.getKey().equals("generate-completion")) {
                continue;
            }
            List<String> w = new ArrayList<>(words);
            w.add(e.getKey());
            all.add(w);
            walk(e.getValue(), w, all);
        }
    }

    @Test
    void theCommandsAreTheIssuesList() {
        assertThat(commands().stream().map(w -> String.join(" ", w)))
                .containsExactly(
                        "setup",
                        "stack",
                        "stack start",
                        "stack stop",
                        "stack status",
                        "simulate",
                        "replay",
                        "run",
                        "recompute",
                        "report",
                        "campaign-report",
                        "aqi",
                        "bench",
                        "bench simulator",
                        "bench alerts",
                        "bench report",
                        "demo");
    }

    @Test
    void everyCommandsHelpExitsZero() {
        for (List<String> words : commands()) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isZero();
            assertThat(out())
                    .as("%s", args)
                    .startsWith("Usage: dustwatch " + String.join(" ", words));
            assertThat(err()).as("%s", args).isEmpty();
        }
    }

    @Test
    void everyCommandRefusesAnUnknownOptionInOneLineWithExitTwo() {
        for (List<String> words : commands()) {
            List<String> args = new ArrayList<>(words);
            if (words.equals(List.of("replay"))) {
                args.addAll(List.of("events.jsonl", "--topic", "readings")); // what it requires
            }
            if (words.equals(List.of("recompute"))) {
                args.addAll(List.of("--from", "2026-11-01", "--to", "2026-11-30"));
            }
            args.add("--no-such-option");
            assertThat(run(args.toArray(String[]::new))).as("%s", args).isEqualTo(2);
            assertThat(err())
                    .as("%s", args)
                    .startsWith("dustwatch " + String.join(" ", words) + ": ")
                    .contains("no-such-option")
                    .hasLineCount(1);
            assertThat(out()).as("%s", args).isEmpty();
        }
    }

    @Test
    void anUnknownCommandIsOneLineWithASuggestion() {
        assertThat(run("runn")).isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "dustwatch: Unmatched argument at index 0: 'runn'; did you mean run?"
                                + " (see --help)\n");
    }

    @Test
    void versionIsTheMavenProjectVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out()).matches("dustwatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void withoutACommandItListsThem() {
        assertThat(run()).isZero();
        assertThat(out())
                .contains("Commands:")
                .contains("  demo ")
                .contains("source <(bin/dustwatch generate-completion)");
        assertThat(out()).doesNotContain("generate-completion  ");
    }

    @Test
    void completionIsABashScriptForEveryCommand() {
        assertThat(run("generate-completion")).isZero();
        assertThat(out())
                .contains("complete -F _complete_dustwatch")
                .contains("simulator")
                .contains("--keep-running");
    }

    @Test
    void noInfluxDbAtAClosedPortIsOneLineWithTheUrlTried() {
        String url = "http://127.0.0.1:" + Ports.free();

        assertThat(run("report", "--influx-url", url)).isEqualTo(1);

        assertThat(err())
                .isEqualTo(
                        "dustwatch report: no InfluxDB answers at "
                                + url
                                + " (from --influx-url)\n");
    }
}
