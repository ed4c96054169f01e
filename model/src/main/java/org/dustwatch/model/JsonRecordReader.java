package org.dustwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Shared machinery of the record decoders: one reused {@link JsonFactory} with tight stream
 * constraints, typed field readers that reject with a precise reason, and the timestamp rules.
 *
 * <p>Decoding streams tokens rather than binding through reflection: it is about as fast, and it
 * tells a wrong type apart from an unknown field or an impossible value.
 */
abstract class JsonRecordReader {

    /** 2000-01-01T00:00:00Z: nothing older than this is a plausible campaign record. */
    static final long MIN_TS = 946_684_800_000L;

    private static final JsonFactory FACTORY =
            JsonFactory.builder()
                    .streamReadConstraints(
                            StreamReadConstraints.builder()
                                    .maxNestingDepth(8)
                                    .maxStringLength(4096)
                                    .maxNumberLength(32)
                                    .build())
                    .build();

    final DecoderOptions options;
    final Clock clock;

    JsonRecordReader(DecoderOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    /** Thrown inside a decoder to reject the current record; never escapes {@code decode}. */
    static final class Reject extends Exception {
        final RejectReason reason;

        Reject(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** Reads the fields of one record from a parser positioned inside its top-level object. */
    interface Fields<T> {
        T read(JsonParser p) throws Reject, IOException;
    }

    /**
     * Decodes one record. A field-level rejection is reported only once the rest of the payload has
     * been scanned and found well-formed: a record cut off in the middle of a number is {@code
     * MALFORMED_JSON}, not "ts is before 2000".
     */
    <T> Decoded<T> decode(byte[] payload, Fields<T> fields) {
        JsonParser p = null;
        try {
            p = open(payload);
            return Decoded.ok(fields.read(p));
        } catch (Reject r) {
            if (p != null && r.reason != RejectReason.MALFORMED_JSON) {
                try {
                    while (p.nextToken() != null) {
                        // scan to the end: a syntax error there outranks the field's reason
                    }
                } catch (IOException e) {
                    return rejectFor(e);
                }
            }
            return Decoded.rejected(r.reason, r.getMessage());
        } catch (IOException e) {
            return rejectFor(e);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // a parser over a byte array holds no resource
                }
            }
        }
    }

    /** Opens a parser positioned inside the top-level object, after size checks. */
    JsonParser open(byte[] payload) throws Reject, IOException {
        if (payload == null || payload.length == 0) {
            throw new Reject(RejectReason.MALFORMED_JSON, "empty payload");
        }
        if (payload.length > options.maxRecordBytes()) {
            throw new Reject(
                    RejectReason.OVERSIZED,
                    "record is "
                            + payload.length
                            + " bytes, the limit is "
                            + options.maxRecordBytes());
        }
        JsonParser p = FACTORY.createParser(payload);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Reject(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        return p;
    }

    /** After the top-level object closed, only white space may follow. */
    static void expectEnd(JsonParser p) throws Reject, IOException {
        if (p.nextToken() != null) {
            throw new Reject(RejectReason.MALFORMED_JSON, "trailing content after the object");
        }
    }

    /** Maps any parser failure to a rejection; decoders call this from their catch block. */
    static <T> Decoded<T> rejectFor(IOException e) {
        if (e instanceof StreamConstraintsException) {
            return Decoded.rejected(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
        }
        String message =
                e instanceof JsonProcessingException jpe
                        ? jpe.getOriginalMessage()
                        : e.getMessage();
        return Decoded.rejected(RejectReason.MALFORMED_JSON, "invalid JSON: " + firstLine(message));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown parse error";
        }
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    static String text(JsonParser p, String field, int maxLength) throws Reject, IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, field + " is null");
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType(field, "a string", t);
        }
        String s = p.getText();
        if (s.isBlank()) {
            throw new Reject(RejectReason.MISSING_FIELD, field + " is blank");
        }
        if (s.length() > maxLength) {
            throw new Reject(
                    RejectReason.IMPOSSIBLE_VALUE,
                    field + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw new Reject(
                        RejectReason.IMPOSSIBLE_VALUE, field + " contains a control character");
            }
        }
        return s;
    }

