package org.dustwatch.jobs.functions.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.dustwatch.jobs.functions.rollup.InspectionRollUp.Part;
import org.dustwatch.jobs.records.AirStats;
import org.dustwatch.jobs.records.HealthCount;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.jobs.records.Level;
import org.dustwatch.jobs.records.WindowSize;
import org.dustwatch.jobs.stages.PipelineHealth;
import org.dustwatch.model.Quantity;
import org.junit.jupiter.api.Test;

/** The roll-up primitive's fold and each record type's combiner, without Flink. */
class CombinersTest {

    static InspectionStats checkpointMinute(String cp, long start, long inspected, long fines) {
        return new InspectionStats(
                "checkpoint",
                cp,
                "G107",
                "Chengguan",
                "1m",
                start,
                inspected,
                1,
                1,
                0,
                0,
                0,
                fines);
    }

    @Test
    void theLastArrivalOfAPartReplacesItsEarlierOnesAndPartsKeepTheirFirstOrder() {
        InspectionRollUp road = new InspectionRollUp(Level.ROAD, WindowSize.MINUTE, Part.SUBJECT);
        List<InspectionStats> arrivals =
                List.of(
                        checkpointMinute("CP-1", 0, 3, 100),
                        checkpointMinute("CP-2", 0, 5, 200),
                        checkpointMinute("CP-1", 0, 4, 150)); // a late firing of CP-1
        List<InspectionStats> latest = List.copyOf(LastPerPart.latest(road, arrivals));
        assertThat(latest).extracting(InspectionStats::subject).containsExactly("CP-1", "CP-2");
        assertThat(latest.get(0).inspected()).isEqualTo(4);

        InspectionStats out = road.combine("G107", 0, latest);
        // 4 + 5, not 3 + 5 + 4
        assertThat(out.inspected()).isEqualTo(9);
        assertThat(out.finesYuan()).isEqualTo(350);
        assertThat(out.level()).isEqualTo("road");
        assertThat(out.window()).isEqualTo("1m");
        assertThat(out.road()).as("a road's own figures carry no road tag").isNull();
    }

    @Test
    void checkpointHoursArePartedByWindowAndKeepTheirRoadAndTownship() {
        InspectionRollUp hour =
                new InspectionRollUp(Level.CHECKPOINT, WindowSize.HOUR, Part.WINDOW);
        List<InspectionStats> arrivals =
                List.of(
                        checkpointMinute("CP-1", 0, 3, 100),
                        checkpointMinute("CP-1", 60_000, 2, 0),
                        checkpointMinute("CP-1", 0, 1, 50));
        InspectionStats out = hour.combine("CP-1", 0, LastPerPart.latest(hour, arrivals));
        assertThat(out.inspected()).isEqualTo(3); // 1 (minute 0, corrected) + 2 (minute 1)
        assertThat(out.violating()).isEqualTo(2);
        assertThat(out.road()).isEqualTo("G107");
        assertThat(out.township()).isEqualTo("Chengguan");
        assertThat(out.window()).isEqualTo("1h");
    }

    static AirStats station(String id, long start, double pm25Sum, long pm25Count, double pm25Max) {
        int n = Quantity.ALL.length;
        double[] sum = new double[n];
        long[] count = new long[n];
        double[] max = new double[n];
        Arrays.fill(max, Double.NaN);
        int i = Quantity.valueOf("PM25").ordinal();
        sum[i] = pm25Sum;
        count[i] = pm25Count;
        max[i] = pm25Max;
        return new AirStats(
                "station", id, "Chengguan", "1m", start, sum, count, max, 0, 0, pm25Count);
    }

    @Test
    void aStationHourAddsItsMinutesSumsCountsAndMaxima() {
        StationRollUp hour = new StationRollUp(WindowSize.HOUR);
        List<AirStats> arrivals =
                List.of(
                        station("AQ-01", 0, 60, 2, 40),
                        station("AQ-01", 60_000, 50, 1, 50),
                        station("AQ-01", 0, 90, 3, 45)); // minute 0 again, with a late reading
        AirStats out = hour.combine("AQ-01", 0, LastPerPart.latest(hour, arrivals));
        assertThat(out.mean(Quantity.valueOf("PM25"))).isEqualTo(140.0 / 4);
        assertThat(out.max()[Quantity.valueOf("PM25").ordinal()]).isEqualTo(50);
        assertThat(out.readings()).isEqualTo(4);
        assertThat(out.window()).isEqualTo("1h");
    }

    @Test
    void aTownshipWeighsEachStationOnceWhateverItsCadence() {
        TownshipAirRollUp town = new TownshipAirRollUp(WindowSize.HOUR);
        List<AirStats> stations =
                List.of(
                        station("AQ-01", 0, 600, 60, 20), // 60 readings, mean 10
                        station("AQ-02", 0, 30, 1, 30)); // 1 reading, mean 30
        AirStats out = town.combine("Chengguan", 0, LastPerPart.latest(town, stations));
        assertThat(out.mean(Quantity.valueOf("PM25"))).isEqualTo(20.0); // (10 + 30) / 2
        assertThat(out.max()[Quantity.valueOf("PM25").ordinal()]).isEqualTo(30);
        assertThat(out.count()[Quantity.valueOf("PM10").ordinal()])
                .as("no station had PM10")
                .isZero();
        assertThat(out.level()).isEqualTo("township");
    }

    @Test
    void validRecordsPerMinuteCountEachTownshipsLatestFigure() {
        ValidCount<InspectionStats> valid = new ValidCount<>(new PipelineHealth.Inspected());
        List<InspectionStats> arrivals =
                List.of(
                        checkpointMinute("Chengguan", 0, 7, 0),
                        checkpointMinute("Dongcheng", 0, 2, 0),
                        checkpointMinute("Chengguan", 0, 8, 0));
        HealthCount out =
                valid.combine("dustwatch.inspections", 0, LastPerPart.latest(valid, arrivals));
        assertThat(out.count()).isEqualTo(10);
    }
}
