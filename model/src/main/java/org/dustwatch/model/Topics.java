package org.dustwatch.model;

import java.util.List;

/** Default Kafka topic names of the data contract; each can be overridden in the configuration. */
public final class Topics {
    public static final String INSPECTIONS = "dustwatch.inspections";
    public static final String READINGS = "dustwatch.readings";
    public static final String DEAD_LETTERS = "dustwatch.dlq";
    public static final String ALERTS = "dustwatch.alerts";

    /** Every topic the local stack creates. */
    public static final List<String> ALL = List.of(INSPECTIONS, READINGS, DEAD_LETTERS, ALERTS);

    /**
     * How long the local and compose stacks keep the records of their topics ({@code
     * retention.ms}): 90 days. Kafka's default, 7 days, does not reach back far enough for the
     * monthly revision ({@code dustwatch recompute}, docs/operations.md): a month (31 days), the
     * recompute's warm-up before it (30 days by default, the repeat-offender period) and a day's
     * margin, recomputed up to four weeks after the month's end.
     */
    public static final java.time.Duration RETENTION = java.time.Duration.ofDays(90);

    /** The InfluxDB database (1.x) or bucket (2.x) that dustwatch writes. */
    public static final String DATABASE = "dustwatch";

    private Topics() {}
}
