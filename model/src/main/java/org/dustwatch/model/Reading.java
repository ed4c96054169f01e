package org.dustwatch.model;

/**
 * A validated, enriched air-quality reading.
 *
 * <p>Any measured value may be missing because sensors fail; a missing value is {@code NaN} and
 * must be treated as missing, never as zero. Concentrations are µg/m³ except {@code co} in mg/m³.
 *
 * @param stationId id of the station (reference data key)
 * @param ts event time, epoch milliseconds
 * @param township township of the station, from reference data
 */
public record Reading(
        String stationId,
        long ts,
        double pm25,
        double pm10,
        double so2,
        double no2,
        double co,
        double o3,
        double tempC,
        double humidity,
        double windSpeed,
        double windDir,
        String township) {

    /** Whether a measured value is present (not {@code NaN}). */
    public static boolean present(double value) {
        return !Double.isNaN(value);
    }
}
