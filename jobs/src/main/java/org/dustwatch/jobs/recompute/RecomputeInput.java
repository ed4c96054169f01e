package org.dustwatch.jobs.recompute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.RejectReason;

/**
 * Reads what a recompute needs from Kafka into a {@link Selection}: the dead-letter topic first
 * (the events of {@code LATE} and {@code CLOCK_SKEW} dead letters, and where the others point, so
 * that a record the live job refused stays refused), then each input topic, decoded as the live job
 * decodes it.
 *
 * <p>Kafka's record timestamps are times of sending, not event times. Each topic is read from the
 * first offset sent at or after the warm-up's start minus {@link #LOOKBACK} (Kafka's {@code
 * offsetsForTimes}; the beginning for a topic replayed later), to the end offsets at the start of
 * the read, and filtered by event time. An event is sent after it happens, and at most the allowed
 * future skew (10 minutes by default) before: the day of look-back covers that and a producer's
 * clock a day off.
 */
public final class RecomputeInput {

    /** How long before the warm-up's start the read begins, in send time. */
    public static final Duration LOOKBACK = Duration.ofDays(1);

    /** The reasons of dead letters whose events a recompute counts. */
    public static final Set<String> READMITTED =
            Set.of(RejectReason.LATE.name(), RejectReason.CLOCK_SKEW.name());

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was read: records per topic, and the dead letters by reason. */
    public record Read(Map<String, Long> records, Map<String, Long> deadLetters, long refused) {}

    private final String bootstrap;
    private final Properties kafka;
    private final Consumer<String> progress;

    public RecomputeInput(String bootstrap, Properties kafka, Consumer<String> progress) {
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.progress = progress;
    }

    /**
     * Reads the dead letters and both input topics into {@code into}.
     *
     * @param decoders the live job's decoders, by input topic
     */
    public Read read(
            RecomputeRange range,
            String deadLetterTopic,
            Map<String, RecordDecoder.Factory<?>> decoders,
            Selection into)
            throws IOException {
        long since = range.readFrom() - LOOKBACK.toMillis();
        Map<String, RecordDecoder<?>> decoder = new HashMap<>();
        decoders.forEach((t, f) -> decoder.put(t, f.create(Clock.systemUTC())));

        Map<String, Long> reasons = new java.util.TreeMap<>();
        Set<String> refusedLive = new HashSet<>();
        long dead =
                scan(
                        deadLetterTopic,
                        since,
                        r -> {
                            JsonNode d = deadLetter(r.value());
                            String reason = d.path("reason").asText("?");
                            reasons.merge(reason, 1L, Long::sum);
                            String source = d.path("sourceTopic").asText();
                            RecordDecoder<?> dec = decoder.get(source);
                            if (dec == null) {
                                return;
                            }
                            if (!READMITTED.contains(reason)) {
                                refusedLive.add(
                                        where(
                                                source,
                                                d.path("partition").asInt(),
                                                d.path("offset").asLong()));
                                return;
                            }
                            Object event = event(reason, payload(d), dec, source, decoders);
                            if (event != null) {
                                into.offerReadmitted(event);
                            }
                        });
        progress.accept(String.format("read %,d dead letters of %s", dead, deadLetterTopic));

        Map<String, Long> records = new java.util.TreeMap<>();
        long[] refused = {0};
        for (Map.Entry<String, RecordDecoder<?>> e : decoder.entrySet()) {
            String topic = e.getKey();
            long n =
                    scan(
                            topic,
                            since,
                            r -> {
                                if (refusedLive.contains(where(topic, r.partition(), r.offset()))) {
                                    refused[0]++;
                                    return;
                                }
                                Decoded<?> d = e.getValue().decode(r.value());
                                if (d instanceof Decoded.Ok<?> ok) {
                                    into.offer(ok.value());
                                } else {
                                    refused[0]++;
                                }
                            });
            records.put(topic, n);
            progress.accept(String.format("read %,d records of %s", n, topic));
        }
        return new Read(records, reasons, refused[0]);
    }

    /** A dead letter's event: the validated JSON of a {@code LATE} one, else its raw record. */
    static Object event(
            String reason,
            byte[] payload,
            RecordDecoder<?> decoder,
            String source,
            Map<String, RecordDecoder.Factory<?>> decoders)
            throws IOException {
        if (payload == null) {
            return null;
        }
        if (reason.equals(RejectReason.LATE.name())) {
            Class<?> type =
                    decoders.get(source) instanceof org.dustwatch.model.InspectionDecoder.Factory
                            ? Inspection.class
                            : Reading.class;
            return JSON.readValue(payload, type);
        }
        return decoder.decode(payload) instanceof Decoded.Ok<?> ok ? ok.value() : null;
    }

    private static JsonNode deadLetter(byte[] value) throws IOException {
        return JSON.readTree(value);
    }

    private static byte[] payload(JsonNode d) {
        if (d.hasNonNull("payload")) {
            return d.get("payload").asText().getBytes(StandardCharsets.UTF_8);
        }
        if (d.hasNonNull("payloadBase64")) {
            return Base64.getDecoder().decode(d.get("payloadBase64").asText());
        }
        return null;
    }

    private static String where(String topic, int partition, long offset) {
        return topic + "/" + partition + "@" + offset;
    }

    interface Handler {
        void accept(ConsumerRecord<byte[], byte[]> r) throws IOException;
    }

    /**
     * Every record of {@code topic} sent at or after {@code since} (epoch ms), up to the end
     * offsets at the call, in offset order per partition; returns how many.
     */
    long scan(String topic, long since, Handler handler) throws IOException {
        Properties p = new Properties();
        p.putAll(kafka);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> c =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(30));
            Map<TopicPartition, Long> times = new HashMap<>();
            parts.forEach(tp -> times.put(tp, since));
            Map<TopicPartition, OffsetAndTimestamp> start =
                    c.offsetsForTimes(times, Duration.ofSeconds(30));
            for (TopicPartition tp : parts) {
                OffsetAndTimestamp o = start.get(tp);
                c.seek(tp, o == null ? end.get(tp) : o.offset());
            }
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition tp : parts) {
                if (c.position(tp) < end.get(tp)) {
                    open.add(tp);
                }
            }
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp)) {
                        handler.accept(r);
                        n++;
                    }
                }
                open.removeIf(tp -> c.position(tp) >= end.get(tp));
            }
        }
        return n;
    }
}
