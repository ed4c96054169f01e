package org.dustwatch.aqi;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How concentrations are rounded before they are indexed.
 *
 * <p>HJ 633—2026 4.2.2 (and 4.2.3 by reference) rounds SO2, NO2, O3, PM10 and PM2.5 to whole µg/m³
 * and CO to 0.1 mg/m³ per GB/T 8170 before indexing. HJ 633-2012 prescribes no rounding of
 * concentrations (its 6.2 rounds only IAQI and AQI), so its default is {@link #NONE}, one setting
 * away from {@link #GB_T_8170}. The EPA truncates in its own units instead ({@link
 * AirQualityIndex}); it takes {@link #NONE}.
 */
public enum Rounding {
    /**
     * GB/T 8170 (四舍六入五成双): to the nearest, an exact half to the even neighbour; 60.5 → 60, 61.5 →
     * 62, 60.51 → 61; CO 4.05 → 4.0. Applied once, to the exact decimal.
     */
    GB_T_8170,
    /** The concentration is indexed as given. */
    NONE;

    /** HJ 633—2026: GB/T 8170; HJ 633-2012 and the EPA: none. */
    public static Rounding defaultFor(Standard s) {
        return s == Standard.HJ633_2026 ? GB_T_8170 : NONE;
    }

    /** The decimals GB/T 8170 keeps: 1 for CO (mg/m³), 0 for the rest (µg/m³). */
    public static int scale(Pollutant p) {
        return p == Pollutant.CO ? 1 : 0;
    }

    /** {@code c}, an average of {@code p}, rounded this way. */
    public BigDecimal apply(Pollutant p, BigDecimal c) {
        return this == NONE ? c : c.setScale(scale(p), RoundingMode.HALF_EVEN);
    }
}
