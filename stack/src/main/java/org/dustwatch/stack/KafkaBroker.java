package org.dustwatch.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.dustwatch.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka broker in single-node KRaft mode (combined broker and controller), run as a
 * separate JVM from the jars that the {@code kafka-dist} module copies out of Maven Central.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);

    /** The main class of the broker, also used to recognise its process. */
    public static final String MAIN_CLASS = "kafka.Kafka";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /**
     * Where and how to run the broker.
     *
     * @param libDir the broker's class path (kafka-dist/target/lib)
     * @param dataDir log dirs and metadata; formatted on first start
     * @param port PLAINTEXT listener on 127.0.0.1
     * @param controllerPort KRaft controller listener on 127.0.0.1
     * @param heap maximum heap, e.g. {@code 256m}
     * @param saslSsl a second, secured listener; {@code null} for none
     */
    public record Config(
            Path libDir, Path dataDir, int port, int controllerPort, String heap, SaslSsl saslSsl) {

        /** A broker with the PLAINTEXT listener only. */
        public Config(Path libDir, Path dataDir, int port, int controllerPort, String heap) {
            this(libDir, dataDir, port, controllerPort, heap, null);
        }

        public String bootstrap() {
            return Ports.LOOPBACK + ":" + port;
        }
    }

    /**
     * A SASL_SSL listener on 127.0.0.1 beside the PLAINTEXT one: TLS with the given key and
     * certificate chain, then SASL/PLAIN against a fixed set of users. For testing clients against
     * a secured broker; the broker itself and its tools keep using PLAINTEXT.
     *
     * @param port the listener's port
     * @param keyStorePem a PEM file with the unencrypted PKCS#8 private key and its certificate
     *     chain
     * @param users user name to password
     */
    public record SaslSsl(int port, Path keyStorePem, Map<String, String> users) {
        public SaslSsl {
            users = Map.copyOf(users);
        }

        public String bootstrap() {
            return Ports.LOOPBACK + ":" + port;
        }

        @Override
        public String toString() {
            return "SaslSsl[port=" + port + ", users=" + users.keySet() + "]";
        }
    }

    private final Config config;
    private final ServiceProcess process;

    private KafkaBroker(Config config, ServiceProcess process) {
        this.config = config;
        this.process = process;
    }

    /**
     * Formats the storage if needed, starts the broker and waits until it answers.
     *
     * @param logFile where the broker's output goes; {@code null} sends it to the logger {@code
     *     dustwatch.kafka} instead
     */
    public static KafkaBroker start(Config config, Path logFile) {
        requireLibDir(config.libDir());
        Ports.requireFree(config.port(), "Kafka", "--kafka-port");
        Ports.requireFree(config.controllerPort(), "the Kafka controller", "--kafka-port");
        if (config.saslSsl() != null) {
            Ports.requireFree(config.saslSsl().port(), "Kafka's SASL_SSL listener", "--kafka-port");
        }
        try {
            Files.createDirectories(config.dataDir());
            Path props = writeProperties(config);
            if (!Files.exists(config.dataDir().resolve("logs/meta.properties"))) {
                format(config, props);
            }
            List<String> cmd = new ArrayList<>(javaCommand(config));
            cmd.add(MAIN_CLASS);
            cmd.add(props.toString());
            ServiceProcess p = ServiceProcess.start("kafka", cmd, config.dataDir(), logFile);
            KafkaBroker broker = new KafkaBroker(config, p);
            try {
                broker.awaitReady();
            } catch (RuntimeException e) {
                p.stop(Duration.ofSeconds(10));
                throw e;
            }
            LOG.info("Kafka broker up at {} (pid {})", config.bootstrap(), p.pid());
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrap() {
        return config.bootstrap();
    }

    /** The SASL_SSL listener's address; fails when the broker has none. */
    public String saslSslBootstrap() {
        if (config.saslSsl() == null) {
            throw new IllegalStateException("this broker has no SASL_SSL listener");
        }
        return config.saslSsl().bootstrap();
    }

    public long pid() {
        return process.pid();
    }

    /** Creates the topics that do not exist yet, each with {@code partitions} partitions. */
    public void createTopics(Collection<String> topics, int partitions) {
        createTopics(config.bootstrap(), topics, partitions);
    }

    /**
     * Creates the topics that do not exist yet on the broker at {@code bootstrap}, each keeping its
     * records for {@link Topics#RETENTION} (Kafka's default of 7 days is too short for the monthly
     * revision). An existing topic is left as it is.
     */
    public static void createTopics(String bootstrap, Collection<String> topics, int partitions) {
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    wanted.add(
                            new NewTopic(t, partitions, (short) 1)
                                    .configs(Map.of(RETENTION_MS, retentionMs())));
                }
            }
            if (!wanted.isEmpty()) {
                admin.createTopics(wanted).all().get(30, TimeUnit.SECONDS);
                awaitWritable(admin, wanted.stream().map(NewTopic::name).toList());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new StackException("cannot create topics " + topics + ": " + e.getCause(), e);
            }
        } catch (Exception e) {
            throw new StackException("cannot create topics " + topics + ": " + e, e);
        }
    }

    /**
     * Waits until every partition of the topics takes writes. A broker answers metadata from its
     * metadata cache, which it updates before its replica manager creates the partitions, so a
     * leader shows in {@code describeTopics} a moment before it accepts a produce request. A
     * producer that writes in that moment has its first request refused with {@code
     * NOT_LEADER_OR_FOLLOWER} while a later one in flight is appended, and then every retry of the
     * first fails with {@code OUT_OF_ORDER_SEQUENCE_NUMBER} until {@code delivery.timeout.ms}
     * expires its records (KAFKA-15591, unfixed in the broker this project runs). A {@code
     * ListOffsets} request is answered by the partition's leader in the replica manager, so once it
     * succeeds for every partition, the race is over.
     */
    private static void awaitWritable(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!led(admin, topics)) {
            if (System.nanoTime() > deadline) {
                throw new StackException("topics " + topics + " have no leader after 30 s");
            }
            Thread.sleep(100);
        }
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (TopicDescription d :
                admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                ends.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest());
            }
        }
        // The admin client retries NOT_LEADER_OR_FOLLOWER itself, within its API timeout.
        admin.listOffsets(ends).all().get(60, TimeUnit.SECONDS);
    }

    /**
     * Whether every partition of the topics has a leader; not yet if the broker does not know one.
     */
    private static boolean led(Admin admin, List<String> topics) throws Exception {
        Map<String, TopicDescription> described;
        try {
            described = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but not yet in the metadata this broker answers from
            }
            throw e;
        }
        for (TopicDescription d : described.values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The topic setting that {@link #createTopics} sets. */
    public static final String RETENTION_MS = "retention.ms";

    /** {@link Topics#RETENTION} in milliseconds, as {@code retention.ms} takes it. */
    public static String retentionMs() {
        return Long.toString(Topics.RETENTION.toMillis());
    }

    /** Whether a broker answers at {@code bootstrap} within a few seconds. */
    public static boolean answers(String bootstrap) {
        try (Admin admin = admin(bootstrap)) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Stops the broker abruptly, as a crash would (for failure tests). */
    public void kill() {
        process.kill();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            process.requireAlive();
            if (answers(config.bootstrap())) {
                return;
            }
            sleep(250);
        }
        throw new StackException(
                "Kafka did not answer at "
                        + config.bootstrap()
                        + " within "
                        + START_TIMEOUT.toSeconds()
                        + " s. Its last output:\n"
                        + process.tail());
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(p);
    }

    private static void format(Config config, Path props) {
        List<String> cmd = new ArrayList<>(javaCommand(config));
        cmd.addAll(
                List.of(
                        "kafka.tools.StorageTool",
                        "format",
                        "--standalone",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        props.toString()));
        try {
            Process p =
                    new ProcessBuilder(cmd)
                            .directory(config.dataDir().toFile())
                            .redirectErrorStream(true)
                            .start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new StackException("formatting Kafka storage failed:\n" + out);
            }
        } catch (IOException e) {
            throw new StackException("cannot run the Kafka storage tool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while formatting Kafka storage", e);
        }
    }

    private static List<String> javaCommand(Config config) {
        Path log4j = config.libDir().resolveSibling("config").resolve("log4j2.properties");
        return List.of(
                ServiceProcess.javaBinary(),
                "-Xmx" + config.heap(),
                "-Xms64m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-cp",
                config.libDir().resolve("*").toString());
    }

    private static Path writeProperties(Config c) throws IOException {
        String controller = Ports.LOOPBACK + ":" + c.controllerPort();
        Map<String, String> settings =
                new java.util.TreeMap<>(
                        Map.ofEntries(
                                Map.entry("process.roles", "broker,controller"),
                                Map.entry("node.id", "1"),
                                Map.entry("controller.quorum.bootstrap.servers", controller),
                                Map.entry(
                                        "listeners",
                                        "PLAINTEXT://"
                                                + c.bootstrap()
                                                + ",CONTROLLER://"
                                                + controller),
                                Map.entry("advertised.listeners", "PLAINTEXT://" + c.bootstrap()),
                                Map.entry("controller.listener.names", "CONTROLLER"),
                                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                                Map.entry(
                                        "listener.security.protocol.map",
                                        "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"),
                                Map.entry("log.dirs", c.dataDir().resolve("logs").toString()),
                                Map.entry("num.partitions", "2"),
                                Map.entry("auto.create.topics.enable", "false"),
                                Map.entry("offsets.topic.replication.factor", "1"),
                                Map.entry("offsets.topic.num.partitions", "4"),
                                Map.entry("transaction.state.log.replication.factor", "1"),
                                Map.entry("transaction.state.log.min.isr", "1"),
                                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                                Map.entry("group.initial.rebalance.delay.ms", "0"),
                                Map.entry("log.cleaner.dedupe.buffer.size", "16777216"),
                                Map.entry("message.max.bytes", "4194304")));
        SaslSsl sasl = c.saslSsl();
        if (sasl != null) {
            settings.merge("listeners", ",SASL_SSL://" + sasl.bootstrap(), String::concat);
            settings.merge(
                    "advertised.listeners", ",SASL_SSL://" + sasl.bootstrap(), String::concat);
            settings.merge("listener.security.protocol.map", ",SASL_SSL:SASL_SSL", String::concat);
            settings.put("listener.name.sasl_ssl.sasl.enabled.mechanisms", "PLAIN");
            StringBuilder jaas =
                    new StringBuilder(
                            "org.apache.kafka.common.security.plain.PlainLoginModule required");
            new java.util.TreeMap<>(sasl.users())
                    .forEach(
                            (u, pw) ->
                                    jaas.append(" user_")
                                            .append(u)
                                            .append("=\"")
                                            .append(pw)
                                            .append('"'));
            settings.put(
                    "listener.name.sasl_ssl.plain.sasl.jaas.config", jaas.append(';').toString());
            settings.put("listener.name.sasl_ssl.ssl.keystore.type", "PEM");
            settings.put(
                    "listener.name.sasl_ssl.ssl.keystore.location", sasl.keyStorePem().toString());
        }
        StringBuilder b = new StringBuilder("# Written by dustwatch; edits are overwritten.\n");
        settings.entrySet()
                .forEach(e -> b.append(e.getKey()).append('=').append(e.getValue()).append('\n'));
        Path file = c.dataDir().resolve("server.properties");
        Files.writeString(file, b);
        return file;
    }

    private static void requireLibDir(Path libDir) {
        try (var files = Files.list(libDir)) {
            if (files.noneMatch(f -> f.getFileName().toString().startsWith("kafka_2.13"))) {
                throw new StackException("no Kafka broker jars in " + libDir + missingLibHint());
            }
        } catch (IOException e) {
            throw new StackException("no Kafka broker class path at " + libDir + missingLibHint());
        }
    }

    private static String missingLibHint() {
        return ": build it with `mvn -pl kafka-dist package` (bin/dustwatch does this for you)";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for Kafka", e);
        }
    }
}
