package org.dustwatch.jobs;

/**
 * Every operator uid of the topology, in one place: the savepoint contract. A savepoint restores an
 * operator's state by its uid, so a uid changes only when its state changes meaning, and
 * docs/operations.md ("Upgrades") says which and why. {@code SavepointRestoreIT} restores a
 * savepoint of an older build, with no operator left out.
 */
public final class Uids {
    private Uids() {}

    // ---- ingest: per source, the source, validation, lateness gate and de-duplication --------
    public static final String INSPECTIONS_SOURCE = "inspections-source";
    public static final String INSPECTIONS_VALIDATE = "inspections-validate";
    public static final String INSPECTIONS_LATENESS = "inspections-lateness";
    public static final String INSPECTIONS_DEDUP = "inspections-dedup-filed";
    public static final String READINGS_SOURCE = "readings-source";
    public static final String READINGS_VALIDATE = "readings-validate";
    public static final String READINGS_LATENESS = "readings-lateness";
    public static final String READINGS_MERGE = "readings-merge";

    // ---- inspection roll-ups --------------------------------------------------------------
    public static final String CHECKPOINT_MINUTES = "checkpoint-1m";
    public static final String CHECKPOINT_HOURS = "checkpoint-1h";
    public static final String CHECKPOINT_DAYS = "checkpoint-1d";
    public static final String ROAD_MINUTES = "road-1m";

    /** Rolled up from checkpoint hours; the uid says so since that change of its state. */
    public static final String ROAD_HOURS = "road-1h-of-checkpoint-hours";

    public static final String ROAD_DAYS = "road-1d";
    public static final String TOWNSHIP_MINUTES = "township-1m";

    /** Rolled up from checkpoint hours; the uid says so since that change of its state. */
    public static final String TOWNSHIP_HOURS = "township-1h-of-checkpoint-hours";

    public static final String TOWNSHIP_DAYS = "township-1d";

    // ---- air quality -----------------------------------------------------------------------
    public static final String STATION_MINUTES = "station-1m";
    public static final String STATION_HOURS = "station-1h";
    public static final String STATION_DAYS = "station-1d";
    public static final String TOWNSHIP_AIR_MINUTES = "township-air-1m";
    public static final String TOWNSHIP_AIR_HOURS = "township-air-1h";
    public static final String TOWNSHIP_AIR_DAYS = "township-air-1d";

    // ---- AQI -------------------------------------------------------------------------------
    public static final String AQI_STATION_HOURS = "aqi-station-hours-covered";
    public static final String AQI_STATION_AVERAGES = "aqi-station-averages";
    public static final String AQI_AREAS = "aqi-areas";
    public static final String AQI_AREA_AVERAGES = "aqi-area-averages";
    public static final String AQI_INDEX = "aqi-index";

    // ---- alerts ----------------------------------------------------------------------------
    public static final String ALERTS_SPIKE = "alerts-violation-spike";
    public static final String VIOLATIONS_WITH_PLATE = "violations-with-plate";
    public static final String ALERTS_REPEAT_OFFENDER = "alerts-repeat-offender";
    public static final String AQI_TOWNSHIP_HOURLY = "aqi-township-hourly";
    public static final String ALERTS_EPISODE = "alerts-pollution-episode";
    public static final String ALERTS_SILENT = "alerts-station-silent";
    public static final String ALERTS_CLOCK_SKEW = "alerts-clock-skew";
    public static final String CLOCK_AHEAD = "pipeline-clock-ahead";

    /** Road, township, checkpoints and dashboard path of every alert; holds no state. */
    public static final String ALERTS_CONTEXT = "alerts-context";

    // ---- pipeline health -------------------------------------------------------------------
    public static final String VALID_INSPECTIONS = "pipeline-valid-inspections";
    public static final String VALID_READINGS = "pipeline-valid-readings";
    public static final String REFUSED = "pipeline-refused";
    public static final String DUPLICATE_INSPECTIONS = "pipeline-duplicate-inspections";
    public static final String DUPLICATE_READINGS = "pipeline-duplicate-readings";
    public static final String CORRECTED_READINGS = "pipeline-corrected-readings";
    public static final String CORRECTED_INSPECTIONS = "pipeline-corrected-inspections";
    public static final String REFUSED_PER_MINUTE = "pipeline-refused-per-minute";

    // ---- sinks -----------------------------------------------------------------------------
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";
    public static final String INFLUXDB_INSPECTIONS = "influxdb-inspections";
    public static final String INFLUXDB_AIR_QUALITY = "influxdb-air-quality";
    public static final String INFLUXDB_AQI = "influxdb-aqi";
    public static final String INFLUXDB_ALERTS = "influxdb-alerts";
    public static final String KAFKA_ALERTS = "kafka-alerts";
    public static final String INFLUXDB_PIPELINE = "influxdb-pipeline";
}
