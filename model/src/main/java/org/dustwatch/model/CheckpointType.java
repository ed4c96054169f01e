package org.dustwatch.model;

/** A checkpoint is either a fixed post or a mobile team that operates in some hours only. */
public enum CheckpointType {
    FIXED,
    MOBILE
}
