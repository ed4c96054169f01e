-- The plain Flink SQL a user would write instead of dustwatch: the same core aggregates from the
-- same topics. Hours and days per checkpoint, road and township (inspected, violating, the four
-- kinds of violation, fines); station and township pollutant means and maxima per hour and day.
-- Cascaded tumbling windows: everything above the checkpoint hour and the station hour is rolled
-- up from them, which Flink's planner runs as two-phase (local/global) window aggregation.
--
-- What it does not do, and dustwatch does: validation beyond JSON parsing (a record that does not
-- parse is skipped: 'json.ignore-parse-errors'; an unknown checkpoint or station is filtered out;
-- impossible values are counted), dead letters, de-duplication (a repeated record counts twice),
-- late data (a record behind the watermark is dropped by its window, silently), AQI, alerts and
-- pipeline health. road_of, township_of and station_township look the reference data up (scalar
-- functions over the checkpoints' and stations' CSV files, registered by SqlPeer).
--
-- ${...} are filled in by SqlPeer: the broker, the topics, the consumer group. Statements end with
-- a semicolon at the end of a line.

CREATE TABLE inspections (
  eventId STRING,
  checkpointId STRING,
  ts STRING, -- ISO-8601 with the feeds' +08:00 offset, e.g. 2026-11-28T08:30:15.123+08:00
  violations ARRAY<STRING>,
  fineYuan INT,
  -- local time (Asia/Shanghai) as the feeds stamp it; a record without one falls in 1970 and its
  -- window is long closed
  rt AS COALESCE(
    TRY_CAST(REPLACE(SUBSTRING(ts, 1, 23), 'T', ' ') AS TIMESTAMP(3)),
    TIMESTAMP '1970-01-01 00:00:00.000'),
  WATERMARK FOR rt AS rt - INTERVAL '30' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${inspections}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'properties.group.id' = '${group}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE TABLE readings (
  stationId STRING,
  ts BIGINT, -- epoch milliseconds, the start of the reading's period
  pm25 DOUBLE,
  pm10 DOUBLE,
  so2 DOUBLE,
  no2 DOUBLE,
  co DOUBLE,
  o3 DOUBLE,
  -- local time (Asia/Shanghai, the session's time zone), like the inspections' rt; a
  -- TIMESTAMP_LTZ rowtime lost station days in the cascaded day windows (docs/benchmarks.md)
  rt AS CAST(TO_TIMESTAMP_LTZ(COALESCE(ts, 0), 3) AS TIMESTAMP(3)),
  WATERMARK FOR rt AS rt - INTERVAL '30' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${readings}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'properties.group.id' = '${group}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json',
  'json.ignore-parse-errors' = 'true'
);

CREATE VIEW known_inspections AS
SELECT checkpointId AS checkpoint, road_of(checkpointId) AS road,
       township_of(checkpointId) AS township, rt,
       IF(CARDINALITY(violations) > 0, 1, 0) AS violating,
       IF(ARRAY_CONTAINS(violations, 'UNCOVERED'), 1, 0) AS uncovered,
       IF(ARRAY_CONTAINS(violations, 'OVERHEIGHT'), 1, 0) AS overheight,
       IF(ARRAY_CONTAINS(violations, 'OVERLOAD'), 1, 0) AS overload,
       IF(ARRAY_CONTAINS(violations, 'SPILLAGE'), 1, 0) AS spillage,
       COALESCE(fineYuan, 0) AS fine
FROM inspections
WHERE road_of(checkpointId) IS NOT NULL;

-- Checkpoint hours: the only windows that see inspections.
CREATE VIEW checkpoint_hours AS
SELECT checkpoint, road, township, window_start AS ws, window_time AS wt,
       COUNT(*) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(CAST(fine AS BIGINT)) AS fines
FROM TABLE(TUMBLE(TABLE known_inspections, DESCRIPTOR(rt), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time, checkpoint, road, township;

CREATE VIEW checkpoint_days AS
SELECT checkpoint, road, township, window_start AS ws, window_time AS wt,
       SUM(inspected) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(fines) AS fines
FROM TABLE(TUMBLE(TABLE checkpoint_hours, DESCRIPTOR(wt), INTERVAL '1' DAY))
GROUP BY window_start, window_end, window_time, checkpoint, road, township;

CREATE VIEW road_hours AS
SELECT road, window_start AS ws, window_time AS wt,
       SUM(inspected) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(fines) AS fines
FROM TABLE(TUMBLE(TABLE checkpoint_hours, DESCRIPTOR(wt), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time, road;

CREATE VIEW road_days AS
SELECT road, window_start AS ws,
       SUM(inspected) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(fines) AS fines
FROM TABLE(TUMBLE(TABLE road_hours, DESCRIPTOR(wt), INTERVAL '1' DAY))
GROUP BY window_start, window_end, road;

CREATE VIEW township_hours AS
SELECT township, window_start AS ws, window_time AS wt,
       SUM(inspected) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(fines) AS fines
FROM TABLE(TUMBLE(TABLE checkpoint_hours, DESCRIPTOR(wt), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time, township;

CREATE VIEW township_days AS
SELECT township, window_start AS ws,
       SUM(inspected) AS inspected, SUM(violating) AS violating, SUM(uncovered) AS uncovered,
       SUM(overheight) AS overheight, SUM(overload) AS overload, SUM(spillage) AS spillage,
       SUM(fines) AS fines
FROM TABLE(TUMBLE(TABLE township_hours, DESCRIPTOR(wt), INTERVAL '1' DAY))
GROUP BY window_start, window_end, township;

-- Every inspection result in one shape: one InfluxDB point each (<level>_inspections).
CREATE VIEW inspection_results AS
SELECT 'checkpoint' AS level, checkpoint AS subject, road, township, '1h' AS window_name, ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM checkpoint_hours
UNION ALL
SELECT 'checkpoint', checkpoint, road, township, '1d', ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM checkpoint_days
UNION ALL
SELECT 'road', road, CAST(NULL AS STRING), CAST(NULL AS STRING), '1h', ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM road_hours
UNION ALL
SELECT 'road', road, CAST(NULL AS STRING), CAST(NULL AS STRING), '1d', ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM road_days
UNION ALL
SELECT 'township', township, CAST(NULL AS STRING), CAST(NULL AS STRING), '1h', ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM township_hours
UNION ALL
SELECT 'township', township, CAST(NULL AS STRING), CAST(NULL AS STRING), '1d', ws,
       inspected, violating, uncovered, overheight, overload, spillage, fines
FROM township_days;

CREATE VIEW known_readings AS
SELECT stationId AS station, station_township(stationId) AS township, rt,
       pm25, pm10, so2, no2, co, o3
FROM readings
WHERE station_township(stationId) IS NOT NULL;

-- Station hours: the only windows that see readings. Sums and counts, so that days are exact.
CREATE VIEW station_hours AS
SELECT station, township, window_start AS ws, window_time AS wt, COUNT(*) AS readings,
       SUM(pm25) AS pm25_sum, COUNT(pm25) AS pm25_n, MAX(pm25) AS pm25_max,
       SUM(pm10) AS pm10_sum, COUNT(pm10) AS pm10_n, MAX(pm10) AS pm10_max,
       SUM(so2) AS so2_sum, COUNT(so2) AS so2_n, MAX(so2) AS so2_max,
       SUM(no2) AS no2_sum, COUNT(no2) AS no2_n, MAX(no2) AS no2_max,
       SUM(co) AS co_sum, COUNT(co) AS co_n, MAX(co) AS co_max,
       SUM(o3) AS o3_sum, COUNT(o3) AS o3_n, MAX(o3) AS o3_max
FROM TABLE(TUMBLE(TABLE known_readings, DESCRIPTOR(rt), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, window_time, station, township;

CREATE VIEW station_days AS
SELECT station, township, window_start AS ws, window_time AS wt, SUM(readings) AS readings,
       SUM(pm25_sum) AS pm25_sum, SUM(pm25_n) AS pm25_n, MAX(pm25_max) AS pm25_max,
       SUM(pm10_sum) AS pm10_sum, SUM(pm10_n) AS pm10_n, MAX(pm10_max) AS pm10_max,
       SUM(so2_sum) AS so2_sum, SUM(so2_n) AS so2_n, MAX(so2_max) AS so2_max,
       SUM(no2_sum) AS no2_sum, SUM(no2_n) AS no2_n, MAX(no2_max) AS no2_max,
       SUM(co_sum) AS co_sum, SUM(co_n) AS co_n, MAX(co_max) AS co_max,
       SUM(o3_sum) AS o3_sum, SUM(o3_n) AS o3_n, MAX(o3_max) AS o3_max
FROM TABLE(TUMBLE(TABLE station_hours, DESCRIPTOR(wt), INTERVAL '1' DAY))
GROUP BY window_start, window_end, window_time, station, township;

-- A township's mean is the mean over its stations' means, its maximum theirs.
CREATE VIEW township_air_hours AS
SELECT township, window_start AS ws, SUM(readings) AS readings,
       AVG(pm25_sum / pm25_n) AS pm25_mean, MAX(pm25_max) AS pm25_max,
       AVG(pm10_sum / pm10_n) AS pm10_mean, MAX(pm10_max) AS pm10_max,
       AVG(so2_sum / so2_n) AS so2_mean, MAX(so2_max) AS so2_max,
       AVG(no2_sum / no2_n) AS no2_mean, MAX(no2_max) AS no2_max,
       AVG(co_sum / co_n) AS co_mean, MAX(co_max) AS co_max,
       AVG(o3_sum / o3_n) AS o3_mean, MAX(o3_max) AS o3_max
FROM TABLE(TUMBLE(TABLE station_hours, DESCRIPTOR(wt), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, township;

CREATE VIEW township_air_days AS
SELECT township, window_start AS ws, SUM(readings) AS readings,
       AVG(pm25_sum / pm25_n) AS pm25_mean, MAX(pm25_max) AS pm25_max,
       AVG(pm10_sum / pm10_n) AS pm10_mean, MAX(pm10_max) AS pm10_max,
       AVG(so2_sum / so2_n) AS so2_mean, MAX(so2_max) AS so2_max,
       AVG(no2_sum / no2_n) AS no2_mean, MAX(no2_max) AS no2_max,
       AVG(co_sum / co_n) AS co_mean, MAX(co_max) AS co_max,
       AVG(o3_sum / o3_n) AS o3_mean, MAX(o3_max) AS o3_max
FROM TABLE(TUMBLE(TABLE station_days, DESCRIPTOR(wt), INTERVAL '1' DAY))
GROUP BY window_start, window_end, township;

-- Every air-quality result in one shape: one InfluxDB point each (air_quality for stations,
-- township_air_quality for townships).
CREATE VIEW air_results AS
SELECT 'station' AS level, station AS subject, township, '1h' AS window_name, ws, readings,
       pm25_sum / pm25_n AS pm25_mean, pm25_max, pm10_sum / pm10_n AS pm10_mean, pm10_max,
       so2_sum / so2_n AS so2_mean, so2_max, no2_sum / no2_n AS no2_mean, no2_max,
       co_sum / co_n AS co_mean, co_max, o3_sum / o3_n AS o3_mean, o3_max
FROM station_hours
UNION ALL
SELECT 'station', station, township, '1d', ws, readings,
       pm25_sum / pm25_n, pm25_max, pm10_sum / pm10_n, pm10_max,
       so2_sum / so2_n, so2_max, no2_sum / no2_n, no2_max,
       co_sum / co_n, co_max, o3_sum / o3_n, o3_max
FROM station_days
UNION ALL
SELECT 'township', township, township, '1h', ws, readings,
       pm25_mean, pm25_max, pm10_mean, pm10_max, so2_mean, so2_max, no2_mean, no2_max,
       co_mean, co_max, o3_mean, o3_max
FROM township_air_hours
UNION ALL
SELECT 'township', township, township, '1d', ws, readings,
       pm25_mean, pm25_max, pm10_mean, pm10_max, so2_mean, so2_max, no2_mean, no2_max,
       co_mean, co_max, o3_mean, o3_max
FROM township_air_days;
