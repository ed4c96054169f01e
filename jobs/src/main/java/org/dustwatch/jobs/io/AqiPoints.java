package org.dustwatch.jobs.io;

import java.util.Locale;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.connectors.influxdb.PointConverter;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.Level;

/**
 * {@link AqiReport} as a point of {@code aqi}. Tags: {@code scope} (station, township or district),
 * {@code station} (station scope only), {@code township} (not for the district), {@code window} (1h
 * or 1d) and {@code standard}.
 *
 * <p><b>Every field is written every time</b> (docs/schema.md, "aqi"): InfluxDB merges the fields
 * of points with the same series and timestamp, so a field left out of a re-emitted report would
 * keep its old value beside the new AQI. InfluxDB has no null and refuses NaN, and a field's type
 * is fixed, so what is absent is encoded:
 *
 * <ul>
 *   <li>{@code status} is {@code ok}, or {@code NA} when the AQI is not published (HJ 633—2026
 *       5.3.1);
 *   <li>a numeric field that has no value ({@code aqi}, {@code level} of an NA report, a sub-index
 *       that could not be computed, a missing average) is {@code -1}: no real value is negative,
 *       and every query filters {@code WHERE <field> >= 0} (or {@code status = 'ok'} for {@code
 *       aqi} and {@code level});
 *   <li>a string field that has no value is {@code ""}; {@code category} of an NA report is {@code
 *       NA}.
 * </ul>
 */
public final class AqiPoints implements PointConverter<AqiReport> {

    /** The value of a numeric field that has none. */
    public static final int ABSENT = -1;

    @Override
    public Point toPoint(AqiReport r) {
        boolean station = Level.STATION.is(r.scope());
        boolean ok = r.published();
        Point p =
                Point.measurement("aqi")
                        .tag("scope", r.scope())
                        .tag("station", station ? r.subject() : null)
                        .tag("township", r.township())
                        .tag("window", r.window())
                        .tag("standard", r.standard())
                        .field("status", r.status())
                        .field("aqi", ok ? r.aqi() : ABSENT)
                        .field("level", ok ? r.level() : ABSENT)
                        .field("category", ok ? r.category() : "NA")
                        .field("category_en", ok ? r.categoryEn() : "NA")
                        .field("primary_pollutant", ok ? r.primary() : "")
                        .field("exceeding", r.exceeding())
                        .field("missing", r.missing())
                        .field("advice", r.advice())
                        .field("advice_en", r.adviceEn())
                        .field("sensitive_groups", r.sensitiveGroups())
                        .field("sensitive_groups_en", r.sensitiveGroupsEn())
                        .field("stations", r.stations())
                        .time(r.start());
        for (SubIndex s : SubIndex.values()) {
            int v = r.iaqi()[s.ordinal()];
            p.field("iaqi_" + s.field(), v >= 0 ? v : ABSENT);
        }
        for (Average a : Average.values()) {
            double v = r.averages()[a.ordinal()];
            p.field(a.name().toLowerCase(Locale.ROOT), Double.isNaN(v) ? ABSENT : v);
        }
        return p;
    }
}
