package org.dustwatch.jobs.records;

/**
 * What a result is about: the {@code level} (inspections, air quality) or {@code scope} (AQI) of
 * every result record and point. Records keep it as its tag, a string, so that their state
 * serializers stay those of the savepoints before this type existed.
 */
public enum Level {
    CHECKPOINT("checkpoint"),
    ROAD("road"),
    TOWNSHIP("township"),
    STATION("station"),
    DISTRICT("district");

    private final String tag;

    Level(String tag) {
        this.tag = tag;
    }

    /** The value written to InfluxDB and kept in records. */
    public String tag() {
        return tag;
    }

    public boolean is(String tag) {
        return this.tag.equals(tag);
    }

    @Override
    public String toString() {
        return tag;
    }
}
