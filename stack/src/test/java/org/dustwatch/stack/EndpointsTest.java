package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dustwatch.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How every command finds Kafka and InfluxDB, and what it says when nothing answers there. */
class EndpointsTest {

    @Test
    void aFlagWinsOverTheRunningStackWhichWinsOverTheDefaults(@TempDir Path home) throws Exception {
        Endpoints endpoints = new Endpoints(home);

        // No stack: the defaults of a local stack.
        assertThat(endpoints.kafka(null, "--bootstrap"))
                .isEqualTo(
                        new Endpoints.Endpoint("127.0.0.1:9092", Endpoints.Source.DEFAULT, null));
        assertThat(endpoints.influx(null, "--influx-url").address())
                .isEqualTo("http://127.0.0.1:8086");

        // A running stack, as `stack start` records it: a live broker pid and the addresses.
        // (The "broker": a shell waiting on its input, with the broker's main class in its
        // command line.)
        Process broker =
                new ProcessBuilder("bash", "-c", "read -t 60 line", KafkaBroker.MAIN_CLASS).start();
        try {
            Path state = home.resolve("stack/stack.properties");
            Files.createDirectories(state.getParent());
            Files.writeString(
                    state,
                    "kafka.pid="
                            + broker.pid()
                            + "\nkafka.bootstrap=127.0.0.1\\:19092\n"
                            + "influx.url=http\\://127.0.0.1\\:18086\n");

            assertThat(endpoints.kafka(null, "--bootstrap"))
                    .isEqualTo(
                            new Endpoints.Endpoint(
                                    "127.0.0.1:19092", Endpoints.Source.STACK, state.toString()));
            assertThat(endpoints.influx(null, "--influx-url"))
                    .isEqualTo(
                            new Endpoints.Endpoint(
                                    "http://127.0.0.1:18086",
                                    Endpoints.Source.STACK,
                                    state.toString()));

            // A flag wins.
            assertThat(endpoints.kafka("kafka:9092", "--bootstrap"))
                    .isEqualTo(
                            new Endpoints.Endpoint(
                                    "kafka:9092", Endpoints.Source.GIVEN, "--bootstrap"));
            assertThat(endpoints.influx("http://influx:8086", "--influx-url").address())
                    .isEqualTo("http://influx:8086");
        } finally {
            broker.destroy();
            broker.waitFor();
        }

        // The broker is gone: its recorded address is no longer the stack's.
        assertThat(endpoints.kafka(null, "--bootstrap").source())
                .isEqualTo(Endpoints.Source.DEFAULT);
    }

    @Test
    void noBrokerAtAClosedPortIsOneLineWithTheAddressTried() {
        String address = "127.0.0.1:" + Ports.free();

        assertThatThrownBy(
                        () ->
                                Endpoints.requireKafka(
                                        new Endpoints.Endpoint(
                                                address, Endpoints.Source.DEFAULT, null)))
                .isInstanceOf(Cli.Failure.class)
                .hasMessage(
                        "no Kafka broker answers at "
                                + address
                                + " (start one with: bin/dustwatch stack start)");
        assertThatThrownBy(
                        () ->
                                Endpoints.requireKafka(
                                        new Endpoints.Endpoint(
                                                address, Endpoints.Source.GIVEN, "--bootstrap")))
                .hasMessage("no Kafka broker answers at " + address + " (from --bootstrap)");
    }

    @Test
    void noInfluxDbAtAClosedPortIsOneLineWithTheUrlTried(@TempDir Path home) {
        String url = "http://127.0.0.1:" + Ports.free();

        assertThatThrownBy(
                        () ->
                                Endpoints.requireInflux(
                                        new Endpoints.Endpoint(
                                                url, Endpoints.Source.DEFAULT, null)))
                .isInstanceOf(Cli.Failure.class)
                .hasMessage(
                        "no InfluxDB answers at "
                                + url
                                + " (start one with: bin/dustwatch stack start)");
        String state = home.resolve("stack/stack.properties").toString();
        assertThatThrownBy(
                        () ->
                                Endpoints.requireInflux(
                                        new Endpoints.Endpoint(url, Endpoints.Source.STACK, state)))
                .hasMessage(
                        "no InfluxDB answers at "
                                + url
                                + " (the local stack's, from "
                                + state
                                + "; see bin/dustwatch stack status)");
        assertThatThrownBy(
                        () ->
                                Endpoints.requireInflux(
                                        new Endpoints.Endpoint(
                                                "localhost:8086",
                                                Endpoints.Source.GIVEN,
                                                "--influx-url")))
                .hasMessage("no usable InfluxDB URL at localhost:8086 (from --influx-url)");
    }
}
