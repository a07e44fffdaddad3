package io.recstream.adapter.kafka;

import java.time.Duration;

/**
 * The topics recstream reads and writes.
 *
 * @param partitions partitions of the topics recstream creates when they are missing
 * @param retention  how long the topics recstream creates keep their records (compacted, then deleted past this):
 *                   longer than the recordings' retention, so that the call directory can be rebuilt from them
 * @param replicationFactor copies of each partition of the topics recstream creates
 * @param minInsyncReplicas copies that must have a record before a send with acks=all is acknowledged
 */
public record KafkaTopicNames(String calls, String downloadRequests, String downloadEvents, String registrations,
                              int partitions, Duration retention, short replicationFactor, int minInsyncReplicas) {
}
