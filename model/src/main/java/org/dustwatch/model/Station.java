package org.dustwatch.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * An air-quality station from reference data.
 *
 * @param period the averaging period of its readings when a reading does not say; {@code null} for
 *     the feed's default ({@code readings.default-period})
 * @param stamp which end of the period its readings' {@code ts} marks; {@code null} for the feed's
 *     default ({@code readings.default-stamp})
 * @param plan the pollutants its monitoring plan covers (HJ 633—2026 5.3.2): a pollutant outside
 *     the plan does not make its AQI "NA" when missing
 */
public record Station(
        String id,
        String name,
        String township,
        double lat,
        double lon,
        Duration period,
        Stamp stamp,
        Set<Quantity> plan)
        implements Serializable {

    /** Every pollutant a station can measure: the plan of a station that declares none. */
    public static final Set<Quantity> ALL_POLLUTANTS =
            Set.copyOf(
                    EnumSet.of(
                            Quantity.PM25,
                            Quantity.PM10,
                            Quantity.SO2,
                            Quantity.NO2,
                            Quantity.CO,
                            Quantity.O3));

    public Station {
        plan = plan == null ? ALL_POLLUTANTS : Set.copyOf(plan);
        for (Quantity q : plan) {
            if (!q.pollutant()) {
                throw new IllegalArgumentException(q.field() + " is not a pollutant");
            }
        }
        if (period != null) {
            Reading.checkPeriod(period);
        }
    }

    /** A station with the feed's default period and stamp and every pollutant in its plan. */
    public Station(String id, String name, String township, double lat, double lon) {
        this(id, name, township, lat, lon, null, null, null);
    }
}
