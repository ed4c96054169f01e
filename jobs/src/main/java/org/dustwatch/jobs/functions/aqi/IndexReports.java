package org.dustwatch.jobs.functions.aqi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;
import org.dustwatch.aqi.AirQualityIndex;
import org.dustwatch.aqi.AqiResult;
import org.dustwatch.aqi.Average;
import org.dustwatch.aqi.Concentrations;
import org.dustwatch.aqi.Health;
import org.dustwatch.aqi.Indicators;
import org.dustwatch.aqi.Pollutant;
import org.dustwatch.aqi.Report;
import org.dustwatch.aqi.Rounding;
import org.dustwatch.aqi.Standard;
import org.dustwatch.aqi.SubIndex;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AqiReport;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.model.Quantity;

/**
 * Indexes the averages of one report with the AQI library: the standard in force on the report's
 * local date (or the configured one), the report's own indicator set, the monitoring plan (HJ
 * 633—2026 5.3.2) and the standard's rounding. Every input gives a report: one whose averages index
 * nothing is a report whose AQI is not published, so that a point written earlier for the same
 * report is overwritten rather than left standing.
 */
public final class IndexReports implements MapFunction<AqiInput, AqiReport> {

    private final Standard fixed;
    private final ZoneId zone;
    private final boolean round2012;

    /**
     * @param fixed the standard for every report; {@code null} picks the one in force on the
     *     report's local date
     * @param round2012 whether HJ 633-2012 reports round concentrations per GB/T 8170 too
     */
    public IndexReports(Standard fixed, ZoneId zone, boolean round2012) {
        this.fixed = fixed;
        this.zone = zone;
        this.round2012 = round2012;
    }

    @Override
    public AqiReport map(AqiInput in) {
        Standard s =
                fixed != null
                        ? fixed
                        : Standard.forDate(
                                Instant.ofEpochMilli(in.start()).atZone(zone).toLocalDate());
        Report report = WindowSize.DAY.is(in.window()) ? Report.DAILY : Report.HOURLY;
        Set<Average> accepted = Indicators.accepted(s, report);
        Concentrations c = Concentrations.none();
        double[] averages = new double[Average.values().length];
        Arrays.fill(averages, Double.NaN);
        for (Average a : Average.values()) {
            BigDecimal v = in.get(a);
            if (v != null) {
                averages[a.ordinal()] = v.doubleValue();
                if (accepted.contains(a)) {
                    c = c.with(a, v);
                }
            }
        }
        Rounding rounding =
                s == Standard.HJ633_2012 && round2012 ? Rounding.GB_T_8170 : Rounding.defaultFor(s);
        Optional<AqiResult> r = AirQualityIndex.compute(s, report, c, plan(in.plan()), rounding);
        int[] iaqi = new int[SubIndex.values().length];
        Arrays.fill(iaqi, -1);
        if (r.isEmpty()) {
            return new AqiReport(
                    in.scope(),
                    in.subject(),
                    in.township(),
                    in.window(),
                    in.start(),
                    s.id(),
                    false,
                    -1,
                    -1,
                    "",
                    "",
                    "",
                    "",
                    names(nothingIndexed(s, report, plan(in.plan()))),
                    iaqi,
                    averages,
                    "",
                    "",
                    "",
                    "",
                    in.stations());
        }
        AqiResult a = r.get();
        a.iaqi().forEach((k, v) -> iaqi[k.ordinal()] = v);
        boolean published = a.published();
        boolean hj = s.chinese(); // HJ 633's tables 1 and 2 are not the EPA's health messages
        return new AqiReport(
                in.scope(),
                in.subject(),
                in.township(),
                in.window(),
                in.start(),
                s.id(),
                published,
                a.aqi(),
                a.level(),
                a.chinese(),
                a.english(),
                a.primaryList(),
                String.join(",", a.exceeding()),
                names(a.missing()),
                iaqi,
                averages,
                published && hj ? Health.advice(a.category(), true) : "",
                published && hj ? Health.advice(a.category(), false) : "",
                hj ? String.join("；", Health.sensitiveGroups(a.sensitive(), true)) : "",
                hj ? String.join("; ", Health.sensitiveGroups(a.sensitive(), false)) : "",
                in.stations());
    }

    /**
     * What the library's {@code missing()} holds when nothing could be indexed: every planned
     * pollutant of the report's set, since none has a sub-index.
     */
    private static Set<Pollutant> nothingIndexed(Standard s, Report r, Set<Pollutant> plan) {
        Set<Pollutant> out = EnumSet.noneOf(Pollutant.class);
        out.addAll(Indicators.pollutants(s, r));
        out.retainAll(plan);
        return out;
    }

    private static String names(Set<Pollutant> ps) {
        List<String> out = new ArrayList<>();
        for (Pollutant p : ps) {
            out.add(p.label());
        }
        return String.join(",", out);
    }

    /** Plan bits by {@link Quantity#ordinal()} as the library's pollutants. */
    static Set<Pollutant> plan(int bits) {
        Set<Pollutant> out = EnumSet.noneOf(Pollutant.class);
        for (Quantity q : Quantity.ALL) {
            if (q.pollutant() && (bits & (1 << q.ordinal())) != 0) {
                out.add(
                        switch (q) {
                            case PM25 -> Pollutant.PM25;
                            case PM10 -> Pollutant.PM10;
                            case SO2 -> Pollutant.SO2;
                            case NO2 -> Pollutant.NO2;
                            case CO -> Pollutant.CO;
                            case O3 -> Pollutant.O3;
                            default -> throw new AssertionError(q);
                        });
            }
        }
        return out;
    }
}
