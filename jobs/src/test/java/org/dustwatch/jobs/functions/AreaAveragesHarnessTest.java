package org.dustwatch.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.dustwatch.aqi.Average;
import org.dustwatch.jobs.functions.aqi.AreaAverages;
import org.dustwatch.jobs.records.AqiInput;
import org.dustwatch.jobs.records.AreaPart;
import org.junit.jupiter.api.Test;

/** An area's averages from its stations' in Flink's operator harness. */
class AreaAveragesHarnessTest {

    static final long H = 3_600_000L;

    static AqiInput station(String id, String township, double pm25, double so2, int plan) {
        BigDecimal[] a = new BigDecimal[Average.values().length];
        a[Average.PM25_1H.ordinal()] = Double.isNaN(pm25) ? null : BigDecimal.valueOf(pm25);
        a[Average.SO2_1H.ordinal()] = Double.isNaN(so2) ? null : BigDecimal.valueOf(so2);
        return new AqiInput("station", id, township, "1h", 0, a, plan, 1);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, AreaPart, AqiInput> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AreaAverages(Duration.ofMinutes(10), null), AreaPart::key, Types.STRING);
    }

    static void send(
            KeyedOneInputStreamOperatorTestHarness<String, AreaPart, AqiInput> h, AqiInput s)
            throws Exception {
        List<AreaPart> parts = new java.util.ArrayList<>();
        new AreaAverages.ToAreas()
                .flatMap(s, new org.apache.flink.api.common.functions.util.ListCollector<>(parts));
        for (AreaPart p : parts) {
            h.processElement(p, H - 1);
        }
    }

    @Test
    void anAreaIsTheMeanOfItsStationsValidValuesAndTheLastArrivalPerStationWins() throws Exception {
        var h = harness();
        send(h, station("AQ-01", "Dongcheng", 60, 10, 0b000011));
        send(h, station("AQ-02", "Dongcheng", 61, Double.NaN, 0b000100));
        send(h, station("AQ-03", "Xihe", 70.5, 20, 0b111111));
        h.processWatermark(H - 1);

        List<AqiInput> out = h.extractOutputValues();
        assertThat(out)
                .extracting(AqiInput::subject)
                .containsExactlyInAnyOrder("Dongcheng", "Xihe", "district");
        AqiInput dongcheng = find(out, "Dongcheng");
        assertThat(dongcheng.get(Average.PM25_1H)).isEqualByComparingTo("60.5");
        assertThat(dongcheng.get(Average.SO2_1H)).as("AQ-02 has none").isEqualByComparingTo("10");
        assertThat(dongcheng.get(Average.NO2_1H)).isNull();
        assertThat(dongcheng.plan()).isEqualTo(0b000111);
        assertThat(dongcheng.stations()).isEqualTo(2);
        assertThat(dongcheng.township()).isEqualTo("Dongcheng");
        AqiInput district = find(out, "district");
        assertThat(district.scope()).isEqualTo("district");
        assertThat(district.township()).isNull();
        // (60 + 61 + 70.5) / 3, unrounded
        assertThat(district.get(Average.PM25_1H))
                .isEqualByComparingTo(
                        new BigDecimal("191.5")
                                .divide(BigDecimal.valueOf(3), java.math.MathContext.DECIMAL128));
        assertThat(district.get(Average.SO2_1H)).isEqualByComparingTo("15");
        assertThat(district.stations()).isEqualTo(3);

        // AQ-02 is emitted again with another value: its township and the district follow
        send(h, station("AQ-02", "Dongcheng", 63, Double.NaN, 0b000100));
        h.processWatermark(H);
        List<AqiInput> again = h.extractOutputValues().subList(3, h.extractOutputValues().size());
        assertThat(again)
                .extracting(AqiInput::subject)
                .containsExactlyInAnyOrder("Dongcheng", "district");
        assertThat(find(again, "Dongcheng").get(Average.PM25_1H)).isEqualByComparingTo("61.5");
        assertThat(find(again, "Dongcheng").stations()).isEqualTo(2);

        // a day past the lateness, nothing is left
        h.processWatermark(H - 1 + Duration.ofDays(1).plusMinutes(10).toMillis());
        assertThat(h.numKeyedStateEntries()).isZero();
        assertThat(h.numEventTimeTimers()).isZero();
        h.close();
    }

    static AqiInput find(List<AqiInput> out, String subject) {
        return out.stream().filter(a -> a.subject().equals(subject)).findFirst().orElseThrow();
    }
}
