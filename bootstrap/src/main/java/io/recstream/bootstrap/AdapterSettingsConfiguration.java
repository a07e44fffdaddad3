package io.recstream.bootstrap;

import io.recstream.adapter.kafka.DownloadRetrySettings;
import io.recstream.adapter.kafka.KafkaSettings;
import io.recstream.adapter.kafka.KafkaTopicNames;
import io.recstream.adapter.web.HeldRequests;
import io.recstream.adapter.web.SecuritySettings;
import io.recstream.adapter.web.WebSettings;
import io.recstream.adapter.web.WebhookSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The inbound adapters' typed settings, made from the one binding of {@code recstream.*}. */
@Configuration(proxyBeanMethods = false)
class AdapterSettingsConfiguration {

    @Bean(KafkaSettings.BEAN_NAME)
    KafkaSettings kafkaSettings(RecstreamProperties properties) {
        RecstreamProperties.Topics topics = properties.topics();
        RecstreamProperties.Download download = properties.download();
        return new KafkaSettings(
                new KafkaTopicNames(topics.calls(), topics.downloadRequests(), topics.downloadEvents(),
                        topics.registrations(), topics.partitions(), topics.retention(),
                        topics.replicationFactor(), topics.minInsyncReplicas()),
                properties.kafka().sendTimeout(), properties.kafka().downloadGroup(),
                properties.kafka().callRegistryGroup(), download.concurrency(), download.parallelism(),
                download.shutdownGrace(), new DownloadRetrySettings(download.retry().attempts(),
                        download.retry().initialBackoff(), download.retry().maxBackoff()));
    }

    @Bean
    SecuritySettings securitySettings(RecstreamProperties properties) {
        try {
            return new SecuritySettings(properties.security().jwtSecret());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("recstream.security.jwt-secret", e.getMessage(),
                    "Set it (or RECSTREAM_SECURITY_JWT_SECRET) to the HMAC-SHA256 key of your access tokens", e);
        }
    }

    @Bean
    WebhookSettings webhookSettings(RecstreamProperties properties) {
        try {
            return new WebhookSettings(properties.twilio().authToken(), properties.twilio().webhookBaseUrl());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("recstream.twilio.auth-token", e.getMessage(),
                    "Set it (or RECSTREAM_TWILIO_AUTH_TOKEN) to your Twilio account's auth token", e);
        }
    }

    @Bean
    WebSettings webSettings(RecstreamProperties properties) {
        return new WebSettings(properties.download().legacyWait(), properties.ui().signInUrl(),
                properties.ui().stalledDownloadGiveUp(), properties.peers().secret(), properties.retention());
    }

    /** Held requests per user and instance ({@code recstream.limits.held-requests-per-user}). */
    @Bean
    HeldRequests heldRequests(RecstreamProperties properties) {
        return new HeldRequests(properties.limits().heldRequestsPerUser());
    }
}
