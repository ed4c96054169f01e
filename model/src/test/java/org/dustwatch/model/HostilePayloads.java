package org.dustwatch.model;

import static org.dustwatch.model.RejectReason.DUPLICATE_FIELD;
import static org.dustwatch.model.RejectReason.FUTURE_TIMESTAMP;
import static org.dustwatch.model.RejectReason.IMPOSSIBLE_VALUE;
import static org.dustwatch.model.RejectReason.MALFORMED_JSON;
import static org.dustwatch.model.RejectReason.OVERSIZED;
import static org.dustwatch.model.RejectReason.WRONG_TYPE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Generates hostile payloads, each of a kind that must be refused, with the reason it must be
 * refused with: truncated JSON, deep nesting, huge strings, wrong types, NaN and Infinity, control
 * characters, invalid UTF-8, numbers out of range, timestamps in the year 9999, oversized records;
 * and the ambiguous ones that a lenient parser accepts: duplicate member names, a byte-order mark,
 * UTF-16, unpaired surrogates, trailing content. Deterministic for a seed.
 */
public final class HostilePayloads {

    public static final String VALID_INSPECTION =
            "{\"eventId\":\"E-1\",\"checkpointId\":\"CP-07\",\"ts\":\"2026-11-20T08:30:15.123+08:00\","
                    + "\"plate\":\"A12345\",\"vehicleType\":\"HEAVY_TRUCK\",\"cargo\":\"COAL\","
                    + "\"violations\":[\"UNCOVERED\"],\"fineYuan\":200}";
    public static final String VALID_READING =
            "{\"stationId\":\"AQ-03\",\"ts\":1763596800000,\"pm25\":35.2,\"pm10\":80.1,\"so2\":8,"
                    + "\"no2\":30.5,\"co\":0.8,\"o3\":100,\"humidity\":60}";

    /**
     * The kinds, one per generator case. 31 is prime to 2 and 3, so that a caller that picks
     * payload {@code i} for inspections when {@code i} is even (and skips every sixth for a valid
     * record, as ReliabilityIT does) still meets every kind for both contracts.
     */
    public static final int KINDS = 31;

    /** One hostile payload, the kind it is of and the reason it must be refused with. */
    public record Hostile(int kind, String name, RejectReason reason, byte[] payload) {}

    private final SplittableRandom random;

