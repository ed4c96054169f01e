package org.dustwatch.jobs.recompute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.dustwatch.jobs.stages.Ingest;
import org.dustwatch.model.Cargo;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.VehicleType;
import org.junit.jupiter.api.Test;

/** What a recompute reads back from dead letters: the payloads the live job wrote. */
class RecomputeInputTest {

    static final Map<String, org.dustwatch.model.RecordDecoder.Factory<?>> DECODERS =
            Map.of(
                    "dustwatch.inspections",
                    new InspectionDecoder.Factory(
                            ReferenceData.bundled(), DecoderOptions.defaults()),
                    "dustwatch.readings",
                    new ReadingDecoder.Factory(ReferenceData.bundled(), DecoderOptions.defaults()));

    @Test
    void aLateInspectionsPayloadAsTheLatenessGateWritesItIsTheSameInspection() throws Exception {
        Inspection late =
                new Inspection(
                        "E-9",
                        "CP-07",
                        1_795_190_400_123L,
                        VehicleType.DUMP_TRUCK,
                        Cargo.MUCK,
                        5,
                        2_200,
                        "G107",
                        "Dongcheng",
                        "3f9c00e1",
                        2);
        byte[] payload = new Ingest.Json<Inspection>().render(late);

        assertThat(RecomputeInput.event("LATE", payload, null, "dustwatch.inspections", DECODERS))
                .isEqualTo(late);
    }

    @Test
    void aLateReadingsPayloadIsTheSameReading() throws Exception {
        Reading late =
                new Reading(
                        "AQ-01",
                        1_795_190_700_000L,
                        1_795_190_400_000L,
                        300_000L,
                        31.5,
                        70.0,
                        Double.NaN,
                        22.0,
                        Double.NaN,
                        90.0,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        "Dongcheng");
        byte[] payload = new Ingest.Json<Reading>().render(late);

        Object back = RecomputeInput.event("LATE", payload, null, "dustwatch.readings", DECODERS);
        assertThat(back).isInstanceOf(Reading.class);
        assertThat(new String(new Ingest.Json<Reading>().render((Reading) back)))
                .isEqualTo(new String(payload));
    }
}
