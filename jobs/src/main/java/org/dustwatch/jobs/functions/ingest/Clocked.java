package org.dustwatch.jobs.functions.ingest;

import java.io.Serializable;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.Reading;

/** What {@link SourceClocks} needs of a record: whose clock stamped it, when, and its period. */
public interface Clocked<T> extends Serializable {

    /** {@code checkpoint} or {@code station}: the level of a {@code clock_skew} alert. */
    String level();

    /** The checkpoint or station id. */
    String id(T value);

    /** The clock's key: a checkpoint; a station's feed (a period of its own). */
    Object clock(T value);

    long eventTime(T value);

    long periodMs(T value);

    /** A checkpoint stamps each inspection with its device's clock. */
    final class Inspections implements Clocked<Inspection> {
        @Override
        public String level() {
            return "checkpoint";
        }

        @Override
        public String id(Inspection i) {
            return i.checkpointId();
        }

        @Override
        public Object clock(Inspection i) {
            return i.checkpointId();
        }

        @Override
        public long eventTime(Inspection i) {
            return i.ts();
        }

        @Override
        public long periodMs(Inspection i) {
            return 0;
        }
    }

    /**
     * A station's feeds each have a clock: a PM monitor's five-minute means and a gas analyser's
     * hourly ones arrive at their own cadences, so each is due a period after its last.
     */
    final class Readings implements Clocked<Reading> {
        /** A station's feed of one period. */
        record Feed(String station, long periodMs) {}

        @Override
        public String level() {
            return "station";
        }

        @Override
        public String id(Reading r) {
            return r.stationId();
        }

        @Override
        public Object clock(Reading r) {
            return new Feed(r.stationId(), r.periodMs());
        }

        @Override
        public long eventTime(Reading r) {
            return r.eventTime();
        }

        @Override
        public long periodMs(Reading r) {
            return r.periodMs();
        }
    }
}
