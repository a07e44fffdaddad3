package io.recstream.adapter.kafka;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The topics recstream reads and writes ({@code recstream.topics.*}).
 *
 * @param retention how long the topics recstream creates keep their records (compacted, then deleted past this):
 *                  longer than {@code recstream.retention}, so that the call directory can be rebuilt from them
 */
@ConfigurationProperties("recstream.topics")
public record KafkaTopicNames(
        @DefaultValue("recordings.calls") String calls,
        @DefaultValue("recordings.download-requests") String downloadRequests,
        @DefaultValue("recordings.download-events") String downloadEvents,
        @DefaultValue("recordings.registrations") String registrations,
        @DefaultValue("6") int partitions,
        @DefaultValue("8d") Duration retention) {
}
