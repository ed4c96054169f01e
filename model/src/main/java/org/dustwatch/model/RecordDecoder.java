package org.dustwatch.model;

import java.io.Serializable;
import java.time.Clock;

/** Decodes one record's bytes; never throws for bad input. Thread-confined. */
public interface RecordDecoder<T> {

    Decoded<T> decode(byte[] payload);

    /** A serializable recipe for a decoder, so that each Flink task builds its own. */
    interface Factory<T> extends Serializable {
        RecordDecoder<T> create(Clock clock);
    }
}
