package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.application.port.out.DownloadQueue;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.annotation.EnableKafkaRetryTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.retrytopic.DeadLetterPublishingRecovererFactory;
import org.springframework.kafka.retrytopic.DestinationTopicResolver;
import org.springframework.kafka.retrytopic.RetryTopicBeanNames;
import org.springframework.kafka.retrytopic.RetryTopicConfiguration;
import org.springframework.kafka.retrytopic.RetryTopicConfigurationBuilder;
import org.springframework.kafka.retrytopic.RetryTopicSchedulerWrapper;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka side of recstream: topics, the listener containers with their dead-letter handling, the publishers. */
@Configuration(proxyBeanMethods = false)
@EnableKafkaRetryTopic
public class KafkaAdapterConfiguration {

    /** The topics, from the adapter's settings (a bean of its own, so that the listeners' SpEL can name it too). */
    @Bean
    KafkaTopicNames kafkaTopicNames(KafkaSettings kafkaSettings) {
        return kafkaSettings.topics();
    }

    @Bean
    DownloadRetrySettings downloadRetrySettings(KafkaSettings kafkaSettings) {
        return kafkaSettings.retry();
    }

    @Bean
    MessageReader kafkaMessageReader(JsonMapper jsonMapper) {
        return new MessageReader(jsonMapper);
    }

    /**
     * The topics recstream creates when they are missing: compacted by call SID (a call's latest fact, command or
     * outcome is what counts) and deleted past {@code recstream.topics.retention}, longer than the recordings' own;
     * replicated as configured. (The retry topics take the replication factor; their {@code min.insync.replicas} is
     * the brokers' default, which a replicated cluster sets to 2.)
     */
    @Bean
    KafkaAdmin.NewTopics recstreamTopics(KafkaTopicNames topics) {
        return new KafkaAdmin.NewTopics(
                topic(topics.calls(), topics.partitions(), topics),
                topic(topics.registrations(), topics.partitions(), topics),
                topic(topics.downloadRequests(), topics.partitions(), topics),
                topic(topics.downloadEvents(), topics.partitions(), topics),
                topic(topics.calls() + ".DLT", 1, topics),
                topic(topics.registrations() + ".DLT", 1, topics));
    }

    private static NewTopic topic(String name, int partitions, KafkaTopicNames topics) {
        return TopicBuilder.name(name).partitions(partitions).replicas(topics.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(topics.minInsyncReplicas()))
                .config(TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(topics.retention().toMillis()))
                .build();
    }

    /**
     * Download commands that fail for a passing reason go through {@code <topic>.retry-N} topics with growing delays;
     * after the last attempt, or at once for unreadable ones, they land on {@code <topic>.DLT}, whose handler fails
     * the job.
     */
    @Bean
    RetryTopicConfiguration downloadRetryTopics(KafkaTemplate<String, String> template, KafkaTopicNames topics,
                                                DownloadRetrySettings retry) {
        return RetryTopicConfigurationBuilder.newInstance()
                .includeTopic(topics.downloadRequests())
                .maxAttempts(retry.attempts())
                .exponentialBackoff(retry.initialBackoff().toMillis(), 2.0, retry.maxBackoff().toMillis())
                .suffixTopicsWithIndexValues()
                .retryTopicSuffix(".retry")
                .dltSuffix(".DLT")
                .notRetryOn(List.of(InvalidMessageException.class, CommandRefusedException.class))
                .autoCreateTopicsWith(topics.partitions(), topics.replicationFactor())
                .dltHandlerMethod("downloadCommandListener", "onGivenUp")
                .create(template);
    }

