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

    /** The InfluxDB database (1.x) or bucket (2.x) that dustwatch writes. */
    public static final String DATABASE = "dustwatch";

    private Topics() {}
}
