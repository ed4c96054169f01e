package org.dustwatch.model;

/**
 * What a station measures, in the order used by per-quantity arrays. Pollutants first, then
 * weather. Wind direction is not here: its mean is circular and is kept apart.
 */
public enum Quantity {
    PM25("pm25", true),
    PM10("pm10", true),
    SO2("so2", true),
    NO2("no2", true),
    CO("co", true),
    O3("o3", true),
    TEMP("temp_c", false),
    HUMIDITY("humidity", false),
    WIND_SPEED("wind_speed", false);

    public static final Quantity[] ALL = values();

    private final String field;
    private final boolean pollutant;

    Quantity(String field, boolean pollutant) {
        this.field = field;
        this.pollutant = pollutant;
    }

    /** The InfluxDB field name (or prefix, for pollutants). */
    public String field() {
        return field;
    }

    public boolean pollutant() {
        return pollutant;
    }

    /** This quantity's value in a reading; {@code NaN} when the sensor reported none. */
    public double of(Reading r) {
        return switch (this) {
            case PM25 -> r.pm25();
            case PM10 -> r.pm10();
            case SO2 -> r.so2();
            case NO2 -> r.no2();
            case CO -> r.co();
            case O3 -> r.o3();
            case TEMP -> r.tempC();
            case HUMIDITY -> r.humidity();
            case WIND_SPEED -> r.windSpeed();
        };
    }
}