    /**
     * For the listeners' records: an unreadable one goes to {@code <topic>.DLT} at once, with the reason in headers;
     * one that waits for the shared state ({@link RetryUntilReachableException}) is tried again with backoff for as
     * long as that lasts, the partition waiting meanwhile, so that no fact is lost or skipped; anything else (a bug)
     * is tried three times and then put on the DLT, so that one record can never hold a partition for good.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template, DeadLetters deadLetters) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, failure) -> {
            String deadLetterTopic = record.topic() + ".DLT";
            deadLetters.counted(deadLetterTopic);
            return new TopicPartition(deadLetterTopic, -1);
        });
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 2));
        handler.setBackOffFunction((record, failure) -> waitsForSharedState(failure) ? untilReachable() : null);
        handler.addNotRetryableExceptions(InvalidMessageException.class);
        return handler;
    }

    private static ExponentialBackOff untilReachable() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    private static boolean waitsForSharedState(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetryUntilReachableException) {
                return true;
            }
        }
        return false;
    }

    @Bean
    DeadLetters deadLetters(MeterRegistry meters, KafkaTopicNames topics) {
        return new DeadLetters(meters, List.of(topics.calls() + ".DLT", topics.registrations() + ".DLT",
                topics.downloadRequests() + ".DLT"));
    }

    /** Wakes up the partitions of retry topics when their records' delays have passed. */
    @Bean
    RetryTopicSchedulerWrapper retryTopicScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("kafka-retry-");
        scheduler.initialize();
        return new RetryTopicSchedulerWrapper(scheduler);
    }

    /**
     * Manual acknowledgement after processing (from the download workers, in offset order); on shutdown the workers
     * stop first (see {@link DownloadWorkers}) and a container then commits what they finished.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            DefaultErrorHandler kafkaErrorHandler, KafkaSettings kafkaSettings) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.MANUAL);
        factory.getContainerProperties().setShutdownTimeout(kafkaSettings.shutdownGrace().toMillis());
        factory.setCommonErrorHandler(kafkaErrorHandler);
        return factory;
    }

    @Bean
    DownloadQueue kafkaDownloadQueue(KafkaTemplate<String, String> template, MessageReader kafkaMessageReader,
                                     KafkaSettings kafkaSettings) {
        return new KafkaDownloadQueue(template, kafkaMessageReader, kafkaSettings.topics().downloadRequests(),
                kafkaSettings.sendTimeout());
    }

    @Bean
    DownloadEvents kafkaDownloadEvents(KafkaTemplate<String, String> template, MessageReader kafkaMessageReader,
                                       KafkaTopicNames topics, MeterRegistry meters) {
        return new KafkaDownloadEvents(template, kafkaMessageReader, topics.downloadEvents(), meters);
    }

    @Bean
    DownloadWorkers downloadWorkers(KafkaSettings kafkaSettings, MeterRegistry meters) {
        return new DownloadWorkers(kafkaSettings.parallelism(), kafkaSettings.shutdownGrace(), meters);
    }

    /** The retry topics' own routing (next {@code .retry-N} or the DLT), for failures that happen on a worker. */
    @Bean
    FailedCommandRouter failedCommandRouter(
            @Qualifier(RetryTopicBeanNames.DESTINATION_TOPIC_RESOLVER_BEAN_NAME) DestinationTopicResolver destinations,
            KafkaSettings kafkaSettings) {
        return new FailedCommandRouter(new DeadLetterPublishingRecovererFactory(destinations)
                .create(kafkaSettings.downloadGroup()), Duration.ofSeconds(1));
    }

    @Bean
    DownloadCommandListener downloadCommandListener(MessageReader kafkaMessageReader,
                                                    ProcessDownloadUseCase processDownload, MeterRegistry meters,
                                                    DownloadWorkers downloadWorkers, FailedCommandRouter failedCommandRouter,
                                                    DeadLetters deadLetters) {
        return new DownloadCommandListener(kafkaMessageReader, processDownload, meters, downloadWorkers,
                failedCommandRouter, deadLetters);
    }

    @Bean
    KafkaCallRecord kafkaCallRecord(KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
                                    MessageReader kafkaMessageReader, KafkaSettings kafkaSettings) {
        return new KafkaCallRecord(template, consumers, kafkaMessageReader, kafkaSettings.topics(),
                kafkaSettings.sendTimeout());
    }

    @Bean
    CallFactListener callFactListener(KafkaCallRecord kafkaCallRecord, RegisterCallUseCase registerCall,
                                      KafkaTopicNames topics) {
        return new CallFactListener(kafkaCallRecord, registerCall, topics);
    }
}