    static <E extends Enum<E>> E enumValue(JsonParser p, String field, Class<E> type)
            throws Reject, IOException {
        String s = text(p, field, 32);
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new Reject(
                    RejectReason.UNKNOWN_ENUM, field + " has unknown value '" + clip(s) + "'");
        }
    }

    /** A number, or NaN when the field is JSON null (a sensor that reported nothing). */
    static double optionalNumber(JsonParser p, String field, double min, double max)
            throws Reject, IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
            throw wrongType(field, "a number", t);
        }
        double v = p.getDoubleValue();
        if (!(v >= min && v <= max)) {
            throw new Reject(
                    RejectReason.IMPOSSIBLE_VALUE,
                    field + " = " + v + " is outside [" + fmt(min) + ", " + fmt(max) + "]");
        }
        return v;
    }

    static long integer(JsonParser p, String field, long min, long max) throws Reject, IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, field + " is null");
        }
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw wrongType(field, "an integer", t);
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            throw new Reject(RejectReason.IMPOSSIBLE_VALUE, field + " is out of range");
        }
        long v = p.getLongValue();
        if (v < min || v > max) {
            throw new Reject(
                    RejectReason.IMPOSSIBLE_VALUE,
                    field + " = " + v + " is outside [" + min + ", " + max + "]");
        }
        return v;
    }

    /** Reads {@code ts}: ISO-8601 with an offset, or epoch milliseconds. */
    long timestamp(JsonParser p) throws Reject, IOException {
        JsonToken t = p.nextToken();
        long ts;
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText();
            try {
                ts = OffsetDateTime.parse(s).toInstant().toEpochMilli();
            } catch (DateTimeParseException | ArithmeticException e) {
                throw new Reject(
                        RejectReason.BAD_TIMESTAMP,
                        "ts '" + clip(s) + "' is not ISO-8601 with an offset");
            }
        } else if (t == JsonToken.VALUE_NUMBER_INT) {
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new Reject(RejectReason.BAD_TIMESTAMP, "ts is out of range");
            }
            ts = p.getLongValue();
        } else if (t == JsonToken.VALUE_NULL) {
            throw new Reject(RejectReason.MISSING_FIELD, "ts is null");
        } else {
            throw wrongType("ts", "an ISO-8601 string or epoch milliseconds", t);
        }
        if (ts < MIN_TS) {
            throw new Reject(RejectReason.IMPOSSIBLE_VALUE, "ts is before 2000-01-01");
        }
        notInFuture(ts, "ts");
        return ts;
    }

    /**
     * Rejects an instant further past the clock than the allowed skew as {@link
     * RejectReason#FUTURE_TIMESTAMP}; {@code what} names it in the reason.
     */
    void notInFuture(long t, String what) throws Reject {
        long limit = clock.millis() + options.maxFutureSkew().toMillis();
        if (t > limit) {
            throw new Reject(
                    RejectReason.FUTURE_TIMESTAMP,
                    what
                            + " is "
                            + (t - clock.millis()) / 1000
                            + " s in the future, more than the allowed "
                            + options.maxFutureSkew().toSeconds()
                            + " s");
        }
    }

    static Reject wrongType(String field, String expected, JsonToken actual) {
        return new Reject(
                RejectReason.WRONG_TYPE,
                field + " must be " + expected + ", was " + describe(actual));
    }

    static Reject unknownField(String name) {
        return new Reject(RejectReason.UNKNOWN_FIELD, "unknown field '" + clip(name) + "'");
    }

    static Reject missing(String field) {
        return new Reject(RejectReason.MISSING_FIELD, field + " is missing");
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    static String clip(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && b.length() < 40; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
