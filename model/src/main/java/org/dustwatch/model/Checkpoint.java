package org.dustwatch.model;

import java.io.Serializable;

/** A checkpoint from reference data: where inspections happen. */
public record Checkpoint(
        String id,
        String name,
        String road,
        String township,
        CheckpointType type,
        double lat,
        double lon)
        implements Serializable {}
