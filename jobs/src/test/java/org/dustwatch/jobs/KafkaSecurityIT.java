package org.dustwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaPreflight;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.simulator.SimulationOptions;
import org.dustwatch.stack.KafkaBroker;
import org.dustwatch.stack.Ports;
import org.dustwatch.stack.junit.InfluxExtension;
import org.dustwatch.stack.junit.KafkaExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job against a broker that only lets in authenticated clients over TLS (SASL_SSL with PLAIN, a
 * certificate from a private CA), with the password in a file that Kafka's own {@code
 * FileConfigProvider} reads: every Kafka client of the job (both sources, the dead-letter and alert
 * producers, the start-up topic check) goes through that listener and gets the results of a
 * PLAINTEXT run of the same input, point by point (docs/reliability.md).
 */
class KafkaSecurityIT {

    @RegisterExtension static final InfluxExtension INFLUX = new InfluxExtension();

    @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoTaskManagers();

    @AfterEach
    void cancelLeftoverJobs(@InjectClusterClient ClusterClient<?> client) throws Exception {
        MiniClusters.cancelLeftoverJobs(client);
    }

    static final String USER = "dustwatch-job";
    static final String PASSWORD = "kafka-" + UUID.randomUUID();

    @TempDir static Path dir;
    static TestCertificates certificates;
    static KafkaBroker broker;
    static Path passwordFile;
    static Path plateKeyFile;

    @BeforeAll
    static void startASecuredBrokerAndProduceTheDistrict() throws Exception {
        certificates = TestCertificates.create(Files.createDirectories(dir.resolve("tls")));
        broker =
                KafkaBroker.start(
                        new KafkaBroker.Config(
                                KafkaExtension.libDir(),
                                dir.resolve("kafka"),
                                Ports.free(),
                                Ports.free(),
                                "256m",
                                new KafkaBroker.SaslSsl(
                                        Ports.free(),
                                        certificates.keyStorePem(),
                                        Map.of(USER, PASSWORD))),
                        null);
        plateKeyFile = dir.resolve("plate.key");
        Files.writeString(plateKeyFile, "kafka-security-it plate key " + UUID.randomUUID());
        passwordFile = dir.resolve("kafka-client.properties");
        Files.writeString(passwordFile, "password=" + PASSWORD + "\n");

        broker.createTopics(List.of("sec.inspections", "sec.readings"), 2);
        broker.createTopics(
                List.of("plain.dlq", "plain.alerts", "secured.dlq", "secured.alerts"), 2);
        TestKafka.produceDistrict(
                broker.bootstrap(),
                SimulationOptions.defaults(
                        23, Instant.parse("2026-11-20T00:00:00Z"), Duration.ofHours(2), 3_000),
                "sec.inspections",
                "sec.readings");
    }

    @AfterAll
    static void stopTheBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyKafkaClientOfTheJobWorksOverSaslSslAndTheResultsEqualAPlaintextRun()
            throws Exception {
        run("plain", broker.bootstrap(), Map.of());
        List<String> lines;
        try (LogCapture log = LogCapture.start()) {
            run("secured", broker.saslSslBootstrap(), secured(PASSWORD_FROM_FILE));
            lines = log.lines();
        }

        Map<String, String> plain = InfluxDump.all(INFLUX.client(), "plain");
        assertThat(plain).hasSizeGreaterThan(1_000);
        assertThat(InfluxDump.all(INFLUX.client(), "secured")).isEqualTo(plain);
        int deadLetters = TestKafka.readToEnd(broker.bootstrap(), "plain.dlq").size();
        assertThat(deadLetters).as("dead letters of the plain run").isPositive();
        assertThat(TestKafka.readToEnd(broker.bootstrap(), "secured.dlq"))
                .as("dead letters written over SASL_SSL")
                .hasSize(deadLetters);
        int alerts = TestKafka.readToEnd(broker.bootstrap(), "plain.alerts").size();
        assertThat(alerts).as("alerts of the plain run").isPositive();
        assertThat(TestKafka.readToEnd(broker.bootstrap(), "secured.alerts"))
                .as("alerts written over SASL_SSL")
                .hasSize(alerts);

        assertThat(lines).anyMatch(l -> l.contains("security.protocol = SASL_SSL"));
        assertThat(lines).noneMatch(l -> l.contains(PASSWORD));
        System.out.printf(
                "Kafka SASL_SSL: %,d points compared, 0 differ; %,d dead letters and %d alerts"
                        + " written over SASL_SSL; password in no log line%n",
                plain.size(), deadLetters, alerts);
    }

    @Test
    void theListenerRefusesAWrongPasswordAndAnUntrustedCertificate() {
        Map<String, String> wrongPassword =
                secured(
                        "org.apache.kafka.common.security.plain.PlainLoginModule required"
                                + " username=\""
                                + USER
                                + "\" password=\"not-the-password\";");
        assertThatThrownBy(() -> describeCluster(wrongPassword))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);

        Map<String, String> defaultTrust = new HashMap<>(secured(PASSWORD_FROM_FILE));
        defaultTrust.remove("ssl.truststore.type");
        defaultTrust.remove("ssl.truststore.location");
        assertThatThrownBy(() -> describeCluster(defaultTrust))
                .hasCauseInstanceOf(SslAuthenticationException.class)
                .hasRootCauseMessage("unable to find valid certification path to requested target");
    }

    static final String PASSWORD_FROM_FILE =
            "org.apache.kafka.common.security.plain.PlainLoginModule required"
                    + " username=\""
                    + USER
                    + "\" password=\"${file:%s:password}\";";

    /** The Kafka client settings of a SASL_SSL client, without the {@code kafka.properties.}. */
    static Map<String, String> secured(String jaas) {
        Map<String, String> p = new HashMap<>();
        p.put("security.protocol", "SASL_SSL");
        p.put("sasl.mechanism", "PLAIN");
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", certificates.caPem().toString());
        p.put("config.providers", "file");
        p.put(
                "config.providers.file.class",
                "org.apache.kafka.common.config.provider.FileConfigProvider");
        p.put("sasl.jaas.config", jaas.formatted(passwordFile));
        return p;
    }

    static void describeCluster(Map<String, String> client) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.saslSslBootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        }
    }

    static void run(String name, String bootstrap, Map<String, String> kafkaProperties)
            throws Exception {
        INFLUX.client().createDatabase(name);
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap", bootstrap);
        settings.put("kafka.topic.inspections", "sec.inspections");
        settings.put("kafka.topic.readings", "sec.readings");
        settings.put("kafka.topic.dead-letters", name + ".dlq");
        settings.put("kafka.topic.alerts", name + ".alerts");
        settings.put("kafka.group-id", "dustwatch-" + name);
        settings.put("kafka.starting-offsets", "EARLIEST");
        settings.put("influx.url", INFLUX.url());
        settings.put("influx.database", name);
        settings.put("pipeline.checkpoint-interval", "1s");
        settings.put("plates.key-file", plateKeyFile.toString()); // repeat offenders: alerts
        kafkaProperties.forEach((k, v) -> settings.put("kafka.properties." + k, v));
        DustwatchConfig c = DustwatchConfig.load(settings, Map.of());
        KafkaPreflight.checkTopics(c);
        StreamExecutionEnvironment env = JobEnvironment.create(c);
        env.setParallelism(2);
        Topology.build(
                env,
                KafkaSources.of(c, true),
                ProductionSinks.of(c),
                TestSettings.of(ReliabilityIT.timing()));
        env.execute("kafka-security-" + name);
    }
}
