package org.dustwatch.aqi;

import static org.dustwatch.aqi.Average.*;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which averages each standard's report takes, with the clause that says so. The one place that
 * decides it: {@link AirQualityIndex} refuses anything else, and the CLI and the pipeline ask here.
 *
 * <ul>
 *   <li>{@link #of}: the averages that carry a sub-index (or, for the EPA's 24-h SO2, may carry
 *       it);
 *   <li>{@link #publishedOnly}: accepted and published as concentrations, without a sub-index (HJ
 *       633-2012 table 4: the 1-h PM means of the real-time report);
 *   <li>{@link #auxiliary}: accepted only to settle a special rule (the 24-h SO2 of the over-800
 *       rule of HJ 633-2012 and of the EPA's 1-h SO2 above 304 ppb);
 *   <li>{@link #accepted}: the union of the three.
 * </ul>
 */
public final class Indicators {
    private Indicators() {}

    /** Exactly the averages the report indexes. */
    public static Set<Average> of(Standard s, Report r) {
        return switch (s) {
            // 4.2.3 and formula (1): the six 1-h means, PM against the 24-h PM column
            case HJ633_2026 ->
                    r == Report.HOURLY
                            ? set(SO2_1H, NO2_1H, CO_1H, O3_1H, PM10_1H, PM25_1H)
                            // 4.2.2: five natural-day means and the daily maximum 8-h O3
                            : set(SO2_24H, NO2_24H, CO_24H, PM10_24H, PM25_24H, O3_8H);
            // 5.1.3 with table 4: the 24-h moving PM means carry the PM sub-indices
            case HJ633_2012 ->
                    r == Report.HOURLY
                            ? set(SO2_1H, NO2_1H, CO_1H, O3_1H, O3_8H, PM10_24H, PM25_24H)
                            // 5.1.2: seven indicators
                            : set(SO2_24H, NO2_24H, CO_24H, PM10_24H, PM25_24H, O3_1H, O3_8H);
            case US_EPA_2024 ->
                    r == Report.HOURLY
                            ? set(O3_8H, O3_1H, PM25_NOWCAST, PM10_NOWCAST, CO_8H, SO2_1H, NO2_1H)
                            : set(O3_8H, O3_1H, PM25_24H, PM10_24H, CO_8H, SO2_1H, NO2_1H);
        };
    }

    /** Accepted and published as concentrations, but given no sub-index. */
    public static Set<Average> publishedOnly(Standard s, Report r) {
        return s == Standard.HJ633_2012 && r == Report.HOURLY ? set(PM10_1H, PM25_1H) : set();
    }

    /** Accepted only to settle a special rule of another average. */
    public static Set<Average> auxiliary(Standard s, Report r) {
        boolean so2Day =
                s == Standard.US_EPA_2024 || (s == Standard.HJ633_2012 && r == Report.HOURLY);
        return so2Day ? set(SO2_24H) : set();
    }

    /** Everything the report takes: indexed, published only, auxiliary. */
    public static Set<Average> accepted(Standard s, Report r) {
        EnumSet<Average> a = EnumSet.noneOf(Average.class);
        a.addAll(of(s, r));
        a.addAll(publishedOnly(s, r));
        a.addAll(auxiliary(s, r));
        return Collections.unmodifiableSet(a);
    }

    /** The pollutants the report indexes: all six, whatever the standard. */
    public static Set<Pollutant> pollutants(Standard s, Report r) {
        EnumSet<Pollutant> p = EnumSet.noneOf(Pollutant.class);
        for (Average a : of(s, r)) {
            p.add(a.pollutant());
        }
        return Collections.unmodifiableSet(p);
    }

    /** The clause that defines the report's indicators, for messages: {@code HJ 633—2026 4.2.3}. */
    public static String clause(Standard s, Report r) {
        boolean hourly = r == Report.HOURLY;
        return switch (s) {
            case HJ633_2026 -> "HJ 633—2026 " + (hourly ? "4.2.3" : "4.2.2");
            case HJ633_2012 -> "HJ 633-2012 " + (hourly ? "5.1.3" : "5.1.2");
            case US_EPA_2024 ->
                    hourly
                            ? "EPA AQI Technical Assistance Document (2024), NowCast"
                            : "EPA AQI Technical Assistance Document (2024)";
        };
    }

    /** What the report takes, in words, with its clause. */
    public static String describe(Standard s, Report r) {
        boolean hourly = r == Report.HOURLY;
        return switch (s) {
            case HJ633_2026 ->
                    hourly
                            ? "the real-time report of HJ 633—2026 indexes the six 1-h means (4.2.3)"
                            : "the daily report of HJ 633—2026 indexes the five 24-h means and the daily"
                                    + " maximum 8-h O3 (4.2.2)";
            case HJ633_2012 ->
                    hourly
                            ? "the real-time report of HJ 633-2012 takes the 1-h means, the 8-h moving"
                                    + " O3 and the 24-h moving PM means (5.1.3, table 4), and the 24-h SO2"
                                    + " of the over-800 rule (table 1 note)"
                            : "the daily report of HJ 633-2012 indexes the five 24-h means and the daily"
                                    + " maximum 1-h and 8-h O3 (5.1.2)";
            case US_EPA_2024 ->
                    hourly
                            ? "the EPA's hourly report indexes 8-h and 1-h O3, NowCast PM2.5 and PM10,"
                                    + " 8-h CO, 1-h SO2 (24-h SO2 above 304 ppb) and 1-h NO2"
                            : "the EPA's daily report indexes 8-h and 1-h O3, 24-h PM2.5 and PM10, 8-h"
                                    + " CO, 1-h SO2 (24-h SO2 above 304 ppb) and 1-h NO2";
        };
    }

    /**
     * Why {@code a} is refused: {@code the real-time report of HJ 633—2026 indexes the six 1-h
     * means (4.2.3); it has no 8-h O3}.
     */
    public static String rejection(Standard s, Report r, Average a) {
        return describe(s, r) + "; it has no " + a.label();
    }

    private static Set<Average> set(Average... a) {
        EnumSet<Average> s = EnumSet.noneOf(Average.class);
        Collections.addAll(s, a);
        return Collections.unmodifiableSet(s);
    }
}
