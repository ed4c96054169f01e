package org.dustwatch.stack.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.dustwatch.stack.KafkaBroker;
import org.dustwatch.stack.Ports;
import org.dustwatch.stack.StackException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Kafka broker (KRaft, separate JVM) for a test class, on free loopback ports with a
 * temp dir, with its output in the test log. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private KafkaBroker.Config config;
    private KafkaBroker broker;

    @Override
    public void beforeAll(ExtensionContext context) {
        dir = TempDirs.create("dustwatch-kafka-");
        int port = Ports.free();
        int controller = Ports.free();
        config = new KafkaBroker.Config(libDir(), dir, port, controller, "256m");
        broker = KafkaBroker.start(config, null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    public String bootstrap() {
        return broker.bootstrap();
    }

    public KafkaBroker broker() {
        return broker;
    }

    /** Stops the broker and starts it again on the same ports and data, as an operator would. */
    public void restart() {
        broker.close();
        broker = KafkaBroker.start(config, null);
    }

    public void createTopics(Collection<String> topics, int partitions) {
        broker.createTopics(topics, partitions);
    }

    /** The broker class path: {@code -Ddustwatch.kafka.lib}, set by the Maven build. */
    public static Path libDir() {
        String prop = System.getProperty("dustwatch.kafka.lib");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        throw new StackException(
                "the Kafka broker class path is missing"
                        + (prop == null ? "" : " at " + prop)
                        + ": run the tests through Maven from the project root (`bin/dustwatch"
                        + " test`), which builds kafka-dist first, or set -Ddustwatch.kafka.lib");
    }
}
