package org.dustwatch.jobs.records;

import java.time.Duration;

/**
 * The windows results are computed in: a minute, an hour, a local day. Records keep the tag, a
 * string, so that their state serializers stay those of the savepoints before this type existed.
 */
public enum WindowSize {
    MINUTE("1m", Duration.ofMinutes(1)),
    HOUR("1h", Duration.ofHours(1)),
    /** A local day of the job's zone: 23, 24 or 25 hours (LocalDayWindows). */
    DAY("1d", Duration.ofDays(1));

    private final String tag;
    private final Duration nominal;

    WindowSize(String tag, Duration nominal) {
        this.tag = tag;
        this.nominal = nominal;
    }

    /** The value written to InfluxDB ({@code window} tag) and kept in records. */
    public String tag() {
        return tag;
    }

    /** Its length; a local day's is nominal. */
    public Duration nominal() {
        return nominal;
    }

    public boolean is(String tag) {
        return this.tag.equals(tag);
    }

    @Override
    public String toString() {
        return tag;
    }
}
