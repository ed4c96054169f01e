-- The SQL peer's upper bound: its results into Flink's blackhole connector, which discards them.
-- Runs after peer.sql.

CREATE TABLE inspection_sink (
  level STRING, subject STRING, road STRING, township STRING, window_name STRING,
  ws TIMESTAMP(3), inspected BIGINT, violating INT, uncovered INT, overheight INT, overload INT,
  spillage INT, fines BIGINT
) WITH ('connector' = 'blackhole');

CREATE TABLE air_sink (
  level STRING, subject STRING, township STRING, window_name STRING, ws TIMESTAMP(3),
  readings BIGINT,
  pm25_mean DOUBLE, pm25_max DOUBLE, pm10_mean DOUBLE, pm10_max DOUBLE,
  so2_mean DOUBLE, so2_max DOUBLE, no2_mean DOUBLE, no2_max DOUBLE,
  co_mean DOUBLE, co_max DOUBLE, o3_mean DOUBLE, o3_max DOUBLE
) WITH ('connector' = 'blackhole');

INSERT INTO inspection_sink SELECT * FROM inspection_results;

INSERT INTO air_sink SELECT * FROM air_results;
