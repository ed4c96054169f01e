package org.dustwatch.model;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and defaults applied while decoding records.
 *
 * @param maxRecordBytes records larger than this are rejected as {@link RejectReason#OVERSIZED}
 * @param maxFutureSkew how far past the decoder's clock an event time may lie before it is rejected
 *     as {@link RejectReason#FUTURE_TIMESTAMP}
 * @param defaultPeriod the averaging period of a reading that says none, from a station that
 *     declares none
 * @param defaultStamp which end of its period a reading's {@code ts} marks, for a station that
 *     declares none
 */
public record DecoderOptions(
        int maxRecordBytes, Duration maxFutureSkew, Duration defaultPeriod, Stamp defaultStamp)
        implements Serializable {

    /** 16 KiB: a real inspection or reading is about 250 bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 16 * 1024;

    /** Field devices drift; ten minutes tolerates that without accepting nonsense. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(10);

    /**
     * One minute: the shortest cadence analysers report at. A longer guess would merge distinct
     * one-minute readings into one period; a feed with a longer cadence says so in its readings or
     * its stations' reference data.
     */
    public static final Duration DEFAULT_PERIOD = Duration.ofMinutes(1);

    public static final Stamp DEFAULT_STAMP = Stamp.START;

    public DecoderOptions {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(defaultPeriod, "defaultPeriod");
        Objects.requireNonNull(defaultStamp, "defaultStamp");
        if (maxRecordBytes < 256) {
            throw new IllegalArgumentException(
                    "maxRecordBytes must be at least 256, was " + maxRecordBytes);
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
        Reading.checkPeriod(defaultPeriod);
    }

    /** The given limits with the default period and stamp. */
    public DecoderOptions(int maxRecordBytes, Duration maxFutureSkew) {
        this(maxRecordBytes, maxFutureSkew, DEFAULT_PERIOD, DEFAULT_STAMP);
    }

    public static DecoderOptions defaults() {
        return new DecoderOptions(DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_FUTURE_SKEW);
    }
}
