package org.dustwatch.bench;

/** One line of progress on stderr, at most once a second. */
final class Progress {
    private final String what;
    private final long total;
    private final long started = System.nanoTime();
    private long lastPrint = started;

    Progress(String what, long total) {
        this.what = what;
        this.total = total;
    }

    void tick(long done) {
        long now = System.nanoTime();
        if (now - lastPrint >= 1_000_000_000L) {
            lastPrint = now;
            double s = (now - started) / 1e9;
            if (total > 0) {
                System.err.printf(
                        "\r  %s: %,d of %,d (%.0f%%), %.0f s   ",
                        what, done, total, 100.0 * done / total, s);
            } else {
                System.err.printf("\r  %s: %,d, %.0f s   ", what, done, s);
            }
        }
    }

    /** Ends the line with a closing word instead of a count. */
    void done(String what) {
        System.err.printf(
                "\r  %s in %.1f s%s%n", what, (System.nanoTime() - started) / 1e9, " ".repeat(40));
    }

    void done(long done) {
        System.err.printf(
                "\r  %s: %,d in %.1f s%s%n",
                what, done, (System.nanoTime() - started) / 1e9, " ".repeat(20));
    }
}
