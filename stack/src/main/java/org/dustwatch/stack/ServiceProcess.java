package org.dustwatch.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of a local service. Its output goes either to a log file (the detached stack,
 * which outlives the launcher) or line by line to an SLF4J logger (tests, so that a broker's or
 * influxd's complaints show up in the test log).
 */
public final class ServiceProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);

    private final String name;
    private final Process process;
    private final ProcessHandle handle;
    private final Path logFile;
    private final Deque<String> recent;

    private ServiceProcess(String name, Process process, Path logFile, Deque<String> recent) {
        this.name = name;
        this.process = process;
        this.handle = process.toHandle();
        this.logFile = logFile;
        this.recent = recent;
    }

    /**
     * Starts {@code command} with its output in {@code logFile}, or, when that is null, in the
     * logger {@code dustwatch.<name>} (tests).
     */
    public static ServiceProcess start(
            String name, List<String> command, Path workDir, Path logFile) {
        return logFile == null
                ? startToLog(name, command, workDir)
                : startToFile(name, command, workDir, logFile);
    }

    /** Starts {@code command}, appending its output to {@code logFile}. */
    public static ServiceProcess startToFile(
            String name, List<String> command, Path workDir, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .directory(workDir.toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                            .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            return new ServiceProcess(name, pb.start(), logFile, null);
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Starts {@code command}, sending each output line to the logger {@code dustwatch.<name>}. */
    public static ServiceProcess startToLog(String name, List<String> command, Path workDir) {
        return startToLog(name, new ProcessBuilder(command).directory(workDir.toFile()));
    }

    /** Starts a prepared process builder, sending each output line to {@code dustwatch.<name>}. */
    public static ServiceProcess startToLog(String name, ProcessBuilder pb) {
        try {
            pb.redirectErrorStream(true);
            Process p = pb.start();
            p.getOutputStream().close();
            Logger log = LoggerFactory.getLogger("dustwatch." + name);
            Deque<String> recent = new ArrayDeque<>();
            Thread pump =
                    new Thread(
                            () -> {
                                try (BufferedReader r =
                                        new BufferedReader(
                                                new InputStreamReader(
                                                        p.getInputStream(),
                                                        StandardCharsets.UTF_8))) {
                                    String line;
                                    while ((line = r.readLine()) != null) {
                                        log.info(line);
                                        synchronized (recent) {
                                            recent.addLast(line);
                                            if (recent.size() > 40) {
                                                recent.removeFirst();
                                            }
                                        }
                                    }
                                } catch (IOException e) {
                                    log.debug("output closed", e);
                                }
                            },
                            name + "-output");
            pump.setDaemon(true);
            pump.start();
            return new ServiceProcess(name, p, null, recent);
        } catch (IOException e) {
            throw new StackException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    /** Waits for the process to end; false if it still runs after {@code timeout}. */
    public boolean awaitExit(Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (Exception e) {
            throw new StackException("waiting for " + name + " failed", e);
        }
    }

    /** The exit code of an ended process started by this JVM. */
    public int exitCode() {
        if (process == null) {
            throw new IllegalStateException(name + " was not started by this JVM");
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** The last lines the process printed, for error messages. */
    public String tail() {
        if (recent != null) {
            synchronized (recent) {
                return String.join("\n", recent);
            }
        }
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** Fails with the process's last output if it has exited. */
    public void requireAlive() {
        if (!isAlive()) {
            throw new StackException(
                    name
                            + " exited during start-up"
                            + (logFile != null ? " (log: " + logFile + ")" : "")
                            + ". Its last output:\n"
                            + tail());
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; returns once the process is gone. */
    public void stop(Duration grace) {
        stop(handle, name, grace);
    }

    /** SIGKILL, as a crash would end it; returns once the process is gone. */
    public void kill() {
        handle.destroyForcibly();
        try {
            handle.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StackException("cannot kill " + name + " (pid " + handle.pid() + ")", e);
        }
    }

    static void stop(ProcessHandle handle, String name, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("{} (pid {}) did not stop within {}; killing it", name, handle.pid(), grace);
            handle.destroyForcibly();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e2) {
                throw new StackException("cannot kill " + name + " (pid " + handle.pid() + ")", e2);
            }
        }
    }

    /** The process with this pid, if it is alive and its command line contains {@code marker}. */
    public static Optional<ProcessHandle> find(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(
                        h ->
                                h.info().commandLine().map(c -> c.contains(marker)).orElse(false)
                                        || h.info()
                                                .arguments()
                                                .map(a -> String.join(" ", a).contains(marker))
                                                .orElse(false));
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }
}
