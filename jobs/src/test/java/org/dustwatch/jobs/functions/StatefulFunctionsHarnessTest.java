package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.jobs.functions.ingest.Deduplicate;
import org.dustwatch.jobs.functions.ingest.LatenessGate;
import org.dustwatch.jobs.functions.ingest.SplitDeadLetters;
import org.dustwatch.jobs.stages.Ingest;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.RejectReason;
import org.dustwatch.model.VehicleType;
import org.junit.jupiter.api.Test;

/** De-duplication and the lateness gate in Flink's operator harness: output and cleanup. */
class StatefulFunctionsHarnessTest {

    static final long HOUR = 3_600_000;
    static final long MINUTE = 60_000;

    static Inspection inspection(String id, long ts) {
        return new Inspection(
                id, "CP-01", ts, VehicleType.OTHER, Cargo.EMPTY, 0, 0, "G107", "Dongcheng", null);
    }

    @Test
    void deduplicationPassesTheFirstDropsRepeatsAndForgetsIdsAfterTheHorizon() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Inspection, Inspection> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new Deduplicate<>(
                                Duration.ofHours(1),
                                new Ingest.InspectionTime(),
                                new Ingest.EventId()),
                        Inspection::checkpointId,
                        Types.STRING);

        h.processElement(inspection("e1", 1_000), 1_000);
        h.processElement(inspection("e1", 1_500), 1_500); // a redelivery
        h.processElement(inspection("e2", 14 * MINUTE), 14 * MINUTE); // the same quarter hour
        h.processElement(inspection("e3", 16 * MINUTE), 16 * MINUTE); // the next one

        assertThat(h.extractOutputValues())
                .extracting(Inspection::eventId)
                .containsExactly("e1", "e2", "e3");
        // one checkpoint's ids, and the same ids filed by the quarter hour they expire in
        assertThat(h.numKeyedStateEntries()).isEqualTo(2);
        assertThat(h.numEventTimeTimers()).isEqualTo(2); // one per quarter hour of expiry

        // e1 and e2 expire in the quarter hour that ends at 1 h 15 min
        h.processWatermark(HOUR + 15 * MINUTE - 1);
        h.processElement(inspection("e1", 1_700), 1_700);
        assertThat(h.extractOutputValues()).hasSize(3);

        h.processWatermark(HOUR + 15 * MINUTE); // e1 and e2 forgotten; e3 not yet
        h.processElement(inspection("e3", 16 * MINUTE + 500), 16 * MINUTE + 500);
        assertThat(h.extractOutputValues()).hasSize(3);
        assertThat(h.numEventTimeTimers()).isEqualTo(1);

        h.processWatermark(HOUR + 30 * MINUTE);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    static Inspection revised(String id, long ts, int violations, int revision) {
        return new Inspection(
                id,
                "CP-01",
                ts,
                VehicleType.OTHER,
                Cargo.EMPTY,
                violations,
                0,
                "G107",
                "Dongcheng",
                null,
                revision);
    }

    @Test
    void aHigherRevisionIsACorrectionAndTheSameOrALowerOneADuplicate() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Inspection, Inspection> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new Deduplicate<>(
                                Duration.ofHours(1),
                                new Ingest.InspectionTime(),
                                new Ingest.EventId()),
                        Inspection::checkpointId,
                        Types.STRING);

        h.processElement(revised("e1", 1_000, 0, 0), 1_000); // the original
        h.processElement(revised("e1", 1_000, 1, 1), 1_000); // corrected: a correction
        h.processElement(revised("e1", 1_000, 1, 1), 1_000); // the correction again: duplicate
        h.processElement(revised("e1", 1_000, 0, 0), 1_000); // the original again: duplicate
        h.processElement(revised("e1", 1_000, 3, 2), 1_000); // corrected again: a correction
        h.processElement(revised("e2", 2_000, 0, 4), 2_000); // a correction first: passes
        h.processElement(revised("e2", 2_000, 0, 0), 2_000); // its original: a duplicate
        h.processElement(revised("e2", 2_000, 0, 3), 2_000); // lower than 4: a duplicate

        assertThat(h.extractOutputValues())
                .extracting(Inspection::eventId, Inspection::revision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("e1", 0),
                        org.assertj.core.groups.Tuple.tuple("e2", 4));
        assertThat(h.getSideOutput(Deduplicate.CORRECTIONS)).hasSize(2);
        assertThat(h.getSideOutput(Deduplicate.DUPLICATES)).hasSize(4);
        assertThat(Deduplicate.isCorrection(0, 1)).isTrue();
        assertThat(Deduplicate.isCorrection(1, 1)).isFalse();
        assertThat(Deduplicate.isCorrection(2, 1)).isFalse();

        // the revisions are forgotten with the ids: state and timers empty
        h.processWatermark(HOUR + 15 * MINUTE);
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.processElement(revised("e1", 1_000, 0, 0), 1_000); // forgotten: passes as new
        assertThat(h.extractOutputValues()).hasSize(3);
        h.close();
    }

    @Test
    void theLatenessGateDropsExactlyWhatTheMinuteWindowWouldDrop() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Inspection, Inspection> h =
                ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                        new LatenessGate<>(
                                Duration.ofMinutes(10),
                                "dustwatch.inspections",
                                new Ingest.InspectionTime(),
                                new Ingest.Json<>()),
                        Inspection::checkpointId,
                        Types.STRING);
        long minute0End = 60_000 - 1;
        h.processWatermark(minute0End + 600_000 - 1);
        h.processElement(inspection("just-in-time", 5_000), 5_000);
        h.processWatermark(minute0End + 600_000);
        h.processElement(inspection("too-late", 59_999), 59_999);
        h.processElement(inspection("next-minute", 60_000), 60_000);

        assertThat(h.extractOutputValues())
                .extracting(Inspection::eventId)
                .containsExactly("just-in-time", "next-minute");
        List<DeadLetter> late =
                h.getSideOutput(SplitDeadLetters.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(late).hasSize(1);
        assertThat(late.get(0).reason()).isEqualTo(RejectReason.LATE);
        assertThat(late.get(0).sourceTopic()).isEqualTo("dustwatch.inspections");
        assertThat(late.get(0).payload()).contains("\"eventId\":\"too-late\"");
        assertThat(LatenessGate.isLate(59_999, 659_998, 600_000)).isFalse();
        assertThat(LatenessGate.isLate(59_999, 659_999, 600_000)).isTrue();
        h.close();
    }
}
