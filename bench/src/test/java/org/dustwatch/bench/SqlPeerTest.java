package org.dustwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.types.Row;
import org.dustwatch.connectors.influxdb.LineProtocol;
import org.dustwatch.model.ReferenceData;
import org.junit.jupiter.api.Test;

class SqlPeerTest {

    static final Map<String, String> VARS =
            Map.of(
                    "bootstrap", "127.0.0.1:1",
                    "inspections", "i",
                    "readings", "r",
                    "group", "g");

    @Test
    void theScriptSplitsIntoItsStatementsWithTheVariablesFilledIn() {
        List<String> s =
                SqlPeer.statements(
                        "-- a comment; not a statement\n"
                                + "CREATE TABLE t (a INT) WITH ('topic' = '${inspections}');\n"
                                + "\n"
                                + "CREATE VIEW v AS\nSELECT a -- why\nFROM t; -- trailing\n"
                                + "INSERT INTO x SELECT * FROM v;\n",
                        VARS);
        assertThat(s)
                .containsExactly(
                        "CREATE TABLE t (a INT) WITH ('topic' = 'i')",
                        "CREATE VIEW v AS\nSELECT a -- why\nFROM t",
                        "INSERT INTO x SELECT * FROM v");
    }

    @Test
    void aVariableWithoutAValueIsRefused() {
        assertThatThrownBy(() -> SqlPeer.statements("SELECT '${nope}';\n", VARS))
                .hasMessageContaining("${nope}");
    }

    @Test
    void theLookupGivesNullForAnUnknownKey() {
        SqlPeer.Lookup l = new SqlPeer.Lookup(Map.of("CP-01", "G107"));
        assertThat(l.eval("CP-01")).isEqualTo("G107");
        assertThat(l.eval("CP-99")).isNull();
        assertThat(l.eval(null)).isNull();
    }

    /**
     * The peer as the issue describes it: every aggregate a cascaded window aggregation, run by the
     * planner in two phases (local before the shuffle, global after).
     */
    @Test
    void thePlannerRunsEveryWindowInTwoPhases() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        String plan =
                SqlPeer.build(env, null, ReferenceData.bundled(), VARS, SqlPeer.Sink.BLACKHOLE);
        String physical = plan.substring(plan.indexOf("== Optimized Execution Plan =="));
        // checkpoint, road and township hours and days, station hours and days, township air
        // hours and days: 10 window aggregations, each a local and a global phase
        assertThat(count(physical, "LocalWindowAggregate(")).isEqualTo(10);
        assertThat(count(physical, "GlobalWindowAggregate(")).isEqualTo(10);
        assertThat(physical)
                .contains("TableSourceScan(table=[[default_catalog, default_database, inspections");
    }

    @Test
    void anInspectionRowIsTheJobsPointAtTheWindowStartInLocalTime() {
        Row r = Row.withNames();
        r.setField("level", "road");
        r.setField("subject", "G107");
        r.setField("road", null);
        r.setField("township", null);
        r.setField("window_name", "1h");
        r.setField("ws", LocalDateTime.of(2026, 11, 28, 8, 0));
        r.setField("inspected", 4L);
        r.setField("violating", 1);
        r.setField("uncovered", 1);
        r.setField("overheight", 0);
        r.setField("overload", 0);
        r.setField("spillage", 1);
        r.setField("fines", 2200L);
        // 2026-11-28T08:00+08:00 is 2026-11-28T00:00Z: 1795824000000 ms
        assertThat(LineProtocol.toLine(new SqlPeer.InspectionRows().toPoint(r)))
                .isEqualTo(
                        "road_inspections,road=G107,window=1h fines_yuan=2200i,inspected=4i,"
                                + "overheight=0i,overload=0i,spillage=1i,uncovered=1i,"
                                + "violating=1i,violation_rate=0.25 1795824000000");
    }

    @Test
    void anAirRowLeavesOutAPollutantWithoutValues() {
        Row r = Row.withNames();
        r.setField("level", "station");
        r.setField("subject", "AQ-01");
        r.setField("township", "Xihe");
        r.setField("window_name", "1d");
        r.setField("ws", LocalDateTime.of(2026, 11, 28, 0, 0));
        r.setField("readings", 288L);
        for (String q : SqlPeer.AirRows.POLLUTANTS) {
            r.setField(q + "_mean", null);
            r.setField(q + "_max", null);
        }
        r.setField("pm25_mean", 35.5);
        r.setField("pm25_max", 80.0);
        assertThat(LineProtocol.toLine(new SqlPeer.AirRows().toPoint(r)))
                .isEqualTo(
                        "air_quality,station=AQ-01,township=Xihe,window=1d pm25_max=80,"
                                + "pm25_mean=35.5,readings=288i 1795795200000");
    }

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
