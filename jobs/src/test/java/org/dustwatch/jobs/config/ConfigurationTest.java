package org.dustwatch.jobs.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.dustwatch.connectors.influxdb.InfluxApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @Test
    void theDocumentListsEveryOptionWithItsDefault() throws Exception {
        String doc =
                Files.readString(Path.of("..", "docs", "configuration.md"), StandardCharsets.UTF_8);
        String begin = "<!-- options:begin -->\n";
        String table =
                doc.substring(
                        doc.indexOf(begin) + begin.length(), doc.indexOf("<!-- options:end -->"));

        assertThat(table).isEqualTo(ConfigDocs.table());
    }

    @Test
    void defaultsThenFileThenEnvironmentThenFlags(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dustwatch.yaml");
        Files.writeString(
                file,
                "# comment\nkafka.bootstrap: file:9092\ninflux.api: V2\n"
                        + "pipeline.allowed-lateness: \"20 min\"\n"
                        + "kafka.properties.security.protocol: SASL_SSL\n");

        DustwatchConfig c =
                DustwatchConfig.load(
                        Map.of("config", file.toString(), "pipeline.allowed-lateness", "5 min"),
                        Map.of("DUSTWATCH_KAFKA_BOOTSTRAP", "env:9092", "UNRELATED", "x"));

        assertThat(c.get(KafkaOptions.KAFKA_BOOTSTRAP)).isEqualTo("env:9092");
        assertThat(c.get(InfluxOptions.INFLUX_API)).isEqualTo(InfluxApi.V2);
        assertThat(c.get(DustwatchOptions.ALLOWED_LATENESS)).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.get(DustwatchOptions.TIME_ZONE)).isEqualTo("Asia/Shanghai");
        assertThat(c.kafkaProperties()).containsEntry("security.protocol", "SASL_SSL").hasSize(1);
    }

    @Test
    void theComposeStacksSettingsFileIsValidAndBuildsAV2Sink() throws Exception {
        DustwatchConfig c =
                DustwatchConfig.load(
                        Map.of("config", "../docker/dustwatch/dustwatch.yaml"), Map.of());

        assertThat(c.get(InfluxOptions.INFLUX_API)).isEqualTo(InfluxApi.V2);
        assertThat(c.get(KafkaOptions.KAFKA_BOOTSTRAP)).isEqualTo("kafka:9092");
        // The token variable named by influx.token-env is what compose sets on the containers.
        assertThat(c.get(InfluxOptions.INFLUX_TOKEN_ENV)).isEqualTo("DUSTWATCH_INFLUX_TOKEN");
        assertThat(Files.readString(Path.of("..", "docker", "compose.yaml")))
                .contains("DUSTWATCH_INFLUX_TOKEN: ${INFLUXDB_TOKEN");
    }

    @Test
    void mistakesNameTheKeyTheValueAndTheSource(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> DustwatchConfig.load(Map.of("kafka.bootstap", "x"), Map.of()))
                .hasMessage(
                        "unknown setting 'kafka.bootstap' (flag --kafka.bootstap); see docs/configuration.md");
        assertThatThrownBy(
                        () -> DustwatchConfig.load(Map.of("pipeline.idleness", "soon"), Map.of()))
                .hasMessageStartingWith(
                        "bad value 'soon' for pipeline.idleness (from flag --pipeline.idleness)");
        assertThatThrownBy(
                        () -> DustwatchConfig.load(Map.of(), Map.of("DUSTWATCH_INFLUX_API", "V3")))
                .hasMessageStartingWith(
                        "bad value 'V3' for influx.api (from environment variable DUSTWATCH_INFLUX_API)");
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "kafka.bootstrap 127.0.0.1:9092\n");
        assertThatThrownBy(() -> DustwatchConfig.load(Map.of("config", file.toString()), Map.of()))
                .hasMessage(file + ":1: expected 'key: value'");
        assertThatThrownBy(
                        () ->
                                DustwatchConfig.load(
                                        Map.of("pipeline.dedup-horizon", "5 min"), Map.of()))
                .hasMessageContaining("dedup-horizon must be at least");
    }
}
