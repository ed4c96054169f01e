package org.dustwatch.simulator;

/**
 * One generated Kafka record.
 *
 * @param topic destination topic
 * @param key the source id (checkpoint or station), or null for a record too broken to have one
 * @param value the JSON payload
 * @param emitAt when a broker would receive it, epoch ms: an inspection's event time, a reading's
 *     period end (an average is known when its period ends), later for late, out-of-order and
 *     duplicated records; the order in which the simulator returns records
 */
public record SimEvent(String topic, String key, String value, long emitAt) {}
