package org.dustwatch.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dustwatch.connectors.influxdb.LineProtocol;
import org.dustwatch.connectors.influxdb.Point;
import org.dustwatch.model.Decoded;
import org.dustwatch.model.DecoderOptions;
import org.dustwatch.model.Inspection;
import org.dustwatch.model.InspectionDecoder;
import org.dustwatch.model.Reading;
import org.dustwatch.model.ReadingDecoder;
import org.dustwatch.model.RecordDecoder;
import org.dustwatch.model.ReferenceData;
import org.dustwatch.model.Violation;

/**
 * The raw-ingest alternative, Telegraf-style: every event as its own point, batched 5,000 lines to
 * a request, from {@code threads} clients. Events are parsed with the same decoders, so the points
 * carry the same validated values, and a repeated event (its id, a reading's station and time) is
 * written once; a late event is written like any other. Timestamps are written in nanoseconds with
 * a running number in the sub-millisecond digits: two trucks inspected at one checkpoint in the
 * same millisecond are two points, not one overwriting the other (a checkpoint's events all come
 * from one partition, so from one thread).
 */
final class RawIngest {
    static final int BATCH = 5_000;

    private RawIngest() {}

    static long run(
            String bootstrap,
            String inspections,
            String readings,
            ReferenceData reference,
            String influxUrl,
            String database,
            int threads,
            Progress progress)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI write =
                URI.create(
                        influxUrl
                                + "/write?precision=ns&db="
                                + URLEncoder.encode(database, StandardCharsets.UTF_8));
        return Drain.run(
                bootstrap,
                List.of(inspections, readings),
                threads,
                i -> {
                    RecordDecoder<Inspection> insp =
                            new InspectionDecoder.Factory(reference, DecoderOptions.defaults())
                                    .create(Clock.systemUTC());
                    RecordDecoder<Reading> read =
                            new ReadingDecoder.Factory(reference, DecoderOptions.defaults())
                                    .create(Clock.systemUTC());
                    return new Drain.Handler() {
                        final StringBuilder batch = new StringBuilder(1 << 20);
                        int lines;
                        long seq;
                        // a repeat is written once, as a raw pipeline that overwrites by key
                        // would: the simulator sends repeats at most two minutes apart
                        final java.util.Set<String> recent =
                                java.util.Collections.newSetFromMap(
                                        new java.util.LinkedHashMap<>() {
                                            @Override
                                            protected boolean removeEldestEntry(
                                                    Map.Entry<String, Boolean> e) {
                                                return size() > 200_000;
                                            }
                                        });

                        @Override
                        public void accept(String topic, byte[] value) throws Exception {
                            Point p;
                            if (topic.equals(inspections)) {
                                if (!(insp.decode(value) instanceof Decoded.Ok<Inspection> ok)) {
                                    return;
                                }
                                if (!recent.add(ok.value().eventId())) {
                                    return;
                                }
                                p = point(ok.value());
                            } else {
                                if (!(read.decode(value) instanceof Decoded.Ok<Reading> ok)
                                        || !recent.add(
                                                ok.value().stationId() + "@" + ok.value().ts())) {
                                    return;
                                }
                                p = point(ok.value());
                            }
                            LineProtocol.append(p, batch);
                            // milliseconds to nanoseconds, with a running number below the ms
                            batch.append(String.format("%06d", seq++ % 1_000_000)).append('\n');
                            if (++lines == BATCH) {
                                send();
                            }
                        }

                        @Override
                        public void finish() throws Exception {
                            send();
                        }

                        void send() throws Exception {
                            if (lines == 0) {
                                return;
                            }
                            HttpResponse<String> r =
                                    http.send(
                                            HttpRequest.newBuilder(write)
                                                    .POST(
                                                            HttpRequest.BodyPublishers.ofString(
                                                                    batch.toString()))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 204) {
                                throw new IllegalStateException(
                                        "raw write refused: HTTP "
                                                + r.statusCode()
                                                + " "
                                                + r.body());
                            }
                            batch.setLength(0);
                            lines = 0;
                        }
                    };
                },
                progress);
    }

    static Point point(Inspection i) {
        return Point.measurement("raw_inspections")
                .tag("checkpoint", i.checkpointId())
                .tag("road", i.road())
                .tag("township", i.township())
                .field("violating", i.violating() ? 1L : 0L)
                .field("uncovered", i.has(Violation.UNCOVERED) ? 1L : 0L)
                .field("overheight", i.has(Violation.OVERHEIGHT) ? 1L : 0L)
                .field("overload", i.has(Violation.OVERLOAD) ? 1L : 0L)
                .field("spillage", i.has(Violation.SPILLAGE) ? 1L : 0L)
                .field("fines_yuan", (long) i.fineYuan())
                .time(i.ts());
    }

    static Point point(Reading r) {
        Point p =
                Point.measurement("raw_readings")
                        .tag("station", r.stationId())
                        .tag("township", r.township())
                        .field("readings", 1L)
                        .time(r.ts());
        double[] v = {r.pm25(), r.pm10(), r.so2(), r.no2(), r.co(), r.o3()};
        String[] names = {"pm25", "pm10", "so2", "no2", "co", "o3"};
        for (int k = 0; k < v.length; k++) {
            if (!Double.isNaN(v[k])) {
                p.field(names[k], v[k]);
            }
        }
        return p;
    }
}
