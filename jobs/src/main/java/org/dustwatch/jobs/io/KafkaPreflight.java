package org.dustwatch.jobs.io;

import static org.dustwatch.jobs.config.KafkaOptions.KAFKA_BOOTSTRAP;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_ALERTS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_DEAD_LETTERS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_INSPECTIONS;
import static org.dustwatch.jobs.config.KafkaOptions.TOPIC_READINGS;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.slf4j.LoggerFactory;

/** The check made before a job is submitted: do its topics exist? */
public final class KafkaPreflight {
    private KafkaPreflight() {}

    /**
     * Fails when the broker answers that an input or output topic does not exist: without this, the
     * job would start and then crash-loop on its first dead letter. When the broker cannot be
     * reached from here (on a cluster only the TaskManagers may reach it), this warns and lets the
     * job go on.
     */
    public static void checkTopics(DustwatchConfig c) {
        Properties p = c.kafkaProperties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, c.get(KAFKA_BOOTSTRAP));
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        List<String> topics =
                List.of(
                        c.get(TOPIC_INSPECTIONS),
                        c.get(TOPIC_READINGS),
                        c.get(TOPIC_DEAD_LETTERS),
                        c.get(TOPIC_ALERTS));
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new IllegalStateException(
                        "Kafka at "
                                + c.get(KAFKA_BOOTSTRAP)
                                + " has no topic "
                                + String.join(", ", missing)
                                + ": create it (bin/dustwatch stack start creates dustwatch's topics) or"
                                + " point kafka.topic.* at existing ones");
            }
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            LoggerFactory.getLogger(KafkaPreflight.class)
                    .warn(
                            "cannot check the Kafka topics from here ({}); submitting anyway",
                            e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