    public HostilePayloads(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Payload number {@code n}, hostile for the inspection contract when {@code inspection}. */
    public byte[] next(long n, boolean inspection) {
        return hostile(n, inspection).payload();
    }

    /** Payload number {@code n} with its kind and expected reason. */
    public Hostile hostile(long n, boolean inspection) {
        String valid = inspection ? VALID_INSPECTION : VALID_READING;
        String field = inspection ? "fineYuan" : "pm25";
        String text = inspection ? "\"A12345\"" : "\"AQ-03\"";
        String number = "\"" + field + "\":[0-9.]+";
        int kind = (int) (n % KINDS);
        return switch (kind) {
            case 0 ->
                    h(
                            kind,
                            "truncated",
                            MALFORMED_JSON,
                            utf8(valid.substring(0, 1 + random.nextInt(valid.length() - 1))));
            case 1 ->
                    h(
                            kind,
                            "arrays nested beyond the limit of 8",
                            MALFORMED_JSON,
                            utf8(
                                    "{\"a\":"
                                            + "[".repeat(20 + random.nextInt(5000))
                                            + "1"
                                            + "]".repeat(20)
                                            + "}"));
            case 2 ->
                    h(
                            kind,
                            "string over 4,096 characters",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replace(
                                            text,
                                            "\""
                                                    + "x".repeat(5_000 + random.nextInt(10_000))
                                                    + "\"")));
            case 3 ->
                    h(
                            kind,
                            "object where a number belongs",
                            WRONG_TYPE,
                            utf8(
                                    valid.replaceFirst(
                                            number, "\"" + field + "\":{\"nested\":true}")));
            case 4 ->
                    h(
                            kind,
                            "NaN or -Infinity literal",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replaceFirst(
                                            number,
                                            "\""
                                                    + field
                                                    + "\":"
                                                    + (random.nextBoolean()
                                                            ? "NaN"
                                                            : "-Infinity"))));
            case 5 ->
                    h(
                            kind,
                            "raw control character in a string",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replace(
                                            inspection ? "A12345" : "AQ-03",
                                            (inspection ? "A1" : "AQ")
                                                    + (char) random.nextInt(32)
                                                    + "45")));
            case 6 -> h(kind, "invalid UTF-8", MALFORMED_JSON, invalidUtf8(valid));
            case 7 ->
                    h(
                            kind,
                            "number of 33 to 64 digits",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replaceFirst(
                                            number,
                                            "\""
                                                    + field
                                                    + "\":"
                                                    + "9".repeat(33 + random.nextInt(32)))));
            case 8 ->
                    h(
                            kind,
                            "timestamp in the year 9999",
                            FUTURE_TIMESTAMP,
                            utf8(
                                    inspection
                                            ? valid.replace(
                                                    "2026-11-20T08:30:15.123+08:00",
                                                    "9999-12-31T23:59:59.999+08:00")
                                            : valid.replace("1763596800000", "253402300799000")));
            case 9 ->
                    h(
                            kind,
                            "17,000 bytes",
                            OVERSIZED,
                            utf8(
                                    valid.substring(0, valid.length() - 1)
                                            + ",\"pad\":\""
                                            + "z".repeat(17_000)
                                            + "\"}"));
            case 10 ->
                    h(
                            kind,
                            "array where ts belongs",
                            WRONG_TYPE,
                            utf8(
                                    valid.replaceFirst(
                                            "\"ts\":[^,]+", "\"ts\":[" + random.nextInt() + "]")));
            case 11 -> h(kind, "random bytes", MALFORMED_JSON, garbage());
            case 12 ->
                    h(
                            kind,
                            "a member name twice, both values valid",
                            DUPLICATE_FIELD,
                            utf8(
                                    inspection
                                            ? valid.replace(
                                                    "\"eventId\":\"E-1\",",
                                                    "\"eventId\":\"E-1\",\"eventId\":\"E-2\",")
                                            : valid.replace(
                                                    "\"pm25\":35.2,",
                                                    "\"pm25\":35.2,\"pm25\":3.52,")));
            case 13 ->
                    h(
                            kind,
                            "a member name twice, the first value refused",
                            DUPLICATE_FIELD,
                            utf8(
                                    valid.substring(0, 1)
                                            + "\""
                                            + field
                                            + "\":-1,"
                                            + valid.substring(1)));
            case 14 ->
                    h(
                            kind,
                            "a member name twice in a nested object",
                            DUPLICATE_FIELD,
                            utf8(
                                    valid.replaceFirst(
                                            number,
                                            "\"" + field + "\":{\"a\":1,\"b\":2,\"a\":3}")));
            case 15 ->
                    h(
                            kind,
                            "UTF-8 byte-order mark",
                            MALFORMED_JSON,
                            concat(
                                    new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                                    utf8(valid)));
            case 16 ->
                    h(
                            kind,
                            "escaped lone high surrogate",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replace(
                                            text,
                                            "\""
                                                    + (inspection ? "A12345" : "AQ-03")
                                                    + "\\ud800\"")));
            case 17 ->
                    h(
                            kind,
                            "escaped lone low surrogate in a member name",
                            MALFORMED_JSON,
                            utf8(valid.replace("\"ts\":", "\"ts\\udc00\":")));
            case 18 ->
                    h(
                            kind,
                            "surrogates in the wrong order",
                            MALFORMED_JSON,
                            utf8(valid.replace(text, "\"\\udc00\\ud800\"")));
            case 19 ->
                    h(
                            kind,
                            "raw UTF-8-encoded surrogate (CESU-8)",
                            MALFORMED_JSON,
                            cesuSurrogate(valid, text));
            case 20 ->
                    h(
                            kind,
                            "UTF-16LE without a byte-order mark",
                            MALFORMED_JSON,
                            valid.getBytes(StandardCharsets.UTF_16LE));
            case 21 ->
                    h(
                            kind,
                            "UTF-16 with a byte-order mark",
                            MALFORMED_JSON,
                            valid.getBytes(StandardCharsets.UTF_16));
            case 22 ->
                    h(
                            kind,
                            "NUL byte",
                            MALFORMED_JSON,
                            random.nextBoolean()
                                    ? concat(utf8(valid), new byte[] {0})
                                    : utf8(valid.replace(":", ":\u0000")));
            case 23 ->
                    h(
                            kind,
                            "number with a leading +",
                            MALFORMED_JSON,
                            utf8(valid.replaceFirst("\"" + field + "\":", "\"" + field + "\":+")));
            case 24 ->
                    h(
                            kind,
                            "trailing content after the object",
                            MALFORMED_JSON,
                            utf8(
                                    valid
                                            + switch (random.nextInt(3)) {
                                                case 0 -> "x";
                                                case 1 -> ",";
                                                default -> valid;
                                            }));
            case 25 ->
                    h(kind, "the object inside an array", MALFORMED_JSON, utf8("[" + valid + "]"));
            case 26 ->
                    h(
                            kind,
                            "huge exponent",
                            inspection ? WRONG_TYPE : IMPOSSIBLE_VALUE,
                            utf8(
                                    valid.replaceFirst(
                                            number,
                                            "\""
                                                    + field
                                                    + "\":1e"
                                                    + (400 + random.nextInt(1_000_000)))));
            case 27 ->
                    h(
                            kind,
                            "objects nested beyond the limit of 8",
                            MALFORMED_JSON,
                            utf8(
                                    valid.replaceFirst(
                                            number,
                                            "\""
                                                    + field
                                                    + "\":"
                                                    + "{\"a\":".repeat(9 + random.nextInt(100))
                                                    + "1"
                                                    + "}".repeat(9))));
            case 28 ->
                    h(
                            kind,
                            "single-quoted names",
                            MALFORMED_JSON,
                            utf8(valid.replace("\"ts\":", "'ts':")));
            case 29 ->
                    h(
                            kind,
                            "comment",
                            MALFORMED_JSON,
                            utf8(valid.replace("\"ts\":", "/* clock */\"ts\":")));
            default ->
                    h(
                            kind,
                            "trailing comma",
                            MALFORMED_JSON,
                            utf8(valid.substring(0, valid.length() - 1) + ",}"));
        };
    }

    private static Hostile h(int kind, String name, RejectReason reason, byte[] payload) {
        return new Hostile(kind, name, reason, payload);
    }

    /** The text value with its first character replaced by ED A0 80, U+D800 encoded as UTF-8. */
    private static byte[] cesuSurrogate(String valid, String text) {
        int at = valid.indexOf(text) + 1;
        byte[] head = utf8(valid.substring(0, at));
        byte[] tail = utf8(valid.substring(at + 1));
        return concat(concat(head, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}), tail);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private byte[] invalidUtf8(String valid) {
        byte[] b = utf8(valid);
        int at = 2 + random.nextInt(b.length - 4);
        b[at] = (byte) (0xC0 | random.nextInt(2)); // overlong lead byte: never valid UTF-8
        b[at + 1] = (byte) 0x20;
        return b;
    }

    private byte[] garbage() {
        byte[] b = new byte[1 + random.nextInt(300)];
        random.nextBytes(b);
        b[0] = (byte) (b[0] == '{' ? '[' : b[0]);
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
