package org.dustwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
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

    static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
