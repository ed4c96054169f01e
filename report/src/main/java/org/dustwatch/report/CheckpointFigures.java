package org.dustwatch.report;

import java.util.List;

/**
 * The duty posts of the report ("设置了×××处固定或流动检查点"): the checkpoints of the reference data in the
 * report's scope, fixed and mobile, and how many were active (had at least one inspection in the
 * period). Reference data are the only source of duty posts.
 *
 * @param townships per township, sorted by name
 */
public record CheckpointFigures(
        int total,
        int fixed,
        int mobile,
        int active,
        int activeFixed,
        int activeMobile,
        List<TownshipCheckpoints> townships) {

    public CheckpointFigures {
        townships = List.copyOf(townships);
    }

    /** One township's checkpoints. */
    public record TownshipCheckpoints(
            String township, int total, int fixed, int mobile, int active) {}
}
