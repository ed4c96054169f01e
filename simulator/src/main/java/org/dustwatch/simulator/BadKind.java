package org.dustwatch.simulator;

import java.util.SplittableRandom;

/** The kinds of bad record the simulator injects, each a corruption of a good one. */
public enum BadKind {
    /** Cut in half: truncated JSON. */
    MALFORMED_JSON,
    /** A checkpoint or station id that the reference data does not know. */
    UNKNOWN_ID,
    /** An enum value outside the contract (inspections). */
    BAD_ENUM,
    /** A negative fine, a humidity of 150%, or (a gas analyser's message) a negative pollutant. */
    IMPOSSIBLE_VALUE,
    /** Padded past the 16 KiB record limit. */
    OVERSIZED,
    /** A reading averaging two hours ({@code "period":"PT2H"}): an impossible value. */
    PERIOD_TOO_LONG,
    /** A reading's period that is not ISO-8601 ({@code "period":"5min"}): the wrong type. */
    PERIOD_NOT_ISO;

    private static final BadKind[] INSPECTION = {
        MALFORMED_JSON, UNKNOWN_ID, BAD_ENUM, IMPOSSIBLE_VALUE, OVERSIZED
    };
    private static final BadKind[] READING = {
        MALFORMED_JSON, UNKNOWN_ID, IMPOSSIBLE_VALUE, OVERSIZED, PERIOD_TOO_LONG, PERIOD_NOT_ISO
    };
    private static final String PADDING = "x".repeat(20_000);

    static BadKind[] forInspection() {
        return INSPECTION;
    }

    static BadKind[] forReading() {
        return READING;
    }

    String corrupt(String json, SplittableRandom random) {
        return switch (this) {
            case MALFORMED_JSON -> json.substring(0, 1 + random.nextInt(json.length() - 1));
            case UNKNOWN_ID ->
                    json.replaceFirst("\"checkpointId\":\"CP-", "\"checkpointId\":\"XX-")
                            .replaceFirst("\"stationId\":\"(AQ-)?", "\"stationId\":\"ZZ-");
            case BAD_ENUM -> json.replaceFirst("\"cargo\":\"[A-Z_]+\"", "\"cargo\":\"GOLD\"");
            case IMPOSSIBLE_VALUE ->
                    json.contains("\"fineYuan\"")
                            ? json.replaceFirst("\"fineYuan\":\\d+", "\"fineYuan\":-100")
                            : json.contains("\"humidity\"")
                                    ? json.replaceFirst(
                                            "\"humidity\":[0-9.]+", "\"humidity\":150.0")
                                    // a gas analyser's message has no weather
                                    : json.replaceFirst(
                                            "\"(pm25|pm10|so2|no2|co|o3)\":[0-9.]+", "\"$1\":-1.0");
            case PERIOD_TOO_LONG -> withPeriod(json, "PT2H");
            case PERIOD_NOT_ISO -> withPeriod(json, "5min");
            case OVERSIZED ->
                    json.substring(0, json.length() - 1) + ",\"note\":\"" + PADDING + "\"}";
        };
    }

    /** The reading with {@code "period"} set to {@code period}, after its {@code ts}. */
    private static String withPeriod(String json, String period) {
        return json.replaceFirst(
                "(,\"ts\":[0-9]+)(,\"period\":\"[^\"]*\")?", "$1,\"period\":\"" + period + "\"");
    }
}
