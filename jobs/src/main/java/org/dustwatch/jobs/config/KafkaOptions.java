package org.dustwatch.jobs.config;

import static org.apache.flink.configuration.ConfigOptions.key;

import org.apache.flink.configuration.ConfigOption;
import org.dustwatch.jobs.config.DustwatchOptions.StartingOffsets;
import org.dustwatch.model.Topics;

/**
 * The Kafka settings: the broker, the consumer group, the topics. Part of {@link
 * DustwatchOptions#all()}; docs/configuration.md lists them.
 */
public final class KafkaOptions {
    private KafkaOptions() {}

    // ---- Kafka ----------------------------------------------------------------------------

    public static final ConfigOption<String> KAFKA_BOOTSTRAP =
            key("kafka.bootstrap")
                    .stringType()
                    .defaultValue("127.0.0.1:9092")
                    .withDescription("Kafka bootstrap servers, host:port[,host:port...].");

    public static final ConfigOption<String> KAFKA_GROUP_ID =
            key("kafka.group-id")
                    .stringType()
                    .defaultValue("dustwatch")
                    .withDescription(
                            "Consumer group; offsets are committed to it at each checkpoint.");

    public static final ConfigOption<StartingOffsets> KAFKA_STARTING_OFFSETS =
            key("kafka.starting-offsets")
                    .enumType(StartingOffsets.class)
                    .defaultValue(StartingOffsets.COMMITTED)
                    .withDescription(
                            "Where a job without state starts: COMMITTED (the group's offsets,"
                                    + " else the earliest), EARLIEST or LATEST.");

    public static final ConfigOption<String> TOPIC_INSPECTIONS =
            key("kafka.topic.inspections")
                    .stringType()
                    .defaultValue(Topics.INSPECTIONS)
                    .withDescription("Topic of inspection events.");

    public static final ConfigOption<String> TOPIC_READINGS =
            key("kafka.topic.readings")
                    .stringType()
                    .defaultValue(Topics.READINGS)
                    .withDescription("Topic of air-quality readings.");

    public static final ConfigOption<String> TOPIC_DEAD_LETTERS =
            key("kafka.topic.dead-letters")
                    .stringType()
                    .defaultValue(Topics.DEAD_LETTERS)
                    .withDescription("Topic that receives every refused record.");

    public static final ConfigOption<String> TOPIC_ALERTS =
            key("kafka.topic.alerts")
                    .stringType()
                    .defaultValue(Topics.ALERTS)
                    .withDescription("Topic that receives alerts as JSON, keyed by alert id.");

    /** Prefix of Kafka client properties passed through unchanged (SASL, SSL, ...). */
    public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";
}
