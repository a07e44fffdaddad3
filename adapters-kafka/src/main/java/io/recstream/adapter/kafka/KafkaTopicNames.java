package io.recstream.adapter.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The topics recstream reads and writes ({@code recstream.topics.*}). */
@ConfigurationProperties("recstream.topics")
public record KafkaTopicNames(
        @DefaultValue("recordings.calls") String calls,
        @DefaultValue("recordings.download-requests") String downloadRequests,
        @DefaultValue("recordings.download-events") String downloadEvents,
        @DefaultValue("6") int partitions) {
}
