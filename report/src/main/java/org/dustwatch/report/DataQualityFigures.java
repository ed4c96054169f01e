package org.dustwatch.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Section 6, data quality: records refused and why, late, duplicate and corrected records (all
 * sources of the district: the pipeline does not know a refused record's township), and each
 * station's completeness in the report's scope.
 *
 * <p>A refusal falls in the period of the minute in which the job refused it, the {@code refusals}
 * measurement's timestamp (the watermark's minute, as {@code pipeline}'s counts).
 *
 * @param refused records refused (dead letters, the late ones and those of skewed clocks included):
 *     {@code pipeline}'s {@code dead_letters + late + clock_skew}, which every version of the job
 *     has written
 * @param byReason per RejectReason name ({@code MALFORMED_JSON}, {@code LATE}, …), reasons with a
 *     count only, from the {@code refusals} measurement; they sum to {@code refused} less {@code
 *     withoutReason}
 * @param bySource per source topic, records refused
 * @param late records too late for their windows ({@code pipeline.late})
 * @param duplicates repeated records ({@code pipeline.duplicates})
 * @param corrections repeats that changed a value ({@code pipeline.corrections})
 * @param stations per station in the scope, sorted by id
 * @param withoutReason refusals of the period with no reason recorded: those the job refused before
 *     it wrote {@code refusals} (its builds before 2026-12-01), counted in {@code refused} but in
 *     no row of {@code byReason} or {@code bySource}
 */
public record DataQualityFigures(
        long refused,
        Map<String, Long> byReason,
        Map<String, Long> bySource,
        long late,
        long duplicates,
        long corrections,
        List<StationCompleteness> stations,
        long withoutReason) {

    /** A period whose every refusal has its reason. */
    public DataQualityFigures(
            long refused,
            Map<String, Long> byReason,
            Map<String, Long> bySource,
            long late,
            long duplicates,
            long corrections,
            List<StationCompleteness> stations) {
        this(refused, byReason, bySource, late, duplicates, corrections, stations, 0);
    }

    public DataQualityFigures {
        byReason = Map.copyOf(byReason);
        bySource = Map.copyOf(bySource);
        stations = List.copyOf(stations);
    }

    /**
     * A station's completeness: the hours with a valid real-time report over the hours of the
     * period.
     *
     * @param validHours hours whose {@code aqi} report ({@code scope='station'}, {@code 1h}) has
     *     {@code status='ok'}
     * @param expectedHours the period's hours (24 a day; 23 or 25 never occur in Asia/Shanghai)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StationCompleteness(
            String station, String township, int validHours, int expectedHours) {

        /** {@code validHours / expectedHours}, 0 to 1. */
        @JsonProperty
        public double completeness() {
            return expectedHours == 0 ? 0 : (double) validHours / expectedHours;
        }
    }
}
