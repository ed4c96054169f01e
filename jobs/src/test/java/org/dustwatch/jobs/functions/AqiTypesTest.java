package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AreaPart;
import org.dustwatch.jobs.records.PollutantHour;
import org.junit.jupiter.api.Test;

/**
 * The AQI path's records and state are Flink POJOs (no Kryo fallback), and their exact decimals,
 * nulls included, survive Flink's own serializers: the network and RocksDB use them.
 */
class AqiTypesTest {

    static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeInformation<T> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class).isNotInstanceOf(GenericTypeInfo.class);
        TypeSerializer<T> s = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void exactDecimalsAndNullsSurviveFlinksSerializers() throws Exception {
        BigDecimal[] mean = {
            new BigDecimal("60.5"), null, null, null, new BigDecimal("0.45"), null
        };
        PollutantHour h =
                new PollutantHour("AQ-01", "Dongcheng", 3_600_000, mean, new long[6], 0b101);
        assertThat(roundTrip(PollutantHour.class, h)).isEqualTo(h);

        BigDecimal[] averages = new BigDecimal[Average.values().length];
        averages[Average.PM25_24H.ordinal()] =
                new BigDecimal("61.49999999999999999999999999999999");
        AqiInput in = new AqiInput("station", "AQ-01", "Dongcheng", "1d", 0, averages, 63, 1);
        assertThat(roundTrip(AqiInput.class, in)).isEqualTo(in);
        assertThat(roundTrip(AreaPart.class, new AreaPart("district", "district", in)).station())
                .isEqualTo(in);

        StationHours.HourTally t = new StationHours.HourTally();
        t.weighted[0] = new BigDecimal("1234.5");
        t.weight[0] = 60_000;
        t.spans[0] = new long[] {0, 60_000};
        t.township = "Dongcheng";
        StationHours.HourTally back = roundTrip(StationHours.HourTally.class, t);
        assertThat(back.weighted).containsExactly(t.weighted);
        assertThat(back.spans[0]).containsExactly(0, 60_000);
        assertThat(back.spans[1]).isNull();
    }
}
