package org.dustwatch.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Decodes, validates and enriches one air-quality reading from its JSON bytes (topic {@code
 * dustwatch.readings}). A pollutant may be absent or null (a failed sensor); at least one must be
 * present. The optional {@code period} says what the reading averages; without it the station's
 * declared period applies, then {@link DecoderOptions#defaultPeriod()}. The station's {@link Stamp}
 * (or the feed's default) says whether {@code ts} is the period's start or its end.
 * Thread-confined; never throws for bad input.
 */
public final class ReadingDecoder extends JsonRecordReader implements RecordDecoder<Reading> {

    private final ReferenceData reference;

    public ReadingDecoder(ReferenceData reference, DecoderOptions options, Clock clock) {
        super(options, clock);
        this.reference = Objects.requireNonNull(reference, "reference");
    }

    @Override
    public Decoded<Reading> decode(byte[] payload) {
        return decode(payload, this::read);
    }

    // Physical bounds. They are deliberately wide (sandstorms have pushed PM10 past 9,000 µg/m³);
    // anything outside them is a broken sensor or a broken producer.
    private Reading read(JsonParser p) throws Reject, IOException {
        String stationId = null;
        long ts = Long.MIN_VALUE;
        Duration period = null;
        double pm25 = Double.NaN, pm10 = Double.NaN, so2 = Double.NaN, no2 = Double.NaN;
        double co = Double.NaN, o3 = Double.NaN;
        double tempC = Double.NaN, humidity = Double.NaN, windSpeed = Double.NaN;
        double windDir = Double.NaN;

        int seen = 0; // one bit per known field: a name twice is refused without a set
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            int bit =
                    switch (name) {
                        case "stationId" -> {
                            stationId = text(p, name, 64);
                            yield 1;
                        }
                        case "ts" -> {
                            ts = timestamp(p);
                            yield 0x2;
                        }
                        case "period" -> {
                            period = period(p);
                            yield 0x4;
                        }
                        case "pm25" -> {
                            pm25 = optionalNumber(p, name, 0, 2_000);
                            yield 0x8;
                        }
                        case "pm10" -> {
                            pm10 = optionalNumber(p, name, 0, 10_000);
                            yield 0x10;
                        }
                        case "so2" -> {
                            so2 = optionalNumber(p, name, 0, 10_000);
                            yield 0x20;
                        }
                        case "no2" -> {
                            no2 = optionalNumber(p, name, 0, 5_000);
                            yield 0x40;
                        }
                        case "co" -> {
                            co = optionalNumber(p, name, 0, 200);
                            yield 0x80;
                        }
                        case "o3" -> {
                            o3 = optionalNumber(p, name, 0, 2_000);
                            yield 0x100;
                        }
                        case "tempC" -> {
                            tempC = optionalNumber(p, name, -60, 60);
                            yield 0x200;
                        }
                        case "humidity" -> {
                            humidity = optionalNumber(p, name, 0, 100);
                            yield 0x400;
                        }
                        case "windSpeed" -> {
                            windSpeed = optionalNumber(p, name, 0, 75);
                            yield 0x800;
                        }
                        case "windDir" -> {
                            windDir = optionalNumber(p, name, 0, 360);
                            yield 0x1000;
                        }
                        default -> throw unknownField(name);
                    };
            seen = once(seen, bit, name);
        }
        if (t != JsonToken.END_OBJECT) {
            throw new Reject(RejectReason.MALFORMED_JSON, "object is not closed");
        }
        expectEnd(p);

        if (stationId == null) {
            throw missing("stationId");
        }
        if (ts == Long.MIN_VALUE) {
            throw missing("ts");
        }
        if (Double.isNaN(pm25)
                && Double.isNaN(pm10)
                && Double.isNaN(so2)
                && Double.isNaN(no2)
                && Double.isNaN(co)
                && Double.isNaN(o3)) {
            throw new Reject(RejectReason.MISSING_FIELD, "no pollutant is present");
        }
        Station station = reference.station(stationId);
        if (station == null) {
            throw new Reject(
                    RejectReason.UNKNOWN_ID, "unknown stationId '" + clip(stationId) + "'");
        }
        if (period == null) {
            period = station.period() != null ? station.period() : options.defaultPeriod();
        }
        Stamp stamp = station.stamp() != null ? station.stamp() : options.defaultStamp();
        long periodMs = period.toMillis();
        long start = stamp == Stamp.START ? ts : ts - periodMs;
        // An average is known when its period ends: a period that ends beyond the allowed skew
        // is in the future, whatever its stamp (its event time would drag the watermark ahead).
        notInFuture(start + periodMs, "the end of its " + period + " period");
        return new Reading(
                station.id(),
                ts,
                start,
                periodMs,
                pm25,
                pm10,
                so2,
                no2,
                co,
                o3,
                tempC,
                humidity,
                windSpeed,
                windDir,
                station.township());
    }

    /** An ISO-8601 duration of whole seconds from PT1S to PT1H, such as PT1M, PT5M or PT1H. */
    private static Duration period(JsonParser p) throws Reject, IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_STRING) {
            throw wrongType("period", "an ISO-8601 duration such as \"PT5M\"", t);
        }
        String s = p.getText();
        Duration d;
        try {
            d = Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw new Reject(
                    RejectReason.WRONG_TYPE,
                    "period '" + clip(s) + "' is not an ISO-8601 duration such as PT5M");
        }
        try {
            return Reading.checkPeriod(d);
        } catch (IllegalArgumentException e) {
            throw new Reject(RejectReason.IMPOSSIBLE_VALUE, e.getMessage());
        }
    }

    /** Serializable recipe for building a decoder inside a Flink task. */
    public record Factory(ReferenceData reference, DecoderOptions options)
            implements RecordDecoder.Factory<Reading> {
        @Override
        public ReadingDecoder create(Clock clock) {
            return new ReadingDecoder(reference, options, clock);
        }
    }
}
