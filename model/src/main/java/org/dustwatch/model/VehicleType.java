package org.dustwatch.model;

/** Kind of vehicle stopped at a checkpoint. */
public enum VehicleType {
    HEAVY_TRUCK,
    MEDIUM_TRUCK,
    LIGHT_TRUCK,
    DUMP_TRUCK,
    SEMI_TRAILER,
    OTHER
}
