package org.dustwatch.aqi;

/**
 * The individual indices (IAQI) an AQI is the maximum of. Ozone has two, from its 1-h and its 8-h
 * average; every other pollutant has one, whose averaging period depends on the report.
 */
public enum SubIndex {
    SO2("so2", Pollutant.SO2),
    NO2("no2", Pollutant.NO2),
    CO("co", Pollutant.CO),
    O3_1H("o3_1h", Pollutant.O3),
    O3_8H("o3_8h", Pollutant.O3),
    PM25("pm25", Pollutant.PM25),
    PM10("pm10", Pollutant.PM10);

    private final String field;
    private final Pollutant pollutant;

    SubIndex(String field, Pollutant pollutant) {
        this.field = field;
        this.pollutant = pollutant;
    }

    /** The InfluxDB field suffix: {@code iaqi_<field>}. */
    public String field() {
        return field;
    }

    /** The pollutant it indexes, as written in primary-pollutant lists ({@code PM2.5}). */
    public String pollutant() {
        return pollutant.label();
    }

    /** The pollutant it indexes. */
    public Pollutant pollutantOf() {
        return pollutant;
    }
}
