package org.dustwatch.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/dustwatch demo} as the README promises it: a fresh stack of its own (a real broker and
 * influxd), a simulated week of the bundled district at its real volume with one violation spike
 * and one pollution episode, the job, what landed, and the campaign report of the week, whose path
 * and headline it prints. The headline's figures are checked against the simulator's ground truth
 * (the report's exactness is {@code CampaignReportIT}'s); the injected spike and episode must each
 * have raised an alert in the report.
 */
class DemoIT {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir Path home;

    @Test
    void theDemoSimulatesAWeekAndEndsWithItsCampaignReport() throws Exception {
        String before = System.getProperty("dustwatch.home");
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        long t0 = System.nanoTime();
        LocalDate firstBefore = LocalDate.now(ZONE).minusDays(7);
        try {
            System.setProperty("dustwatch.home", home.toString());
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = DustwatchCli.commandLine(System.out, System.err).execute("demo");
        } finally {
            System.setOut(stdout);
            if (before == null) {
                System.clearProperty("dustwatch.home");
            } else {
                System.setProperty("dustwatch.home", before);
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String out = captured.toString(StandardCharsets.UTF_8);
        System.out.println(out);
        System.out.printf("the demo took %d s%n", took.toSeconds());
        assertThat(exit).as("the demo's exit status").isZero();
        // the seven whole local days before the day it ran (a midnight may pass while it runs)
        LocalDate first =
                out.contains("campaign-report-" + firstBefore + "_")
                        ? firstBefore
                        : LocalDate.now(ZONE).minusDays(7);
        LocalDate last = first.plusDays(6);

        // The report's path, then its headline, after the step that announces them.
        List<String> lines = out.lines().toList();
        int step =
                lines.indexOf(
                        "==> The campaign report of the week (bin/dustwatch campaign-report;"
                                + " docs/report.md)");
        assertThat(step).as("the report step in:%n%s", out).isNotNegative();
        Path dir =
                home.resolve("demo")
                        .resolve("reports")
                        .resolve("campaign-report-" + first + "_" + last);
        assertThat(lines.get(step + 1)).isEqualTo(dir.resolve("report.html").toString());
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        assertThat(dir.resolve("report.md")).isNotEmptyFile();
        String headline = lines.get(step + 2);
        Matcher m =
                Pattern.compile(
                                "^"
                                        + chinese(first)
                                        + "至"
                                        + chinese(last)
                                        + "，共检查过往车辆([0-9,]+)辆，查处遗撒飘散行为([0-9,]+)起，行政罚款[0-9.,万]+元。$")
                        .matcher(headline);
        assertThat(m.matches()).as("the headline: %s", headline).isTrue();
        long vehicles = Long.parseLong(m.group(1).replace(",", ""));
        long spillages = Long.parseLong(m.group(2).replace(",", ""));

        // The simulator's truth counts every inspection it generated, the ones it then corrupted
        // into bad records too; the report counts the valid ones. So the headline lies between.
        JsonNode truth =
                new ObjectMapper().readTree(home.resolve("demo/simulation-truth.json").toFile());
        long generated = 0, spilled = 0, bad = 0;
        for (JsonNode c : truth.path("cargo")) {
            generated += c.get(0).asLong();
            spilled += c.get(5).asLong();
        }
        for (JsonNode b : truth.path("badRecords")) {
            bad += b.asLong();
        }
        assertThat(generated).isBetween(14_000L, 16_000L);
        assertThat(vehicles).isBetween(generated - bad, generated - 1);
        assertThat(spillages).isBetween(spilled - bad, spilled);

        // The injected spike and episode raised their alerts, during them.
        JsonNode spike = truth.path("spikes").get(0), episode = truth.path("episodes").get(0);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        List<String> raised = new ArrayList<>();
        for (JsonNode a : report.path("current").path("alerts").path("list")) {
            raised.add(
                    a.path("kind").asText()
                            + " "
                            + a.path("subject").asText()
                            + " "
                            + a.path("opened").asText());
        }
        assertThat(raised)
                .as("a spike alert on %s during it", spike.path("road").asText())
                .anyMatch(
                        a ->
                                opensDuring(
                                        a,
                                        "violation_spike " + spike.path("road").asText(),
                                        spike));
        assertThat(raised)
                .as("an episode alert in %s during it", episode.path("township").asText())
                .anyMatch(
                        a ->
                                opensDuring(
                                        a,
                                        "pollution_episode " + episode.path("township").asText(),
                                        episode));
    }

    /** {@code 2026年11月25日}: the report's date, written independently of its formatter. */
    static String chinese(LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
    }

    /** Whether the alert {@code "kind subject opened"} is of that kind and subject, within it. */
    static boolean opensDuring(String alert, String kindAndSubject, JsonNode injected) {
        if (!alert.startsWith(kindAndSubject + " ")) {
            return false;
        }
        Instant opened = Instant.parse(alert.substring(kindAndSubject.length() + 1));
        Instant from = Instant.parse(injected.path("from").asText());
        Instant to = from.plus(Duration.parse(injected.path("duration").asText()));
        return !opened.isBefore(from) && opened.isBefore(to);
    }
}
