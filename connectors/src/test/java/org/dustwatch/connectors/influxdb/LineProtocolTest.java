package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LineProtocolTest {

    @Test
    void encodesTagsSortedFieldsTypedAndMillisecondTime() {
        Point p =
                Point.measurement("checkpoint_inspections")
                        .tag("window", "1m")
                        .tag("checkpoint", "CP-07")
                        .field("inspected", 12L)
                        .field("violation_rate", 0.25)
                        .field("fines_yuan", 400L)
                        .time(1764289800000L);

        assertThat(LineProtocol.toLine(p))
                .isEqualTo(
                        "checkpoint_inspections,checkpoint=CP-07,window=1m"
                                + " fines_yuan=400i,inspected=12i,violation_rate=0.25 1764289800000");
    }

    @Test
    void floatsThatAreWholeStayFloatsAndStringsAndBooleansAreTyped() {
        Point p =
                Point.measurement("m")
                        .field("f", 12.0)
                        .field("tiny", 1.0e-7)
                        .field("s", "良")
                        .field("b", true);

        assertThat(LineProtocol.toLine(p)).isEqualTo("m b=t,f=12,s=\"良\",tiny=1.0E-7");
    }

    @Test
    void escapesEverySpecialCharacterInNames() {
        Point p =
                Point.measurement("my meas,urement=x")
                        .tag("ro ad,k=ey", "G107, east=\"gate\"")
                        .field("fi eld,=", 1L)
                        .time(5);

        assertThat(LineProtocol.toLine(p))
                .isEqualTo(
                        "my\\ meas\\,urement=x,ro\\ ad\\,k\\=ey=G107\\,\\ east\\=\"gate\""
                                + " fi\\ eld\\,\\==1i 5");
    }

    @Test
    void backslashesAndLineBreaksInNamesCannotEscapeTheSyntax() {
        Point p = Point.measurement("m").tag("t", "end\\").tag("u", "a\nb\rc\td").field("v", 1L);

        assertThat(LineProtocol.toLine(p))
                .isEqualTo("m,t=end\uFF3C,u=a\\nb\\rc\\td v=1i")
                .doesNotContain("\n");
    }

    @Test
    void escapesQuotesBackslashesAndNewlinesInStringFields() {
        Point p = Point.measurement("m").field("msg", "say \"hi\"\\ then\nbye");

        assertThat(LineProtocol.toLine(p)).isEqualTo("m msg=\"say \\\"hi\\\"\\\\ then\\nbye\"");
    }

    @Test
    void missingValuesAreLeftOutNeverZero() {
        Point p =
                Point.measurement("air_quality")
                        .tag("station", "AQ-01")
                        .tag("empty", "")
                        .tag("null", null)
                        .field("pm25", Double.NaN)
                        .field("pm10", 80.5);

        assertThat(LineProtocol.toLine(p)).isEqualTo("air_quality,station=AQ-01 pm10=80.5");
    }

    @Test
    void refusesPointsInfluxDbWouldReject() {
        assertThatThrownBy(() -> LineProtocol.toLine(Point.measurement("m").tag("t", "x")))
                .hasMessageContaining("has no fields");
        assertThatThrownBy(() -> Point.measurement("m").field("f", Double.POSITIVE_INFINITY))
                .hasMessageContaining("infinite");
        assertThatThrownBy(() -> Point.measurement("")).hasMessageContaining("measurement");
    }
}
