package org.dustwatch.model;

import java.io.Serializable;

/** An air-quality station from reference data. */
public record Station(String id, String name, String township, double lat, double lon)
        implements Serializable {}
