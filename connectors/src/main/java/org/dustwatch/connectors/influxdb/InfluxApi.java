package org.dustwatch.connectors.influxdb;

/** Which InfluxDB write API the sink uses. */
public enum InfluxApi {
    /**
     * {@code POST /write?db=&rp=&precision=ms} with optional Basic auth: InfluxDB 1.x, and the
     * v1-compatible endpoint of 2.x and 3.x (user any name, password the token; needs a DBRP
     * mapping on 2.x).
     */
    V1,
    /**
     * {@code POST /api/v2/write?org=&bucket=&precision=ms} with {@code Authorization: Token},
     * through influxdb-client-java's blocking write API: InfluxDB 2.x, 1.8+ and 3.x.
     */
    V2
}
