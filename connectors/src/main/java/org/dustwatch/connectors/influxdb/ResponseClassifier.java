package org.dustwatch.connectors.influxdb;

/**
 * Maps an HTTP status of the write APIs (v1 {@code /write}, v2 {@code /api/v2/write}) to an
 * outcome. Pure; tested for every status class.
 */
public final class ResponseClassifier {
    private ResponseClassifier() {}

    /** Status -1 stands for "no response": a timeout or a connection failure. */
    public static final int NO_RESPONSE = -1;

    public static WriteOutcome classify(int status) {
        if (status == NO_RESPONSE) {
            return WriteOutcome.RETRY;
        }
        if (status >= 200 && status < 300) {
            return WriteOutcome.SUCCESS;
        }
        if (status == 400 || status == 422) {
            return WriteOutcome.REJECTED;
        }
        if (status == 408 || status == 429) {
            return WriteOutcome.RETRY;
        }
        if (status >= 500 && status < 600) {
            return WriteOutcome.RETRY;
        }
        return WriteOutcome.FAIL;
    }

    /** The operator-facing explanation of a {@link WriteOutcome#FAIL} status. */
    public static String explain(int status) {
        return switch (status) {
            case 401 -> "401 Unauthorized: check the InfluxDB user/password or token";
            case 403 -> "403 Forbidden: the credentials may not write to this database/bucket";
            case 404 ->
                    "404 Not Found: the database/bucket (or org) does not exist, or the URL or API"
                            + " version is wrong";
            case 413 -> "413 Request Entity Too Large: lower the sink's batch size";
            default -> "HTTP " + status + " is not retryable";
        };
    }
}
