package org.dustwatch.model;

/** What the truck was hauling when it was inspected. */
public enum Cargo {
    COAL,
    STONE_POWDER,
    SAND_GRAVEL,
    MUCK,
    EMPTY,
    OTHER
}
