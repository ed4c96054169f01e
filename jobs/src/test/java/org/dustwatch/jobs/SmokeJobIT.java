package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.dustwatch.connectors.influxdb.InfluxDbSink;
import org.dustwatch.jobs.functions.InspectionStatsPoints;
import org.dustwatch.jobs.records.InspectionStats;
import org.dustwatch.model.DeadLetter;
import org.dustwatch.model.RejectReason;
import org.dustwatch.model.Topics;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The smoke pipeline end to end: a real Kafka broker, a real influxd and a MiniCluster with two
 * TaskManagers. Expected values are written out by hand from the input, not computed with the job's
 * own classes.
 */
class SmokeJobIT {

    @RegisterExtension
    @Order(1)
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    @Order(2)
    static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension
    @Order(3)
    static final MiniClusterExtension FLINK =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(2)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** 2026-11-20 08:00 in Shanghai; every event is an offset from it. */
    static final OffsetDateTime BASE = OffsetDateTime.parse("2026-11-20T08:00:00+08:00");

    static final long MINUTE_0 = BASE.toInstant().toEpochMilli();
    static final long MINUTE_1 = MINUTE_0 + 60_000;

    static String inspection(
            String id, String checkpoint, int offsetSeconds, String violations, int fine) {
        return String.format(
                "{\"eventId\":\"%s\",\"checkpointId\":\"%s\",\"ts\":\"%s\",\"plate\":\"A12345\","
                        + "\"vehicleType\":\"HEAVY_TRUCK\",\"cargo\":\"MUCK\",\"violations\":[%s],"
                        + "\"fineYuan\":%d}",
                id, checkpoint, BASE.plusSeconds(offsetSeconds), violations, fine);
    }

    @Test
    void countsPerCheckpointMinuteAndRoutesBadRecordsToTheDeadLetterTopic() throws Exception {
        KAFKA.createTopics(Topics.ALL, 2);
        INFLUX.client().createDatabase("smoke");
        List<Map.Entry<String, String>> input = new ArrayList<>();
        input.add(
                Map.entry(
                        "CP-01", inspection("e1", "CP-01", 5, "\"UNCOVERED\",\"SPILLAGE\"", 200)));
        input.add(Map.entry("CP-01", inspection("e2", "CP-01", 20, "", 0)));
        input.add(Map.entry("CP-02", inspection("e3", "CP-02", 30, "\"OVERHEIGHT\"", 100)));
        input.add(Map.entry("CP-01", inspection("e4", "CP-01", 70, "\"OVERLOAD\"", 500)));
        // Out of order, but within the 30 s bound: still counts in minute 0.
        input.add(Map.entry("CP-01", inspection("e5", "CP-01", 50, "", 0)));
        input.add(Map.entry("CP-02", inspection("e6", "CP-02", 55, "", 0)));
        input.add(Map.entry("CP-01", "{\"eventId\":\"broken\""));
        input.add(Map.entry("CP-99", inspection("e7", "CP-99", 10, "", 0)));
        TestKafka.produce(KAFKA.bootstrap(), Topics.INSPECTIONS, input);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        SmokeJob.build(
                env,
                SmokeJob.inspectionSource(KAFKA.bootstrap(), "smoke-it", true),
                InfluxDbSink.<InspectionStats>builder()
                        .url(INFLUX.url())
                        .database("smoke")
                        .converter(new InspectionStatsPoints())
                        .build(),
                SmokeJob.deadLetterSink(KAFKA.bootstrap()));
        env.execute("smoke-it");

        String q =
                "SELECT inspected, violating, violation_rate, uncovered, overheight, overload,"
                        + " spillage, fines_yuan FROM checkpoint_inspections"
                        + " GROUP BY checkpoint, road, township, \"window\"";
        JsonNode series =
                new ObjectMapper()
                        .readTree(INFLUX.client().query("smoke", q))
                        .path("results")
                        .path(0)
                        .path("series");
        List<String> rows = new ArrayList<>();
        for (JsonNode s : series) {
            JsonNode tags = s.path("tags");
            for (JsonNode v : s.path("values")) {
                rows.add(
                        tags.path("checkpoint").asText()
                                + " "
                                + tags.path("road").asText()
                                + " "
                                + tags.path("township").asText()
                                + " "
                                + tags.path("window").asText()
                                + " "
                                + Instant.ofEpochMilli(v.get(0).asLong())
                                + " "
                                + v.get(1).asLong()
                                + " "
                                + v.get(2).asLong()
                                + " "
                                + v.get(3).asDouble()
                                + " "
                                + v.get(4).asLong()
                                + " "
                                + v.get(5).asLong()
                                + " "
                                + v.get(6).asLong()
                                + " "
                                + v.get(7).asLong()
                                + " "
                                + v.get(8).asLong());
            }
        }
        // checkpoint road township window start | inspected violating rate | unc oh ol spill |
        // fines
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "CP-01 G107 Dongcheng 1m 2026-11-20T00:00:00Z 3 1 0.3333333333333333 1 0 0 1 200",
                        "CP-01 G107 Dongcheng 1m 2026-11-20T00:01:00Z 1 1 1.0 0 0 1 0 500",
                        "CP-02 G107 Xihe 1m 2026-11-20T00:00:00Z 2 1 0.5 0 1 0 0 100");
        assertThat(Instant.ofEpochMilli(MINUTE_1)).isEqualTo(Instant.parse("2026-11-20T00:01:00Z"));

        List<ConsumerRecord<byte[], byte[]>> dlq =
                TestKafka.readAll(KAFKA.bootstrap(), Topics.DEAD_LETTERS, 2);
        assertThat(dlq).hasSize(2);
        List<String> letters =
                dlq.stream()
                        .map(r -> DeadLetter.fromJson(r.value()))
                        .map(d -> d.reason() + " " + d.sourceTopic() + " " + d.payload())
                        .toList();
        assertThat(letters)
                .containsExactlyInAnyOrder(
                        RejectReason.MALFORMED_JSON
                                + " dustwatch.inspections {\"eventId\":\"broken\"",
                        RejectReason.UNKNOWN_ID
                                + " dustwatch.inspections "
                                + inspection("e7", "CP-99", 10, "", 0));
        assertThat(
                        dlq.stream()
                                .map(r -> DeadLetter.fromJson(r.value()))
                                .mapToLong(DeadLetter::offset))
                .allMatch(o -> o >= 0);
    }
}
