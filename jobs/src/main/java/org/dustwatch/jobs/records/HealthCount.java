package org.dustwatch.jobs.records;

/**
 * One count of the {@code pipeline} measurement: how many records of a kind one source had in one
 * minute.
 *
 * @param source the Kafka topic
 * @param kind {@code valid}, {@code dead_letters}, {@code late} or {@code duplicates}
 * @param minute the minute's start, epoch ms
 */
public record HealthCount(String source, String kind, long minute, long count) {}
