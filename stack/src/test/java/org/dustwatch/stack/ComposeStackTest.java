package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of docker/ without a Docker engine: Compose validates the file, images are
 * pinned, services are commented and health-checked, and every file the stack mounts or copies
 * exists. Needs Debian's docker-compose (v1), which `bin/dustwatch test` installs.
 */
class ComposeStackTest {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DOCKER = ROOT.resolve("docker");
    static final Path COMPOSE = DOCKER.resolve("compose.yaml");

    @Test
    void composeValidatesTheFile() throws Exception {
        Process p =
                new ProcessBuilder(dockerCompose(), "-f", COMPOSE.toString(), "config", "-q")
                        .directory(DOCKER.toFile())
                        .redirectErrorStream(true)
                        .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("docker-compose config -q said: %s", out).isZero();
    }

    @Test
    void everyImageIsPinnedThroughAVersionVariableWithADefault() throws IOException {
        List<String> images = matches("(?m)^\\s+image:\\s*(\\S+)\\s*$", read(COMPOSE));

        assertThat(images).hasSizeGreaterThanOrEqualTo(8);
        for (String image : images) {
            assertThat(image)
                    .as("image %s", image)
                    .matches("[a-z/-]+:\\$\\{[A-Z_]+:-[0-9][0-9A-Za-z._-]*\\}")
                    .doesNotContain("latest");
        }
        String env = read(DOCKER.resolve(".env"));
        for (String variable : matches("\\$\\{([A-Z_]+_VERSION):-", read(COMPOSE))) {
            assertThat(env)
                    .as(".env pins %s", variable)
                    .containsPattern("(?m)^" + variable + "=\\S+");
        }
    }

    @Test
    void everyServiceHasACommentAndLongRunningOnesAHealthcheck() throws IOException {
        List<String> lines = Files.readAllLines(COMPOSE);
        int start = lines.indexOf("services:");
        int end = lines.indexOf("volumes:");
        List<String> services = new ArrayList<>();
        for (int i = start + 1; i < end; i++) {
            Matcher m = Pattern.compile("^  ([a-z-]+):$").matcher(lines.get(i));
            if (m.matches()) {
                services.add(m.group(1));
                assertThat(lines.get(i - 1))
                        .as("comment above service %s", m.group(1))
                        .startsWith("  # ");
            }
        }
        assertThat(services)
                .contains(
                        "kafka",
                        "influxdb",
                        "jobmanager",
                        "taskmanager",
                        "job-submit",
                        "grafana",
                        "simulator");
        String compose = read(COMPOSE);
        for (String s : List.of("kafka", "influxdb", "jobmanager", "grafana")) {
            String block = compose.substring(compose.indexOf("\n  " + s + ":\n"));
            block = block.substring(0, block.indexOf("\n\n"));
            assertThat(block).as("service %s", s).contains("healthcheck:");
        }
        assertThat(compose).contains("condition: service_healthy");
    }

    @Test
    void theTopicsKeepTheirRecordsAsLongAsTheLocalStacksDo() throws IOException {
        String compose = read(COMPOSE);
        String block = compose.substring(compose.indexOf("\n  kafka-topics:\n"));
        block = block.substring(0, block.indexOf("\n\n"));

        assertThat(block).contains("--create").contains("for t in ");
        assertThat(matches("--config retention\\.ms=\\$\\{TOPIC_RETENTION_MS:-(\\d+)\\}", block))
                .containsExactly(KafkaBroker.retentionMs());
        assertThat(Long.parseLong(KafkaBroker.retentionMs()))
                .as("longer than Kafka's default of 7 days")
                .isGreaterThan(java.time.Duration.ofDays(7).toMillis());
    }

    @Test
    void everyMountedOrCopiedFileExists() throws IOException {
        String compose = read(COMPOSE);
        for (String path : matches("(?m)^\\s+- (\\.\\.?/[^:]+):", compose)) {
            assertThat(DOCKER.resolve(path).normalize()).as("mounted %s", path).exists();
        }
        for (String path :
                matches("(?m)^COPY (?!--from)(\\S+) ", read(DOCKER.resolve("Dockerfile")))) {
            if (!path.equals(".")) {
                assertThat(ROOT.resolve(path)).as("Dockerfile copies %s", path).exists();
            }
        }
        assertThat(matches("dockerfile: (\\S+)", compose))
                .allMatch(f -> Files.exists(ROOT.resolve(f)));
    }

    static String dockerCompose() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "docker-compose"))) {
                return Path.of(dir, "docker-compose").toString();
            }
        }
        throw new AssertionError(
                "docker-compose not found: it validates docker/compose.yaml without a Docker engine."
                        + " Install it with `apt-get install --no-install-recommends docker-compose`"
                        + " (bin/dustwatch test does this when run as root)");
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    static List<String> matches(String regex, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
