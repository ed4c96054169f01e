package org.dustwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dustwatch.model.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The detached stack behind {@code bin/dustwatch stack}, with real processes. */
class LocalStackIT {

    static final Path KAFKA_LIB = Path.of(System.getProperty("dustwatch.kafka.lib"));

    final ByteArrayOutputStream output = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    static LocalStack.Options options() {
        // The broker's controller takes port+1 and influxd's RPC port+2: pick ports with room.
        return new LocalStack.Options(freePair(), freePair(), null, 1);
    }

    @Test
    void startsBothServicesCreatesTopicsAndDatabaseAndStopLeavesNoProcess(@TempDir Path home)
            throws Exception {
        LocalStack stack = new LocalStack(home, out);
        LocalStack.Options o = options();

        stack.start(o, KAFKA_LIB);

        List<String> pids =
                Files.readAllLines(home.resolve("stack/stack.properties")).stream()
                        .filter(l -> l.contains(".pid="))
                        .map(l -> l.substring(l.indexOf('=') + 1))
                        .toList();
        assertThat(pids).hasSize(2);
        assertThat(pids).allMatch(p -> ProcessHandle.of(Long.parseLong(p)).isPresent());
        assertThat(stack.status()).isTrue();
        assertThat(KafkaBroker.answers("127.0.0.1:" + o.kafkaPort())).isTrue();
        String dbs =
                new InfluxServer.Client("http://127.0.0.1:" + o.influxPort())
                        .query(null, "SHOW DATABASES");
        assertThat(dbs).contains("\"" + Topics.DATABASE + "\"");
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(
                        java.util.Map.of("bootstrap.servers", "127.0.0.1:" + o.kafkaPort()))) {
            for (String t : Topics.ALL) {
                var resource =
                        new org.apache.kafka.common.config.ConfigResource(
                                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, t);
                String retention =
                        admin.describeConfigs(List.of(resource))
                                .all()
                                .get()
                                .get(resource)
                                .get("retention.ms")
                                .value();
                assertThat(retention).as("retention.ms of %s", t).isEqualTo("7776000000");
            }
        }

        // A second start finds both running and starts nothing new.
        stack.start(o, KAFKA_LIB);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("Kafka already running")
                .contains("influxd already running");

        assertThat(stack.stop()).isEqualTo(2);

        for (String p : pids) {
            assertThat(
                            ProcessHandle.of(Long.parseLong(p))
                                    .map(ProcessHandle::isAlive)
                                    .orElse(false))
                    .as("pid %s is alive after stop", p)
                    .isFalse();
        }
        assertThat(Ports.inUse(o.kafkaPort())).isFalse();
        assertThat(Ports.inUse(o.influxPort())).isFalse();
        assertThat(stack.status()).isFalse();
    }

    @Test
    void aTakenPortFailsWithAClearMessageAndStartsNothing(@TempDir Path home) throws Exception {
        LocalStack.Options o = options();
        try (ServerSocket squatter =
                new ServerSocket(o.kafkaPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> new LocalStack(home, out).start(o, KAFKA_LIB))
                    .isInstanceOf(StackException.class)
                    .hasMessage(
                            "port "
                                    + o.kafkaPort()
                                    + " on 127.0.0.1 is already in use, so Kafka cannot start"
                                    + " there: stop whatever holds it (see `bin/dustwatch stack"
                                    + " status`) or choose another port with --kafka-port");
        }
        assertThat(home.resolve("stack/stack.properties")).doesNotExist();
    }

    @Test
    void aStalePidFileIsReportedAndClearedWithoutTouchingOtherProcesses(@TempDir Path home)
            throws Exception {
        // A pid that belongs to a live process which is not ours (this JVM) must never be
        // signalled.
        long foreign = ProcessHandle.current().pid();
        Files.createDirectories(home.resolve("stack"));
        Files.writeString(
                home.resolve("stack/stack.properties"),
                "kafka.pid=" + foreign + "\nkafka.bootstrap=127.0.0.1\\:1\n");
        LocalStack stack = new LocalStack(home, out);

        assertThat(stack.status()).isFalse();
        assertThat(stack.stop()).isZero();

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("stale pid file names pid " + foreign);
        assertThat(text).contains("pid " + foreign + " is gone; removed the stale entry");
        assertThat(home.resolve("stack/stack.properties")).doesNotExist();
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    /** A free port whose two successors are free as well. */
    static int freePair() {
        for (int i = 0; i < 50; i++) {
            int p = Ports.free();
            if (p < 65000 && !Ports.inUse(p + 1) && !Ports.inUse(p + 2)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port triple found");
    }
}
