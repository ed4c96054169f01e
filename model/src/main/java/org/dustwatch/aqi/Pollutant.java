package org.dustwatch.aqi;

import java.util.Locale;

/** The six pollutants HJ 633 indexes, in the order its tables list them. */
public enum Pollutant {
    SO2("SO2", "so2"),
    NO2("NO2", "no2"),
    CO("CO", "co"),
    O3("O3", "o3"),
    PM10("PM10", "pm10"),
    PM25("PM2.5", "pm25");

    private final String label;
    private final String field;

    Pollutant(String label, String field) {
        this.label = label;
        this.field = field;
    }

    /** As written in reports and primary-pollutant lists: {@code SO2}, {@code PM2.5}. */
    public String label() {
        return label;
    }

    /** The identifier used in fields, options and settings: {@code so2}, {@code pm25}. */
    public String field() {
        return field;
    }

    /** Parses a field or a label, case-insensitively: {@code pm25}, {@code PM2.5}, {@code o3}. */
    public static Pollutant parse(String s) {
        String k = s.trim().toLowerCase(Locale.ROOT);
        for (Pollutant p : values()) {
            if (p.field.equals(k) || p.label.toLowerCase(Locale.ROOT).equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException(
                "unknown pollutant '" + s + "' (expected so2, no2, co, o3, pm10 or pm25)");
    }
}
