package org.dustwatch.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;

/**
 * Decodes, validates and enriches one inspection from its JSON bytes (topic {@code
 * dustwatch.inspections}). Thread-confined; create one per task. Never throws for bad input: a bad
 * record becomes {@link Decoded.Rejected} with a reason.
 */
public final class InspectionDecoder extends JsonRecordReader implements RecordDecoder<Inspection> {

    /** Upper bound on one inspection's fines; a higher figure is a typo, not a fine. */
    public static final int MAX_FINE_YUAN = 100_000;

    /** The highest revision of one inspection; any non-negative {@code int}. */
    public static final int MAX_REVISION = Integer.MAX_VALUE;

    private final ReferenceData reference;
    private final PlateKey.Hasher plates;

    /** A decoder that drops plates without a trace ({@link Inspection#plateHash()} is null). */
    public InspectionDecoder(ReferenceData reference, DecoderOptions options, Clock clock) {
        this(reference, options, null, clock);
    }

    /**
     * @param plateKey the key that plates are hashed under; {@code null} drops them without a trace
     */
    public InspectionDecoder(
            ReferenceData reference, DecoderOptions options, PlateKey plateKey, Clock clock) {
        super(options, clock);
        this.reference = Objects.requireNonNull(reference, "reference");
        this.plates = plateKey == null ? null : plateKey.hasher();
    }

    @Override
    public Decoded<Inspection> decode(byte[] payload) {
        return decode(payload, this::read);
    }

    private Inspection read(JsonParser p) throws Reject, IOException {
        String eventId = null;
        String checkpointId = null;
        long ts = Long.MIN_VALUE;
        String plate = null;
        VehicleType vehicleType = null;
        Cargo cargo = null;
        int violations = -1;
        long fine = -1;
        int revision = 0; // optional: absent means the original record

        int seen = 0; // one bit per known field: a name twice is refused without a set
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int bit =
                    switch (name) {
                        case "eventId" -> {
                            eventId = text(p, name, 64);
                            yield 1;
                        }
                        case "checkpointId" -> {
                            checkpointId = text(p, name, 64);
                            yield 0x2;
                        }
                        case "ts" -> {
                            ts = timestamp(p);
                            yield 0x4;
                        }
                        case "plate" -> {
                            plate = text(p, name, 16);
                            yield 0x8;
                        }
                        case "vehicleType" -> {
                            vehicleType = enumValue(p, name, VehicleType.class);
                            yield 0x10;
                        }
                        case "cargo" -> {
                            cargo = enumValue(p, name, Cargo.class);
                            yield 0x20;
                        }
                        case "violations" -> {
                            violations = violations(p);
                            yield 0x40;
                        }
                        case "fineYuan" -> {
                            fine = integer(p, name, 0, MAX_FINE_YUAN);
                            yield 0x80;
                        }
                        case "revision" -> {
                            revision = (int) integer(p, name, 0, MAX_REVISION);
                            yield 0x100;
                        }
                        default -> throw unknownField(name);
                    };
            seen = once(seen, bit, name);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new Reject(RejectReason.MALFORMED_JSON, "object is not closed");
        }
        expectEnd(p);

        require(eventId, "eventId");
        require(checkpointId, "checkpointId");
        if (ts == Long.MIN_VALUE) {
            throw missing("ts");
        }
        require(plate, "plate");
        require(vehicleType, "vehicleType");
        require(cargo, "cargo");
        if (violations < 0) {
            throw missing("violations");
        }
        if (fine < 0) {
            throw missing("fineYuan");
        }
        if (violations == 0 && fine > 0) {
            throw new Reject(
                    RejectReason.IMPOSSIBLE_VALUE, "fineYuan is " + fine + " with no violation");
        }
        Checkpoint cp = reference.checkpoint(checkpointId);
        if (cp == null) {
            throw new Reject(
                    RejectReason.UNKNOWN_ID, "unknown checkpointId '" + clip(checkpointId) + "'");
        }
        return new Inspection(
                eventId,
                cp.id(),
                ts,
                vehicleType,
                cargo,
                violations,
                (int) fine,
                cp.road(),
                cp.township(),
                plates == null ? null : plates.hash(plate),
                revision);
    }

    private static int violations(JsonParser p) throws Reject, IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, "violations is null");
        }
        if (t != JsonToken.START_ARRAY) {
            throw wrongType("violations", "an array", t);
        }
        int mask = 0;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.VALUE_STRING) {
                throw wrongType("violations[]", "a string", t);
            }
            String s = p.getText();
            Violation v;
            try {
                v = Violation.valueOf(s);
            } catch (IllegalArgumentException e) {
                throw new Reject(
                        RejectReason.UNKNOWN_ENUM,
                        "violations has unknown value '" + clip(s) + "'");
            }
            if (v.in(mask)) {
                throw new Reject(RejectReason.IMPOSSIBLE_VALUE, "violations lists " + v + " twice");
            }
            mask |= v.bit();
        }
        return mask;
    }

    private static void require(Object value, String field) throws Reject {
        if (value == null) {
            throw missing(field);
        }
    }

    /**
     * Serializable recipe for building a decoder inside a Flink task.
     *
     * @param plateKey the key that plates are hashed under; {@code null} drops them
     */
    public record Factory(ReferenceData reference, DecoderOptions options, PlateKey plateKey)
            implements RecordDecoder.Factory<Inspection> {

        /** A recipe for decoders that drop plates. */
        public Factory(ReferenceData reference, DecoderOptions options) {
            this(reference, options, null);
        }

        @Override
        public InspectionDecoder create(Clock clock) {
            return new InspectionDecoder(reference, options, plateKey, clock);
        }
    }
}
