package org.dustwatch.aqi;

/**
 * The individual indices (IAQI) an AQI is the maximum of. Ozone has two, from its 1-h and its 8-h
 * average; every other pollutant has one, whose averaging period depends on the report.
 */
public enum SubIndex {
    SO2("so2", "SO2"),
    NO2("no2", "NO2"),
    CO("co", "CO"),
    O3_1H("o3_1h", "O3"),
    O3_8H("o3_8h", "O3"),
    PM25("pm25", "PM2.5"),
    PM10("pm10", "PM10");

    private final String field;
    private final String pollutant;

    SubIndex(String field, String pollutant) {
        this.field = field;
        this.pollutant = pollutant;
    }

    /** The InfluxDB field suffix: {@code iaqi_<field>}. */
    public String field() {
        return field;
    }

    /** The pollutant it indexes, as written in primary-pollutant lists. */
    public String pollutant() {
        return pollutant;
    }
}
