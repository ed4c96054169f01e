package org.dustwatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;

/**
 * A CPU profile of this JVM while the job runs ({@code bench --profile}), taken with
 * async-profiler: a sample of every running thread's stack every 5 ms of CPU time. It is written as
 * a flame graph ({@code profile.html}) and as collapsed stacks ({@code profile.collapsed}), and
 * summed per part of the job: each Flink task (an operator chain, named by its first operator), the
 * Kafka fetchers, the JIT compiler, the garbage collector, and the other threads (Flink's runtime,
 * the bench's own polling).
 */
final class Profile {

    /** One part of the job and its share of the samples. */
    record Part(String name, long samples, double share) {}

    private final AsyncProfiler profiler;

    private Profile(AsyncProfiler profiler) {
        this.profiler = profiler;
    }

    /**
     * async-profiler, its library loaded. The bench ships the library for Linux on x86-64;
     * elsewhere this fails with the reason, before anything is started.
     */
    static AsyncProfiler load() {
        try {
            return AsyncProfiler.getInstance();
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IllegalStateException(
                    "--profile needs async-profiler's library for this platform (the bench ships"
                            + " the one for Linux x86-64): "
                            + e.getMessage(),
                    e);
        }
    }

    /** Starts sampling. */
    static Profile start() {
        AsyncProfiler p = load();
        try {
            // itimer: CPU time of the process, without perf_events (often not permitted)
            p.execute("start,event=itimer,interval=5ms,threads");
        } catch (IOException e) {
            throw new IllegalStateException("async-profiler did not start: " + e.getMessage(), e);
        }
        return new Profile(p);
    }

    /** Stops sampling, writes the flame graph and the stacks into {@code dir}, sums the parts. */
    List<Part> stop(Path dir) throws IOException {
        Files.createDirectories(dir);
        profiler.execute("stop,file=" + dir.resolve("profile.html"));
        String collapsed = profiler.dumpCollapsed(Counter.SAMPLES);
        Files.writeString(dir.resolve("profile.collapsed"), collapsed, StandardCharsets.UTF_8);
        return parts(collapsed);
    }

    /** Samples per part, largest first, from collapsed stacks that begin with the thread. */
    static List<Part> parts(String collapsed) {
        Map<String, Long> samples = new HashMap<>();
        long total = 0;
        for (String line : collapsed.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (!line.startsWith("[") || space < 0) {
                continue;
            }
            long n = Long.parseLong(line.substring(space + 1).trim());
            int end = line.indexOf("];");
            String thread = line.substring(1, end > 0 ? end : space);
            samples.merge(part(thread), n, Long::sum);
            total += n;
        }
        List<Part> out = new ArrayList<>();
        for (var e : samples.entrySet()) {
            out.add(new Part(e.getKey(), e.getValue(), (double) e.getValue() / total));
        }
        out.sort((a, b) -> Long.compare(b.samples(), a.samples()));
        return out;
    }

    private static final Pattern TID = Pattern.compile(" tid=\\d+$");
    private static final Pattern SUBTASK = Pattern.compile(" \\(\\d+/\\d+\\)#\\d+$");

    /** The part of the job a thread belongs to, by the names Flink and the JVM give threads. */
    static String part(String thread) {
        String t = TID.matcher(thread).replaceFirst("");
        if (t.startsWith("C1 CompilerThre") || t.startsWith("C2 CompilerThre")) {
            return "JIT compiler (C1, C2)";
        }
        if (t.startsWith("GC Thread") || t.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (t.startsWith("kafka-producer-network-thread")) {
            return "Kafka producers (dead letters, alerts)";
        }
        String fetcher = "Source Data Fetcher for ";
        if (t.startsWith(fetcher)) {
            String source = operators(t.substring(fetcher.length())).get(0);
            return "Kafka fetcher of " + source.replaceFirst("^Source: ", "");
        }
        if (SUBTASK.matcher(t).find() && !t.startsWith("OutputFlusher for ")) {
            List<String> chain = operators(t);
            return "task: "
                    + chain.get(0)
                    + (chain.size() > 1 ? " + " + (chain.size() - 1) + " chained" : "");
        }
        return "other threads (Flink runtime, bench)";
    }

    /** The operators in a task's name, "a -> (b -> c, d) (1/2)#0", in order. */
    private static List<String> operators(String task) {
        List<String> named = new ArrayList<>();
        for (String o : SUBTASK.matcher(task).replaceFirst("").split("->|,|\\(|\\)")) {
            if (!o.isBlank()) {
                named.add(o.trim());
            }
        }
        return named;
    }

    /** The parts as results.json holds them: name to share, rounded to a tenth of a percent. */
    static Map<String, Object> json(List<Part> parts) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Part p : parts) {
            m.put(p.name(), Math.round(p.share() * 1000) / 10.0);
        }
        return m;
    }
}
