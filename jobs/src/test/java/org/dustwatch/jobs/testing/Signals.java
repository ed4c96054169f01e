package org.dustwatch.jobs.testing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Named one-shot signals between a test and the tasks of a job in the same JVM (a MiniCluster): a
 * {@link ScriptedSplit.Step.Pause} can wait for one, so that a test ends a pause when it has seen
 * what the pause should cause, instead of guessing a duration. Names should be unique per test.
 */
public final class Signals {
    private static final ConcurrentMap<String, CompletableFuture<Void>> SIGNALS =
            new ConcurrentHashMap<>();

    private Signals() {}

    /** The future that {@link #release} of {@code name} completes. */
    static CompletableFuture<Void> of(String name) {
        return SIGNALS.computeIfAbsent(name, n -> new CompletableFuture<>());
    }

    public static void release(String name) {
        of(name).complete(null);
    }

    /** Forgets a signal, released or not, so that its name can be used again. */
    public static void reset(String name) {
        SIGNALS.remove(name);
    }
}
