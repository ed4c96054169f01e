package org.dustwatch.jobs.recompute;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.time.Clock;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.RejectReason;

/**
 * The decoder of the {@link ScratchTopics}: each record is an event the recompute already chose and
 * validated, as JSON (what a {@code LATE} dead letter carries), so it is read back as it is. The
 * scratch source uses the production {@code DecodingDeserializer} with this decoder, so its
 * watermarks are made exactly as the live job's are. A record that does not read (none should)
 * becomes a dead letter, which the recompute counts and reports.
 */
final class ValidatedJson<T> implements RecordDecoder<T> {

    private final ObjectReader reader;

    private ValidatedJson(Class<T> type) {
        this.reader = new ObjectMapper().readerFor(type);
    }

    @Override
    public Decoded<T> decode(byte[] payload) {
        try {
            return Decoded.ok(reader.readValue(payload));
        } catch (IOException | RuntimeException e) {
            return Decoded.rejected(
                    RejectReason.MALFORMED_JSON, "not a validated event: " + e.getMessage());
        }
    }

    /** The recipe, for each source task. */
    record Factory<T>(Class<T> type) implements RecordDecoder.Factory<T> {
        @Override
        public RecordDecoder<T> create(Clock clock) {
            return new ValidatedJson<>(type);
        }
    }
}
