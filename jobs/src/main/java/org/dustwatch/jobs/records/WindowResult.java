package org.dustwatch.jobs.records;

/** What every window result says about itself: its level, its subject and its window. */
public interface WindowResult {
    /** {@code checkpoint}, {@code road}, {@code township} or {@code station}. */
    String level();

    String subject();

    /** {@code 1m}, {@code 1h} or {@code 1d}. */
    String window();
}
