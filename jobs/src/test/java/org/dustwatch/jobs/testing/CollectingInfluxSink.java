package org.dustwatch.jobs.testing;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.dustwatch.connectors.influxdb.PointConverter;

/**
 * A Sink V2 that converts each element with a production {@link PointConverter} and writes the
 * point into the {@link InfluxModel} database of its name, under InfluxDB's rules: what a job
 * writes to InfluxDB, without an influxd. Points are written as they arrive; there is no batch to
 * flush.
 */
public final class CollectingInfluxSink<T> implements Sink<T> {
    private final String database;
    private final PointConverter<T> converter;

    public CollectingInfluxSink(String database, PointConverter<T> converter) {
        this.database = database;
        this.converter = converter;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        InfluxModel db = InfluxModel.named(database);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context ctx) {
                db.write(converter.toPoint(element));
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
