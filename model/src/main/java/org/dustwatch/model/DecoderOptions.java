package org.dustwatch.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits applied while decoding records.
 *
 * @param maxRecordBytes records larger than this are rejected as {@link RejectReason#OVERSIZED}
 * @param maxFutureSkew how far past the decoder's clock an event time may lie before it is rejected
 *     as {@link RejectReason#FUTURE_TIMESTAMP}
 */
public record DecoderOptions(int maxRecordBytes, Duration maxFutureSkew) implements Serializable {

    /** 16 KiB: a real inspection or reading is about 250 bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024;

    /** Field devices drift; ten minutes tolerates that without accepting nonsense. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    public DecoderOptions {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        if (maxRecordBytes < 256) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be at least 256, was " + maxRecordBytes);
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
    }

    public static DecoderOptions defaults() {
        return new DecoderOptions(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_FUTURE_SKEW);
    }
}
