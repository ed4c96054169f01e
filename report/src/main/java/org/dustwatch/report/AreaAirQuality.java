package org.dustwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * An area's air quality over a period, from its daily AQI reports: each day under the edition in
 * force on it (HJ 633-2012 and GB 3095-2012 before 2026-03-01, HJ 633—2026 and GB 3095—2026 from
 * then).
 *
 * <p>A day is <em>valid</em> when its daily report has {@code status='ok'}; an <em>NA</em> day has
 * a report with {@code status='NA'} (not published: HJ 633—2026 5.3.1); a <em>missing</em> day has
 * no report at all. Valid + NA + missing = the period's days.
 *
 * @param area the township's name, or {@code district}
 * @param scope {@code township} or {@code district}, as the {@code aqi} measurement's tag
 * @param editions the HJ 633 editions in force on the period's days, in order
 * @param levels days per AQI level 1 to 6 (six entries, level 1 first), valid days only
 * @param validDays days with a published daily AQI
 * @param naDays days whose daily report is NA
 * @param missingDays days with no daily report
 * @param goodDays valid days with AQI ≤ 100 (levels 1 and 2)
 * @param meanPm25 the mean of the valid daily PM2.5 means ({@code pm25_24h ≥ 0}), µg/m³, or {@code
 *     null} without any
 * @param meanPm10 the same for PM10
 * @param exceedances per pollutant, the days above the grade-2 limit in force (six entries)
 * @param primaryPollutants per pollutant name ({@code PM2.5}, {@code PM10}, {@code SO2}, {@code
 *     NO2}, {@code CO}, {@code O3}), the valid days it was primary (a day with two primary
 *     pollutants counts for each); every name present, 0 included
 * @param calendar one cell per day of the period, for the AQI calendar
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AreaAirQuality(
        String area,
        String scope,
        List<String> editions,
        List<LevelDays> levels,
        int validDays,
        int naDays,
        int missingDays,
        int goodDays,
        Double meanPm25,
        Double meanPm10,
        List<Exceedance> exceedances,
        Map<String, Integer> primaryPollutants,
        List<AqiDay> calendar) {

    public AreaAirQuality {
        editions = List.copyOf(editions);
        levels = List.copyOf(levels);
        exceedances = List.copyOf(exceedances);
        primaryPollutants = Map.copyOf(primaryPollutants);
        calendar = List.copyOf(calendar);
    }

    /** 优良天数比例: good days over valid days, 0 to 1, or {@code null} without valid days. */
    @JsonProperty
    public Double goodDayRatio() {
        return validDays == 0 ? null : (double) goodDays / validDays;
    }

    /**
     * The days of one AQI level.
     *
     * @param level 1 (优) to 6 (严重污染)
     * @param days valid days of that level
     * @param byEdition the same days per HJ 633 edition ({@code HJ633-2012}, {@code HJ633-2026})
     */
    public record LevelDays(int level, int days, Map<String, Integer> byEdition) {
        public LevelDays {
            byEdition = Map.copyOf(byEdition);
        }
    }

    /**
     * A pollutant's days above its grade-2 limit: the 24-h limit (for O3, the daily maximum 8-h
     * limit) of the GB 3095 edition in force on each day.
     *
     * @param pollutant {@code PM2.5}, {@code PM10}, {@code SO2}, {@code NO2}, {@code CO}, {@code
     *     O3}
     * @param average {@code 24h}, or {@code 8h max} for O3
     * @param field the daily report's field compared ({@code pm25_24h}, …, {@code o3_8h})
     * @param days days whose value is above the limit
     * @param daysWithValue days with a valid value ({@code field ≥ 0}), NA days included
     * @param limits the limit per GB 3095 edition in force in the period (µg/m³, CO mg/m³)
     */
    public record Exceedance(
            String pollutant,
            String average,
            String field,
            int days,
            int daysWithValue,
            Map<String, Double> limits) {
        public Exceedance {
            limits = Map.copyOf(limits);
        }
    }

    /**
     * A cell of the AQI calendar.
     *
     * @param status {@code ok}, {@code NA} (reported, not published) or {@code missing} (no report)
     * @param aqi the AQI, {@code null} unless {@code ok}
     * @param level 1 to 6, {@code null} unless {@code ok}
     * @param edition the HJ 633 edition in force on the day ({@code HJ633-2012}, {@code
     *     HJ633-2026})
     * @param primaryPollutant as the report gives it ({@code ''} when none), {@code null} unless
     *     {@code ok}
     */
    public record AqiDay(
            LocalDate date,
            String status,
            Integer aqi,
            Integer level,
            String edition,
            String primaryPollutant) {}
}
