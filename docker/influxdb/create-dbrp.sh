#!/bin/bash
# Runs once, after InfluxDB 2.x's initial setup: maps database "dustwatch" / retention policy
# "autogen" to the bucket, so that InfluxQL (Grafana, analysts) works against it.
set -euo pipefail
bucket_id=$(influx bucket list --name "${DOCKER_INFLUXDB_INIT_BUCKET}" --hide-headers | cut -f1)
influx v1 dbrp create --bucket-id "${bucket_id}" --db "${DOCKER_INFLUXDB_INIT_BUCKET}" \
  --rp autogen --default
