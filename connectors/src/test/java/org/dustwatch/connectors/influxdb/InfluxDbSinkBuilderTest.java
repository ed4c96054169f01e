package org.dustwatch.connectors.influxdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxDbSinkBuilderTest {

    static InfluxDbSinkBuilder<String> valid() {
        return InfluxDbSink.<String>builder()
                .url("http://127.0.0.1:8086/")
                .database("dustwatch")
                .converter((String s) -> Point.measurement("m").field("v", s));
    }

    @Test
    void appliesTheDocumentedDefaults() {
        InfluxDbSinkConfig c = valid().build().config();

        assertThat(c.url()).hasToString("http://127.0.0.1:8086");
        assertThat(c.batchSize()).isEqualTo(5_000);
        assertThat(c.maxBufferedPoints()).isEqualTo(20_000);
        assertThat(c.flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.backoff())
                .isEqualTo(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30)));
        assertThat(c.maxRetryDuration()).isEqualTo(Duration.ofMinutes(10));
        // What a checkpoint barrier waits for at most: one attempt and one backoff delay.
        assertThat(c.attemptBound()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.gzip()).isTrue();
        assertThat(c.retentionPolicy()).isNull();
        assertThat(c.username()).isNull();
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> valid().url(null).build()).hasMessage("url must be set");
        assertThatThrownBy(() -> valid().url("ftp://x").build())
                .hasMessageContaining("http:// or https://");
        assertThatThrownBy(() -> valid().database(" ").build()).hasMessage("database must be set");
        assertThatThrownBy(() -> valid().batchSize(0).build()).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> valid().batchSize(100).maxBufferedPoints(99).build())
                .hasMessageContaining("maxBufferedPoints must be at least batchSize");
        assertThat(valid().batchSize(100).build().config().maxBufferedPoints()).isEqualTo(400);
        assertThat(valid().maxBackoff(Duration.ofSeconds(5)).build().config().backoff())
                .isEqualTo(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)));
        assertThat(valid().maxBackoff(Duration.ofMillis(50)).build().config().backoff())
                .isEqualTo(new Backoff(Duration.ofMillis(50), Duration.ofMillis(50)));
        assertThatThrownBy(() -> valid().flushInterval(Duration.ZERO).build())
                .hasMessageContaining("flushInterval");
        assertThatThrownBy(() -> valid().credentials("u", null).build())
                .hasMessageContaining("username and password");
        assertThatThrownBy(() -> InfluxDbSink.builder().url("http://x").database("d").build())
                .hasMessageContaining("converter");
    }

    @Test
    void validatesTheV2Settings() {
        InfluxDbSinkConfig c = valid().v2("district", Secret.of("t0k3n", "test")).build().config();
        assertThat(c.api()).isEqualTo(InfluxApi.V2);
        assertThat(c.org()).isEqualTo("district");
        assertThat(c.toString())
                .contains("api=V2", "org=district", "bucket=dustwatch")
                .doesNotContain("t0k3n");

        assertThatThrownBy(() -> valid().v2(" ", Secret.of("t", "test")).build())
                .hasMessage("the v2 API needs an org");
        assertThatThrownBy(() -> valid().v2("o", null).build())
                .hasMessage("the v2 API needs a token");
        assertThatThrownBy(
                        () ->
                                valid().v2("o", Secret.of("t", "test"))
                                        .credentials("u", Secret.of("p", "test"))
                                        .build())
                .hasMessageContaining("belong to the v1 API");
        assertThatThrownBy(() -> valid().v2("o", Secret.of("t", "test")).database(null).build())
                .hasMessage("bucket must be set");
    }

    @Test
    void neverShowsTheSecretInItsDescription(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pw");
        Files.writeString(file, "s3cret-value\n");

        InfluxDbSinkConfig c =
                valid().credentials("writer", Secret.fromFile(file)).build().config();

        assertThat(c.password().reveal()).isEqualTo("s3cret-value");
        assertThat(c.toString()).doesNotContain("s3cret").contains("username=writer");
        assertThatThrownBy(() -> Secret.fromEnv("DUSTWATCH_SURELY_UNSET_VARIABLE"))
                .hasMessageContaining("is not set");
    }

    @Test
    void theSinkSurvivesJavaSerialisation() throws Exception {
        InfluxDbSink<String> sink =
                valid().credentials("u", Secret.of("p", "test")).batchSize(17).build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sink);
        }
        @SuppressWarnings("unchecked")
        InfluxDbSink<String> back =
                (InfluxDbSink<String>)
                        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))
                                .readObject();

        assertThat(back.config().batchSize()).isEqualTo(17);
        assertThat(back.config().password().reveal()).isEqualTo("p");
        assertThat(back.config().url()).isEqualTo(sink.config().url());
        assertThat(back.getWriterStateSerializer().getVersion()).isEqualTo(1);
    }
}
