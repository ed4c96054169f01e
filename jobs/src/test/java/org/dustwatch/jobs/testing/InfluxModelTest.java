package org.dustwatch.jobs.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.dustwatch.connectors.influxdb.Point;
import org.junit.jupiter.api.Test;

/** The rules of InfluxDB that {@link InfluxModel} models, so that the fast tier hides nothing. */
class InfluxModelTest {

    final InfluxModel db = new InfluxModel();

    @Test
    void aReEmittedPointWithoutAFieldKeepsTheOldFieldAsInfluxDbDoes() {
        db.write(report().field("aqi", 120L).field("primary_pollutant", "PM2.5").time(1000));
        // the same series and time again: a new AQI, and no primary pollutant this time
        db.write(report().field("aqi", 40L).time(1000));

        assertThat(db.all())
                .containsExactly(
                        Map.entry(
                                "aqi{\"scope\":\"station\",\"station\":\"AQ-01\"}@1000",
                                "aqi=40 primary_pollutant=PM2.5 "));
        assertThat(
                        InfluxAnswers.points(db.selectAll(List.of("aqi")))
                                .get("scope=station,station=AQ-01@1000"))
                .as("the stale field is still there, beside the new AQI")
                .containsOnlyKeys("aqi", "primary_pollutant");
    }

    @Test
    void anotherSeriesOrTimeIsAnotherPoint() {
        db.write(report().field("aqi", 120L).time(1000));
        db.write(report().field("aqi", 121L).time(2000));
        db.write(Point.measurement("aqi").tag("scope", "district").field("aqi", 7L).time(1000));

        assertThat(db.all())
                .containsOnlyKeys(
                        "aqi{\"scope\":\"station\",\"station\":\"AQ-01\"}@1000",
                        "aqi{\"scope\":\"station\",\"station\":\"AQ-01\"}@2000",
                        "aqi{\"scope\":\"district\",\"station\":\"\"}@1000");
    }

    @Test
    void aFieldOfAnotherTypeIsRejectedAndTheOthersOfThePointToo() {
        db.write(report().field("aqi", 120L).time(1000));
        db.write(report().field("aqi", 120.5).field("level", 3L).time(2000));

        assertThat(db.rejections())
                .singleElement()
                .asString()
                .startsWith(
                        "field type conflict: input field \"aqi\" on measurement \"aqi\" is type"
                                + " Double, already exists as type Long");
        assertThat(db.all()).hasSize(1);
    }

    @Test
    void aPointWithoutFieldsFailsAsInTheRealSink() {
        assertThatThrownBy(() -> db.write(report().time(1000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no fields");
    }

    /**
     * The answer influxd 1.6.7 gave (2026-12-01) to {@code SELECT * FROM /^(m|n)$/ GROUP BY *}
     * after these writes: tags and columns are the union over both measurements; an integral float
     * is written without a point; floats below 1e-6 or from 1e21 on with an exponent.
     */
    @Test
    void answersAQueryAsInfluxd16Did() throws Exception {
        db.write(
                Point.measurement("m")
                        .tag("a", "1")
                        .tag("b", "x")
                        .field("f", 1.0)
                        .field("g", 2L)
                        .field("s", "hi")
                        .field("bo", true)
                        .time(1000));
        db.write(Point.measurement("m").tag("a", "1").tag("b", "x").field("f", 3.0).time(1000));
        db.write(
                Point.measurement("m")
                        .tag("a", "2")
                        .field("h", 12.0)
                        .field("f", 1.23e-7)
                        .time(2000));
        db.write(Point.measurement("m").tag("a", "2").field("f", 1e23).field("k", 12.5).time(3000));
        db.write(Point.measurement("n").tag("z", "q").field("w", 1.0).time(1000));
        db.write(Point.measurement("m").tag("b", "y").field("f", 1e-7).time(500));

        String influxd =
                """
                {"results":[{"statement_id":0,"series":[\
                {"name":"m","tags":{"a":"","b":"y","z":""},"columns":["time","bo","f","g","h","k","s","w"],\
                "values":[[500,null,1e-7,null,null,null,null,null]]},\
                {"name":"m","tags":{"a":"1","b":"x","z":""},"columns":["time","bo","f","g","h","k","s","w"],\
                "values":[[1000,true,3,2,null,null,"hi",null]]},\
                {"name":"m","tags":{"a":"2","b":"","z":""},"columns":["time","bo","f","g","h","k","s","w"],\
                "values":[[2000,null,1.23e-7,null,12,null,null,null],[3000,null,1e+23,null,null,12.5,null,null]]},\
                {"name":"n","tags":{"a":"","b":"","z":"q"},"columns":["time","bo","f","g","h","k","s","w"],\
                "values":[[1000,null,null,null,null,null,null,1]]}]}]}""";
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(db.selectAll(List.of("m", "n"))))
                .isEqualTo(json.readTree(influxd));
        assertThat(InfluxAnswers.dump(db.selectAll(List.of("m", "n"))))
                .isEqualTo(InfluxAnswers.dump(influxd));
    }

    /**
     * What influxd 1.6.7 stored (2026-12-01) for a tag and a string with every character that
     * LineProtocol escapes: the escapes of space, comma, {@code =}, quote and backslash are undone;
     * the {@code \n} written for a newline stays two characters.
     */
    @Test
    void escapesAreUndoneAsInfluxd16UndidThem() throws Exception {
        Point p =
                Point.measurement("e")
                        .tag("t", "a b,c=d\nx")
                        .field("s", "q\"uo\\te\nnl, 冀B；")
                        .time(1000);
        assertThat(p.toString())
                .isEqualTo("e,t=a\\ b\\,c\\=d\\nx s=\"q\\\"uo\\\\te\\nnl, 冀B；\" 1000");
        db.write(p);

        String influxd =
                """
                {"results":[{"statement_id":0,"series":[{"name":"e","tags":{"t":"a b,c=d\\\\nx"},\
                "columns":["time","s"],"values":[[1000,"q\\"uo\\\\te\\\\nnl, 冀B；"]]}]}]}""";
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(db.selectAll(List.of("e")))).isEqualTo(json.readTree(influxd));
    }

    @Test
    void aQueryOfNothingHasNoSeries() {
        assertThat(db.selectAll(List.of("absent")))
                .isEqualTo("{\"results\":[{\"statement_id\":0}]}");
    }

    @Test
    void databasesAreSharedByName() {
        InfluxModel.drop("influx-model-test");
        InfluxModel.named("influx-model-test").write(report().field("aqi", 1L).time(1));

        assertThat(InfluxModel.named("influx-model-test").pointsWritten()).isEqualTo(1);
        InfluxModel.drop("influx-model-test");
        assertThat(InfluxModel.named("influx-model-test").pointsWritten()).isZero();
    }

    private static Point report() {
        return Point.measurement("aqi").tag("scope", "station").tag("station", "AQ-01");
    }
}
