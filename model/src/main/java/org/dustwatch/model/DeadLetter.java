package org.dustwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The envelope written to {@code dustwatch.dlq} for every refused record. The raw payload is kept
 * whole: as text when it is valid UTF-8, otherwise base64 in {@code payloadBase64}.
 *
 * @param reason why the record was refused
 * @param detail a one-line human-readable explanation
 * @param sourceTopic Kafka topic the record came from
 * @param partition its partition
 * @param offset its offset
 * @param payload the raw payload, if valid UTF-8
 * @param payloadBase64 the raw payload in base64, if not valid UTF-8
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(
        RejectReason reason,
        String detail,
        String sourceTopic,
        int partition,
        long offset,
        String payload,
        String payloadBase64) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter WRITER = MAPPER.writerFor(DeadLetter.class);

    /** Builds an envelope, choosing the payload encoding. */
    public static DeadLetter of(
            RejectReason reason,
            String detail,
            String topic,
            int partition,
            long offset,
            byte[] raw) {
        String text = raw == null ? "" : utf8OrNull(raw);
        String b64 = text == null ? Base64.getEncoder().encodeToString(raw) : null;
        return new DeadLetter(reason, detail, topic, partition, offset, text, b64);
    }

    public byte[] toJson() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a dead letter", e);
        }
    }

    public static DeadLetter fromJson(byte[] json) {
        try {
            return MAPPER.readValue(json, DeadLetter.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a dead-letter envelope", e);
        }
    }

    private static String utf8OrNull(byte[] raw) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
