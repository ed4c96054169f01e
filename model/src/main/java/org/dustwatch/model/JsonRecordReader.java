package org.dustwatch.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
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
 *
 * <p>Strict beyond Jackson's defaults, so that no two parsers can read one record differently:
 * UTF-8 only (no byte-order mark, no UTF-16 or UTF-32, which Jackson would otherwise detect and
 * accept), no member name twice in one object at any level ({@link RejectReason#DUPLICATE_FIELD}),
 * and no unpaired surrogate in any string, member names included. On the valid path all of it is a
 * few comparisons: known names are tracked in a bit mask, and any other name, and any object below
 * the top level, is refused anyway, after which {@link #scan} looks at the whole record.
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

    /**
     * The same limits with Jackson's duplicate detection, for the rejection path only: it keeps a
     * HashSet of names per object, which cost the valid path 8 % (inspections) to 19 % (readings)
     * of its time; there the decoders' bit masks of known fields do the same for nothing.
     */
    private static final JsonFactory STRICT =
            FACTORY.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** The original message of Jackson's duplicate-name error, up to the name. */
    private static final String DUPLICATE = "Duplicate field '";

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
     * MALFORMED_JSON}, not "ts is before 2000", and a record that names a field twice is {@code
     * DUPLICATE_FIELD} whatever the first copy's value was.
     */
    <T> Decoded<T> decode(byte[] payload, Fields<T> fields) {
        JsonParser p = null;
        try {
            p = open(payload);
            return Decoded.ok(fields.read(p));
        } catch (Reject r) {
            if (p != null && r.reason != RejectReason.MALFORMED_JSON) {
                Decoded<T> worse = scan(payload);
                if (worse != null) {
                    return worse;
                }
            }
            return Decoded.rejected(r.reason, r.getMessage());
        } catch (IOException e) {
            return rejectFor(e, payload);
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

    /**
     * The rejection path's second look at a record that a field check refused: the whole payload
     * again, with duplicate names tracked at every level, every string and name checked for
     * unpaired surrogates, and nothing after the top-level object. Returns the rejection that
     * outranks the field's reason, or null if there is none. A valid record is parsed once: its
     * decoder tracks its own names in a bit mask (see {@link #duplicate}).
     */
    private static <T> Decoded<T> scan(byte[] payload) {
        try (JsonParser p = STRICT.createParser(payload)) {
            JsonToken t;
            int depth = 0;
            boolean closed = false;
            while ((t = p.nextToken()) != null) {
                if (closed) {
                    return Decoded.rejected(
                            RejectReason.MALFORMED_JSON, "trailing content after the object");
                }
                switch (t) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> closed = --depth == 0;
                    case FIELD_NAME -> checkSurrogates(p.currentName(), "a member name");
                    case VALUE_STRING -> checkSurrogates(p.getText(), "a string");
                    default -> {}
                }
            }
            return null;
        } catch (Reject r) {
            return Decoded.rejected(r.reason, r.getMessage());
        } catch (IOException e) {
            return rejectFor(e, payload);
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
        checkEncoding(payload);
        JsonParser p = FACTORY.createParser(payload);
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new Reject(RejectReason.MALFORMED_JSON, "not a JSON object");
        }
        return p;
    }

    /**
     * Refuses what Jackson's encoding detection would otherwise accept: a byte-order mark, and
     * UTF-16 or UTF-32 (recognised by a NUL byte among the first four, as Jackson recognises them).
     * RFC 8259 §8.1: JSON exchanged between systems is UTF-8 and must not begin with a BOM.
     */
    private static void checkEncoding(byte[] b) throws Reject {
        if (b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            throw new Reject(
                    RejectReason.MALFORMED_JSON,
                    "begins with a UTF-8 byte-order mark (EF BB BF): JSON sent over a network"
                            + " must not (RFC 8259 8.1)");
        }
        if (b[0] == (byte) 0xFE || b[0] == (byte) 0xFF) {
            throw new Reject(
                    RejectReason.MALFORMED_JSON,
                    "not UTF-8: begins with a UTF-16 or UTF-32 byte-order mark");
        }
        for (int i = 0, n = Math.min(4, b.length); i < n; i++) {
            if (b[i] == 0) {
                throw new Reject(
                        RejectReason.MALFORMED_JSON,
                        "not UTF-8: a NUL byte among the first four (UTF-16 or UTF-32?)");
            }
        }
    }

    /**
     * Refuses a string with an unpaired surrogate, a high one not followed by a low one or a low
     * one without a high one before it, whether escaped (&#92;ud800) or raw. Such a string is not
     * Unicode text: parsers and writers differ on what they make of it. Checked where a string is
     * accepted ({@link #text}); a string that a field check refuses, and every member name, is
     * checked by {@link #scan}, which that refusal sets off.
     */
    static void checkSurrogates(String s, String what) throws Reject {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                checkSurrogatesFrom(s, i, what);
                return;
            }
        }
    }

    private static void checkSurrogatesFrom(String s, int from, String what) throws Reject {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Reject(
                        RejectReason.MALFORMED_JSON,
                        what
                                + " contains an unpaired surrogate U+"
                                + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                                + " at character "
                                + i);
            }
        }
    }

    /** After the top-level object closed, only white space may follow. */
    static void expectEnd(JsonParser p) throws Reject, IOException {
        if (p.nextToken() != null) {
            throw new Reject(RejectReason.MALFORMED_JSON, "trailing content after the object");
        }
    }

    /**
     * Maps a parser failure to a rejection. A duplicate name is reported as such only when the
     * whole payload is otherwise well-formed: a truncated record is {@code MALFORMED_JSON} whatever
     * names it repeats. Finding that out takes a second scan, on this path only.
     */
    private static <T> Decoded<T> rejectFor(IOException e, byte[] payload) {
        if (e instanceof JsonParseException jpe
                && jpe.getOriginalMessage() != null
                && jpe.getOriginalMessage().startsWith(DUPLICATE)) {
            try (JsonParser p = FACTORY.createParser(payload)) {
                while (p.nextToken() != null) {
                    // syntax only: names were checked
                }
            } catch (IOException syntax) {
                return rejectFor(syntax, payload);
            }
            String m = jpe.getOriginalMessage();
            Reject d =
                    duplicate(
                            m.substring(
                                    DUPLICATE.length(),
                                    Math.max(DUPLICATE.length(), m.length() - 1)));
            return Decoded.rejected(d.reason, d.getMessage());
        }
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
        boolean control = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                control = true;
            } else if (Character.isSurrogate(c)) {
                checkSurrogatesFrom(s, i, field); // an unpaired one outranks a control character
                break;
            }
        }
        if (control) {
            throw new Reject(
                    RejectReason.IMPOSSIBLE_VALUE, field + " contains a control character");
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

    /**
     * Marks a known field as seen in {@code seen}, one bit per field, or refuses it as {@link
     * RejectReason#DUPLICATE_FIELD} if it was seen before.
     */
    static int once(int seen, int bit, String name) throws Reject {
        if ((seen & bit) != 0) {
            throw duplicate(name);
        }
        return seen | bit;
    }

    static Reject duplicate(String name) {
        return new Reject(
                RejectReason.DUPLICATE_FIELD,
                "member name '" + clip(name) + "' appears twice in one object");
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
            // no control characters and no surrogates in a detail: it must be plain text
            b.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
        }
        return s.length() > 40 ? b + "…" : b.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
