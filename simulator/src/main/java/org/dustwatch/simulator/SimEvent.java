package org.dustwatch.simulator;

/**
 * One generated Kafka record.
 *
 * @param topic destination topic
 * @param key the source id (checkpoint or station), or null for a record too broken to have one
 * @param value the JSON payload
 */
public record SimEvent(String topic, String key, String value) {}
