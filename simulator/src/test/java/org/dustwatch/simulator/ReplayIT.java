package org.dustwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A JSONL file through the real broker and back, keys intact. */
class ReplayIT {

    @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void roundTripsAFileWithKeysFromTheEventsAndBadLinesUnkeyed(@TempDir Path dir)
            throws Exception {
        KAFKA.createTopics(List.of("replay.it"), 1);
        Path file = dir.resolve("events.jsonl");
        List<String> lines =
                List.of(
                        "{\"eventId\":\"a\",\"checkpointId\":\"CP-03\",\"ts\":1}",
                        "{\"stationId\":\"AQ-07\",\"ts\":2,\"pm25\":3}",
                        "",
                        "not json at all",
                        "{\"eventId\":\"b\",\"checkpointId\":\"CP-04\",\"ts\":3}");
        Files.write(file, lines, StandardCharsets.UTF_8);

        int exit =
                ReplayCli.run(
                        new String[] {
                            file.toString(),
                            "--topic",
                            "replay.it",
                            "--bootstrap",
                            KAFKA.bootstrap(),
                            "--rate",
                            "100"
                        });

        assertThat(exit).isZero();
        List<String> got = new ArrayList<>();
        for (ConsumerRecord<String, String> r : read("replay.it", 4)) {
            got.add(r.key() + " " + r.value());
        }
        assertThat(got)
                .containsExactly(
                        "CP-03 " + lines.get(0),
                        "AQ-07 " + lines.get(1),
                        "null not json at all",
                        "CP-04 " + lines.get(4));
    }

    @Test
    void reportsAMissingFileAndABadTopicWithAOneLineReason(@TempDir Path dir) {
        assertThat(
                        ReplayCli.run(
                                new String[] {
                                    dir.resolve("nope.jsonl").toString(), "--topic", "readings"
                                }))
                .isEqualTo(1);
        assertThat(ReplayCli.run(new String[] {"x.jsonl"})).isEqualTo(2);
        assertThat(ReplayCli.run(new String[] {"x.jsonl", "--topic", "readings", "--rate", "-1"}))
                .isEqualTo(2);
    }

    static List<ConsumerRecord<String, String>> read(String topic, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "replay-it");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(300)).forEach(out::add);
            }
        }
        return out;
    }
}
