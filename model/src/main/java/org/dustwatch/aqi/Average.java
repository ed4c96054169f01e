package org.dustwatch.aqi;

import java.util.Locale;

/**
 * A concentration over an averaging period: what goes into {@link Concentrations}. Units are
 * dustwatch's own, whatever the standard: µg/m³, and mg/m³ for CO. For a daily report, the 1-h and
 * 8-h entries hold the day's maximum of those averages (see docs/aqi.md).
 */
public enum Average {
    SO2_1H,
    SO2_24H,
    NO2_1H,
    NO2_24H,
    CO_1H,
    CO_8H,
    CO_24H,
    O3_1H,
    O3_8H,
    PM25_1H,
    PM25_24H,
    PM10_1H,
    PM10_24H;

    /** The command-line spelling: {@code so2-1h}, {@code pm25-24h}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String unit() {
        return name().startsWith("CO_") ? "mg/m³" : "µg/m³";
    }
}
