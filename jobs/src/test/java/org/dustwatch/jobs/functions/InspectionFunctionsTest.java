package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import org.dustwatch.connectors.influxdb.LineProtocol;
import org.dustwatch.jobs.functions.rollup.TallyInspections;
import org.dustwatch.jobs.io.InspectionStatsPoints;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.VehicleType;
import org.dustwatch.model.Violation;
import org.junit.jupiter.api.Test;

class InspectionFunctionsTest {

    static Inspection inspection(int violations, int fine) {
        return new Inspection(
                "e",
                "CP-01",
                0,
                VehicleType.DUMP_TRUCK,
                Cargo.MUCK,
                violations,
                fine,
                "G107",
                "Dongcheng",
                null);
    }

    @Test
    void tallyCountsVehiclesAndEachViolationAndMergesLosslessly() {
        TallyInspections f = new TallyInspections();
        InspectionTally a = f.createAccumulator();
        f.add(inspection(Violation.UNCOVERED.bit() | Violation.SPILLAGE.bit(), 700), a);
        f.add(inspection(0, 0), a);
        InspectionTally b = f.createAccumulator();
        f.add(inspection(Violation.OVERLOAD.bit(), 1000), b);
        f.add(inspection(Violation.OVERHEIGHT.bit() | Violation.UNCOVERED.bit(), 400), b);

        InspectionTally t = f.getResult(f.merge(a, b));

        assertThat(t.inspected).isEqualTo(4);
        assertThat(t.violating).isEqualTo(3);
        assertThat(t.uncovered).isEqualTo(2);
        assertThat(t.spillage).isEqualTo(1);
        assertThat(t.overload).isEqualTo(1);
        assertThat(t.overheight).isEqualTo(1);
        assertThat(t.finesYuan).isEqualTo(2100);
        assertThat(t.road).isEqualTo("G107");
        assertThat(t.township).isEqualTo("Dongcheng");
    }

    @Test
    void statsBecomeTheDocumentedPoint() {
        InspectionStats s =
                new InspectionStats(
                        "checkpoint",
                        "CP-01",
                        "G107",
                        "Dongcheng",
                        "1m",
                        1763596800000L,
                        4,
                        3,
                        2,
                        1,
                        1,
                        1,
                        2100);

        assertThat(
                        LineProtocol.toLine(
                                new InspectionStatsPoints(
                                                org.dustwatch.model.ReferenceData.bundled())
                                        .toPoint(s)))
                .isEqualTo(
                        "checkpoint_inspections,checkpoint=CP-01,road=G107,township=Dongcheng,window=1m"
                                + " fines_yuan=2100i,inspected=4i,lat=36.40724,lon=114.27243,overheight=1i,"
                                + "overload=1i,spillage=1i,uncovered=2i,violating=3i,violation_rate=0.75"
                                + " 1763596800000");
    }

    @Test
    void roadLevelPointsCarryOnlyTheRoadTag() {
        InspectionStats s =
                new InspectionStats("road", "G107", null, null, "1h", 0, 2, 0, 0, 0, 0, 0, 0);

        assertThat(
                        LineProtocol.toLine(
                                new InspectionStatsPoints(
                                                org.dustwatch.model.ReferenceData.bundled())
                                        .toPoint(s)))
                .startsWith("road_inspections,road=G107,window=1h ")
                .contains("violation_rate=0");
    }
}
