package org.dustwatch.report.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium, which prints the report's HTML to PDF and, in the browser test, draws
 * it. It is found as {@code $DUSTWATCH_CHROMIUM}, else {@code chromium} or {@code chromium-browser}
 * on the PATH; nothing here installs it ({@code bin/dustwatch test} does, as root). Each run gets a
 * fresh profile directory, so that runs at the same time do not share a profile lock, and runs with
 * {@code --no-sandbox}, which Chromium needs as root.
 */
public final class Chromium {
    /** How to get Chromium and the CJK fonts, for every message that says it is missing. */
    public static final String HOW_TO =
            "install it with 'sudo apt-get install --no-install-recommends chromium fonts-noto-cjk'";

    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /** The output of one run: standard output as bytes, standard error as text. */
    public record Run(byte[] stdout, String stderr, int exitCode) {
        /** The page's console lines ({@code CONSOLE} in Chromium's stderr log). */
        public List<String> consoleLines() {
            return stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        }
    }

    /** Thrown when Chromium is not installed; the message says how to install it. */
    public static final class MissingException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MissingException() {
            super(
                    "headless Chromium not found ($DUSTWATCH_CHROMIUM, or chromium or"
                            + " chromium-browser on the PATH): "
                            + HOW_TO);
        }
    }

    /** The Chromium of this environment, if there is one. */
    public static Optional<Chromium> find() {
        return find(System.getenv());
    }

    static Optional<Chromium> find(Map<String, String> env) {
        String given = env.get("DUSTWATCH_CHROMIUM");
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given);
            return Files.isExecutable(p) ? Optional.of(new Chromium(p)) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String name : List.of("chromium", "chromium-browser")) {
            for (String dir : path.split(":")) {
                if (dir.isEmpty()) {
                    continue;
                }
                Path p = Path.of(dir, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(new Chromium(p));
                }
            }
        }
        return Optional.empty();
    }

    /** The Chromium of this environment, or a {@link MissingException} that says how to get it. */
    public static Chromium require() {
        return find().orElseThrow(MissingException::new);
    }

    public Path binary() {
        return binary;
    }

    /** Prints {@code html} to {@code pdf}, A4, without the browser's header and footer. */
    public void printToPdf(Path html, Path pdf) {
        Run r =
                run(
                        List.of("--no-pdf-header-footer", "--print-to-pdf=" + pdf.toAbsolutePath()),
                        html);
        if (!Files.isRegularFile(pdf) || size(pdf) == 0) {
            throw new IllegalStateException(
                    "Chromium wrote no PDF (exit " + r.exitCode() + "): " + lastLine(r.stderr()));
        }
    }

    /** A screenshot of {@code html} in a window of the given size, as PNG. */
    public Run screenshot(Path html, Path png, int width, int height) {
        return run(
                List.of(
                        "--screenshot=" + png.toAbsolutePath(),
                        "--window-size=" + width + "," + height,
                        "--hide-scrollbars"),
                html);
    }

    /** The DOM after loading {@code html} (standard output), with the console on stderr. */
    public Run dumpDom(Path html) {
        return run(List.of("--dump-dom", "--enable-logging=stderr", "--v=0"), html);
    }

    /** Runs Chromium headless on {@code html} with extra flags. */
    public Run run(List<String> flags, Path html) {
        Path profile;
        try {
            profile = Files.createTempDirectory("dustwatch-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(binary.toString());
        cmd.add("--headless");
        cmd.add("--no-sandbox");
        cmd.add("--disable-gpu");
        cmd.add("--no-first-run");
        cmd.add("--user-data-dir=" + profile);
        cmd.addAll(flags);
        cmd.add(html.toAbsolutePath().toUri().toString());
        Process p = null;
        try {
            // Files, not pipes: nothing can block on a full pipe while we wait.
            Path out = Files.createTempFile("dustwatch-chromium-", ".out");
            Path err = Files.createTempFile("dustwatch-chromium-", ".err");
            try {
                p =
                        new ProcessBuilder(cmd)
                                .redirectInput(ProcessBuilder.Redirect.from(devNull()))
                                .redirectOutput(out.toFile())
                                .redirectError(err.toFile())
                                .start();
                if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException(
                            "Chromium did not finish in " + TIMEOUT_SECONDS + " s on " + html);
                }
                return new Run(
                        Files.readAllBytes(out),
                        new String(Files.readAllBytes(err), StandardCharsets.UTF_8),
                        p.exitValue());
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran", e);
        } finally {
            if (p != null && p.isAlive()) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
            deleteTree(profile);
        }
    }

    /** Whether fontconfig knows a font with Chinese glyphs ({@code fc-list :lang=zh}). */
    public static boolean hasChineseFont() {
        try {
            Process p = new ProcessBuilder("fc-list", ":lang=zh").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.length > 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static java.io.File devNull() {
        return new java.io.File("/dev/null");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String lastLine(String s) {
        List<String> lines = s.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp profile is harmless
        }
    }
}
