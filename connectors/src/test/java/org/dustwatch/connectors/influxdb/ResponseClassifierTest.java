package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseClassifierTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "-1, RETRY",
        "200, SUCCESS",
        "204, SUCCESS",
        "301, FAIL",
        "400, REJECTED",
        "401, FAIL",
        "403, FAIL",
        "404, FAIL",
        "408, RETRY",
        "413, FAIL",
        "422, REJECTED",
        "429, RETRY",
        "500, RETRY",
        "502, RETRY",
        "503, RETRY",
        "504, RETRY",
        "599, RETRY",
        "600, FAIL",
        "100, FAIL"
    })
    void classifiesEveryStatusClass(int status, WriteOutcome expected) {
        assertThat(ResponseClassifier.classify(status)).isEqualTo(expected);
    }

    @Test
    void explainsConfigurationErrorsInOperatorTerms() {
        assertThat(ResponseClassifier.explain(401)).contains("password or token");
        assertThat(ResponseClassifier.explain(404)).contains("does not exist");
        assertThat(ResponseClassifier.explain(413)).contains("batch size");
    }

    @Test
    void countsRejectedPointsFromInfluxDbMessages() {
        assertThat(
                        InfluxDbWriter.rejectedPoints(
                                "{\"error\":\"partial write: field type conflict: input field"
                                        + " \\\"v\\\" on measurement \\\"m\\\" is type integer,"
                                        + " already exists as type float dropped=3\"}",
                                10))
                .isEqualTo(3);
        assertThat(
                        InfluxDbWriter.rejectedPoints(
                                "{\"error\":\"partial write: unable to parse 'a b': bad\\nunable"
                                        + " to parse 'c d': bad\"}",
                                10))
                .isEqualTo(2);
        assertThat(InfluxDbWriter.rejectedPoints("{\"error\":\"something new\"}", 10))
                .isEqualTo(10);
        assertThat(InfluxDbWriter.rejectedPoints(null, 7)).isEqualTo(7);
        assertThat(InfluxDbWriter.rejectedPoints("dropped=50", 7)).isEqualTo(7);
    }
}
