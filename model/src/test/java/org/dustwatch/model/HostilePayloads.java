package org.dustwatch.model;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Generates hostile payloads, each of a kind that must be refused: truncated JSON, deep nesting,
 * huge strings, wrong types, NaN and Infinity, control characters, invalid UTF-8, numbers out of
 * range, timestamps in the year 9999, oversized records. Deterministic for a seed.
 */
public final class HostilePayloads {

    public static final String VALID_INSPECTION =
            "{\"eventId\":\"E-1\",\"checkpointId\":\"CP-07\",\"ts\":\"2026-11-20T08:30:15.123+08:00\","
                    + "\"plate\":\"A12345\",\"vehicleType\":\"HEAVY_TRUCK\",\"cargo\":\"COAL\","
                    + "\"violations\":[\"UNCOVERED\"],\"fineYuan\":200}";
    public static final String VALID_READING =
            "{\"stationId\":\"AQ-03\",\"ts\":1763596800000,\"pm25\":35.2,\"pm10\":80.1,\"so2\":8,"
                    + "\"no2\":30.5,\"co\":0.8,\"o3\":100,\"humidity\":60}";

    /** The kinds, one per generator case. */
    public static final int KINDS = 12;

    private final SplittableRandom random;

    public HostilePayloads(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Payload number {@code n}, hostile for the inspection contract when {@code inspection}. */
    public byte[] next(long n, boolean inspection) {
        String valid = inspection ? VALID_INSPECTION : VALID_READING;
        String field = inspection ? "fineYuan" : "pm25";
        return switch ((int) (n % KINDS)) {
            case 0 -> utf8(valid.substring(0, 1 + random.nextInt(valid.length() - 1)));
            case 1 ->
                    utf8(
                            "{\"a\":"
                                    + "[".repeat(20 + random.nextInt(5000))
                                    + "1"
                                    + "]".repeat(20)
                                    + "}");
            case 2 ->
                    utf8(
                            valid.replace(
                                            "\"E-1\"",
                                            "\""
                                                    + "x".repeat(5_000 + random.nextInt(10_000))
                                                    + "\"")
                                    .replace(
                                            "\"AQ-03\"",
                                            "\""
                                                    + "y".repeat(5_000 + random.nextInt(10_000))
                                                    + "\""));
            case 3 ->
                    utf8(
                            valid.replaceFirst(
                                    "\"" + field + "\":[0-9.]+",
                                    "\"" + field + "\":{\"nested\":true}"));
            case 4 ->
                    utf8(
                            valid.replaceFirst(
                                    "\"" + field + "\":[0-9.]+",
                                    "\""
                                            + field
                                            + "\":"
                                            + (random.nextBoolean() ? "NaN" : "-Infinity")));
            case 5 ->
                    utf8(
                            valid.replace(
                                    inspection ? "A12345" : "AQ-03",
                                    (inspection ? "A1" : "AQ") + (char) random.nextInt(32) + "45"));
            case 6 -> invalidUtf8(valid);
            case 7 ->
                    utf8(
                            valid.replaceFirst(
                                    "\"" + field + "\":[0-9.]+",
                                    "\"" + field + "\":" + "9".repeat(25 + random.nextInt(40))));
            case 8 ->
                    utf8(
                            inspection
                                    ? valid.replace(
                                            "2026-11-20T08:30:15.123+08:00",
                                            "9999-12-31T23:59:59.999+08:00")
                                    : valid.replace("1763596800000", "253402300799000"));
            case 9 ->
                    utf8(
                            valid.substring(0, valid.length() - 1)
                                    + ",\"pad\":\""
                                    + "z".repeat(17_000)
                                    + "\"}");
            case 10 ->
                    utf8(valid.replaceFirst("\"ts\":[^,]+", "\"ts\":[" + random.nextInt() + "]"));
            default -> garbage();
        };
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
