package io.recstream.adapter.kafka;

import java.time.Duration;

/**
 * What the Kafka adapter is configured with. The listeners read theirs from the bean of this type named
 * {@value #BEAN_NAME}.
 *
 * @param sendTimeout       how long a publication may wait for the cluster's acknowledgement
 * @param downloadGroup     the download workers' consumer group (and listener id)
 * @param callRegistryGroup the call record consumers' group (and listener id)
 * @param concurrency       consumers of the download topics per instance
 * @param parallelism       downloads in hand per instance, each on a virtual thread
 * @param shutdownGrace     how long downloads in hand may take to finish when the instance stops
 */
public record KafkaSettings(KafkaTopicNames topics, Duration sendTimeout, String downloadGroup,
                            String callRegistryGroup, int concurrency, int parallelism, Duration shutdownGrace,
                            DownloadRetrySettings retry) {

    public static final String BEAN_NAME = "kafkaSettings";
}
