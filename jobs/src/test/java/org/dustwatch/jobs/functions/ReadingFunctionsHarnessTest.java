package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.functions.ingest.MergeReadings;
import org.dustwatch.jobs.records.PollutantHour;
import org.dustwatch.model.Quantity;
import org.dustwatch.model.Reading;
import org.junit.jupiter.api.Test;

/** Merging a station's readings and forming its valid hours, in Flink's operator harness. */
class ReadingFunctionsHarnessTest {

    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final double NA = Double.NaN;

    /** A reading of AQ-01 over {@code [start, start + period)} with PM2.5, PM10 and O3. */
    static Reading reading(long start, long period, double pm25, double pm10, double o3) {
        return new Reading(
                "AQ-01",
                start,
                start,
                period,
                pm25,
                pm10,
                NA,
                NA,
                NA,
                o3,
                5,
                50,
                1,
                90,
                "Dongcheng");
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Reading, Reading> merge()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new MergeReadings(Duration.ofHours(1)), Reading::stationId, Types.STRING);
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, Reading, ?> h, Reading r)
            throws Exception {
        h.processElement(r, r.eventTime());
    }

    @Test
    void splitFeedsOfOnePeriodMergeAndRepeatsAreDuplicatesOrCorrections() throws Exception {
        var h = merge();
        long p = 5 * MINUTE;
        send(h, reading(0, p, 30, 60, NA)); // the PM monitor
        send(h, reading(1_900, p, NA, NA, 80)); // the gas analyser, 1.9 s later: same period
        send(h, reading(350, p, 30, 60, NA)); // the PM monitor again, same values: a duplicate
        send(h, reading(0, p, 31, 60, 80)); // a changed PM2.5: a correction, the first stands
        send(h, reading(p, p, 32, NA, NA)); // the next period
        send(h, reading(0, HOUR, 33, NA, NA)); // an hourly mean is another period

        List<Reading> out = h.extractOutputValues();
        assertThat(out).hasSize(4);
        assertThat(out.get(0).pm25()).isEqualTo(30);
        assertThat(out.get(0).pm10()).isEqualTo(60);
        assertThat(out.get(1).pm25()).isNaN();
        assertThat(out.get(1).o3()).isEqualTo(80);
        assertThat(out.get(2).pm25()).isEqualTo(32);
        assertThat(out.get(3).pm25()).isEqualTo(33);
        assertThat(h.getSideOutput(MergeReadings.DUPLICATES)).hasSize(1);
        assertThat(h.getSideOutput(MergeReadings.CORRECTIONS)).hasSize(1);

        // every value is forgotten at the first quarter hour past its event time plus the horizon
        h.processWatermark(2 * HOUR);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void oneMinuteReadingsApartDoNotMerge() throws Exception {
        var h = merge();
        for (int m = 0; m < 5; m++) {
            send(h, reading(m * MINUTE + 200, MINUTE, 10 + m, NA, NA));
        }
        assertThat(h.extractOutputValues()).hasSize(5);
        assertThat(h.getSideOutput(MergeReadings.DUPLICATES)).isNull();
        h.close();
    }

    @Test
    void readingsHalfAPeriodOffTheGridAreTheirOwnPeriodsAndStillMerge() throws Exception {
        var h = merge();
        // one-minute analysers started at :30, with 10 ms of jitter either way: both starts round
        // to the 1:00 grid point, yet they are two periods a minute apart
        send(h, reading(30 * 1_000 + 10, MINUTE, 10, NA, NA));
        send(h, reading(90 * 1_000 - 10, MINUTE, 11, NA, NA));
        send(h, reading(150 * 1_000 + 10, MINUTE, 12, NA, NA));
        // and a second device's O3 for the first period, 1.9 s later, merges into it
        send(h, reading(30 * 1_000 + 1_910, MINUTE, NA, NA, 40));
        // an exact repeat of the second period is still a duplicate
        send(h, reading(90 * 1_000 - 10, MINUTE, 11, NA, NA));

        assertThat(h.extractOutputValues()).hasSize(4);
        assertThat(h.extractOutputValues())
                .extracting(Reading::pm25)
                .containsExactly(10.0, 11.0, 12.0, Double.NaN);
        assertThat(h.getSideOutput(MergeReadings.DUPLICATES)).hasSize(1);
        assertThat(h.getSideOutput(MergeReadings.CORRECTIONS)).isNull();
        h.close();
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Reading, PollutantHour> hours()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new StationHours(Duration.ofMinutes(45), Duration.ofMinutes(10), null),
                Reading::stationId,
                Types.STRING);
    }

    static BigDecimal mean(PollutantHour h, Quantity q) {
        return h.mean()[q.ordinal()];
    }

    @Test
    void anHourIsValidWhenItsReadingsCoverFortyFiveMinutes() throws Exception {
        var h = hours();
        // PM2.5 every 5 minutes for 45 minutes (valid); PM10 for 40 (not); O3 as one hourly mean
        for (int k = 0; k < 9; k++) {
            send(h, reading(k * 5 * MINUTE, 5 * MINUTE, 10 + k, k < 8 ? 20 : NA, NA));
        }
        send(h, reading(0, HOUR, NA, NA, 55.5));
        h.processWatermark(HOUR - 1);

        List<PollutantHour> out = h.extractOutputValues();
        assertThat(out).hasSize(1);
        PollutantHour hour = out.get(0);
        assertThat(hour.coveredMs()[Quantity.PM25.ordinal()]).isEqualTo(45 * MINUTE);
        assertThat(mean(hour, Quantity.PM25)).isEqualByComparingTo("14"); // (10+...+18)/9
        assertThat(hour.coveredMs()[Quantity.PM10.ordinal()]).isEqualTo(40 * MINUTE);
        assertThat(mean(hour, Quantity.PM10)).isNull();
        assertThat(mean(hour, Quantity.O3)).isEqualByComparingTo("55.5");
        assertThat(mean(hour, Quantity.SO2)).isNull();
        h.close();
    }

    @Test
    void coverageIsAUnionAndTheMeanIsWeightedByDuration() throws Exception {
        var h = hours();
        // an hourly mean of 40 and, over the same hour, twelve five-minute means of 10: covered 60
        // minutes, not 120; the mean weighs each by its 60 minutes: (40 * 60 + 10 * 60) / 120 = 25
        send(h, reading(0, HOUR, 40, NA, NA));
        for (int k = 0; k < 12; k++) {
            send(h, reading(k * 5 * MINUTE, 5 * MINUTE, 10, NA, NA));
        }
        // a one-minute mean of 100 over the first minute adds one weighted minute, no coverage
        send(h, reading(0, MINUTE, 100, NA, NA));
        h.processWatermark(HOUR - 1);

        PollutantHour hour = h.extractOutputValues().get(0);
        assertThat(hour.coveredMs()[Quantity.PM25.ordinal()]).isEqualTo(HOUR);
        // (40 * 60 + 10 * 60 + 100 * 1) / 121
        assertThat(mean(hour, Quantity.PM25))
                .isEqualByComparingTo(
                        new BigDecimal(3100)
                                .divide(new BigDecimal(121), java.math.MathContext.DECIMAL128));
        h.close();
    }

    @Test
    void aReadingThatStraddlesTheHourCountsInBothWithItsParts() throws Exception {
        var h = hours();
        // 08:00 is hour 0 here: 30-minute means over [0:20, 0:50) and [0:50, 1:20)
        send(h, reading(20 * MINUTE, 30 * MINUTE, 12, NA, NA));
        send(h, reading(50 * MINUTE, 30 * MINUTE, 24, NA, NA));
        send(h, reading(80 * MINUTE, 30 * MINUTE, 36, NA, NA));
        h.processWatermark(2 * HOUR - 1);

        List<PollutantHour> out = h.extractOutputValues();
        assertThat(out).extracting(PollutantHour::hourStart).containsExactly(0L, HOUR);
        // hour 0: 30 min of 12 and 10 min of 24, 40 minutes covered: not valid
        assertThat(out.get(0).coveredMs()[0]).isEqualTo(40 * MINUTE);
        assertThat(mean(out.get(0), Quantity.PM25)).isNull();
        // hour 1: 20 min of 24 and 30 min of 36, 50 minutes: (24 * 20 + 36 * 30) / 50 = 31.2
        assertThat(out.get(1).coveredMs()[0]).isEqualTo(50 * MINUTE);
        assertThat(mean(out.get(1), Quantity.PM25)).isEqualByComparingTo("31.2");
        h.close();
    }

    @Test
    void aLateReadingEmitsItsHourAgainAndStateIsDroppedAfterLatenessPlusAnHour() throws Exception {
        var h = hours();
        for (int k = 0; k < 11; k++) {
            send(h, reading(k * 5 * MINUTE, 5 * MINUTE, 20, NA, NA));
        }
        h.processWatermark(HOUR + MINUTE);
        send(h, reading(55 * MINUTE, 5 * MINUTE, 80, NA, NA)); // late, within the lateness
        h.processWatermark(HOUR + 2 * MINUTE);

        List<PollutantHour> out = h.extractOutputValues();
        assertThat(out).hasSize(2);
        assertThat(mean(out.get(0), Quantity.PM25)).isEqualByComparingTo("20");
        assertThat(mean(out.get(1), Quantity.PM25)).isEqualByComparingTo("25"); // (20*11+80)/12

        h.processWatermark(HOUR - 1 + 10 * MINUTE + HOUR);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    @Test
    void aReadingThatRunsSecondsIntoTheNextHourDoesNotMakeItAStationHour() throws Exception {
        var h = hours();
        // a gas analyser 2 s off the grid: its last five minutes of the hour end at 1:00:02
        for (int k = 0; k < 12; k++) {
            send(h, reading(k * 5 * MINUTE + 2_000, 5 * MINUTE, NA, NA, 40));
        }
        h.processWatermark(2 * HOUR);
        List<PollutantHour> out = h.extractOutputValues();
        assertThat(out).extracting(PollutantHour::hourStart).containsExactly(0L);
        assertThat(out.get(0).coveredMs()[Quantity.O3.ordinal()]).isEqualTo(HOUR - 2_000);
        h.close();
    }

    @Test
    void unionJoinsOverlappingAndTouchingSpans() {
        long[] s = StationHours.union(null, 10, 20);
        s = StationHours.union(s, 30, 40);
        s = StationHours.union(s, 0, 5);
        assertThat(s).containsExactly(0, 5, 10, 20, 30, 40);
        s = StationHours.union(s, 20, 30); // touches both neighbours
        assertThat(s).containsExactly(0, 5, 10, 40);
        s = StationHours.union(s, 3, 12);
        assertThat(s).containsExactly(0, 40);
        assertThat(StationHours.covered(s)).isEqualTo(40);
        assertThat(StationHours.covered(StationHours.union(s, 50, 60))).isEqualTo(50);
    }

    static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        return records.stream().map(StreamRecord::getValue).toList();
    }
}
