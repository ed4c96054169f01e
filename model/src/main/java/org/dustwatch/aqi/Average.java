package org.dustwatch.aqi;

import java.util.Locale;

/**
 * A concentration over an averaging period: what goes into {@link Concentrations}. Units are
 * dustwatch's own, whatever the standard: µg/m³, and mg/m³ for CO. For a daily report, the 1-h and
 * 8-h entries hold the day's maximum of those averages (see docs/aqi.md). {@link Indicators} says
 * which averages each standard and report takes.
 *
 * <p>New constants go at the end: other modules size arrays by {@code values().length} and index
 * them by ordinal.
 */
public enum Average {
    SO2_1H(Pollutant.SO2, "1-h"),
    SO2_24H(Pollutant.SO2, "24-h"),
    NO2_1H(Pollutant.NO2, "1-h"),
    NO2_24H(Pollutant.NO2, "24-h"),
    CO_1H(Pollutant.CO, "1-h"),
    CO_8H(Pollutant.CO, "8-h"),
    CO_24H(Pollutant.CO, "24-h"),
    O3_1H(Pollutant.O3, "1-h"),
    O3_8H(Pollutant.O3, "8-h"),
    PM25_1H(Pollutant.PM25, "1-h"),
    PM25_24H(Pollutant.PM25, "24-h"),
    PM10_1H(Pollutant.PM10, "1-h"),
    PM10_24H(Pollutant.PM10, "24-h"),
    /** The EPA's NowCast of the last 12 hourly means ({@link NowCast}): its hourly PM value. */
    PM25_NOWCAST(Pollutant.PM25, "NowCast"),
    /** The EPA's NowCast of the last 12 hourly means ({@link NowCast}): its hourly PM value. */
    PM10_NOWCAST(Pollutant.PM10, "NowCast");

    private final Pollutant pollutant;
    private final String period;

    Average(Pollutant pollutant, String period) {
        this.pollutant = pollutant;
        this.period = period;
    }

    /** The command-line spelling: {@code so2-1h}, {@code pm25-24h}, {@code pm25-nowcast}. */
    public String option() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public String unit() {
        return pollutant == Pollutant.CO ? "mg/m³" : "µg/m³";
    }

    public Pollutant pollutant() {
        return pollutant;
    }

    /** For messages: {@code 8-h O3}, {@code 24-h PM2.5}, {@code NowCast PM10}. */
    public String label() {
        return period + " " + pollutant.label();
    }
}
