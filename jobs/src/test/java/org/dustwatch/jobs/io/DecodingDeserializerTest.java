package org.dustwatch.jobs.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.jobs.functions.ingest.Clocked;
import org.dustwatch.jobs.functions.ingest.SourceClocks;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.RejectReason;
import org.junit.jupiter.api.Test;

class DecodingDeserializerTest {

    final DecodingDeserializer<Inspection> deserializer =
            new DecodingDeserializer<>(
                    new InspectionDecoder.Factory(
                            ReferenceData.bundled(), DecoderOptions.defaults()),
                    Envelope.OF_INSPECTIONS,
                    new Clocked.Inspections(),
                    SourceClocks.Settings.of(Duration.ofSeconds(30), Duration.ofMinutes(15), true));

    List<Envelope<Inspection>> deserialize(String value) {
        List<Envelope<Inspection>> out = new ArrayList<>();
        deserializer.deserialize(
                new ConsumerRecord<>(
                        "dustwatch.inspections",
                        1,
                        99,
                        "CP-01".getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)),
                new Collector<>() {
                    @Override
                    public void collect(Envelope<Inspection> record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        return out;
    }

    @Test
    void aGoodRecordBecomesAValueWithItsEventTime() {
        List<Envelope<Inspection>> out =
                deserialize(
                        "{\"eventId\":\"e\",\"checkpointId\":\"CP-01\",\"ts\":1763596800000,"
                                + "\"plate\":\"A1\",\"vehicleType\":\"OTHER\",\"cargo\":\"EMPTY\","
                                + "\"violations\":[],\"fineYuan\":0}");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).deadLetter()).isNull();
        assertThat(out.get(0).value().road()).isEqualTo("G107");
        assertThat(out.get(0).eventTime(Inspection::ts)).isEqualTo(1763596800000L);
    }

    @Test
    void aBadRecordBecomesADeadLetterWithItsCoordinatesAndNeverMovesTheWatermark() {
        List<Envelope<Inspection>> out = deserialize("{\"eventId\":");

        assertThat(out).hasSize(1);
        Envelope<Inspection> e = out.get(0);
        assertThat(e.value()).isNull();
        assertThat(e.deadLetter().reason()).isEqualTo(RejectReason.MALFORMED_JSON);
        assertThat(e.deadLetter().sourceTopic()).isEqualTo("dustwatch.inspections");
        assertThat(e.deadLetter().partition()).isEqualTo(1);
        assertThat(e.deadLetter().offset()).isEqualTo(99);
        assertThat(e.deadLetter().payload()).isEqualTo("{\"eventId\":");
        assertThat(e.eventTime(Inspection::ts)).isEqualTo(Long.MIN_VALUE);
    }
}
