package io.recstream.benchmarks;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The suite's own Kafka clients: publishing calls and commands, and reading recstream's download events. */
final class BenchKafka {

    private static final Pattern READY =
            Pattern.compile("\"type\":\"READY\",\"callSid\":\"(CA[0-9a-f]{32})\".*\"occurredAt\":\"([^\"]+)\"");

    /** A recording that became available, and when recstream says it did. */
    record Ready(String callSid, Instant occurredAt) {
    }

    private BenchKafka() {
    }

    static KafkaProducer<String, String> producer(String bootstrapServers) {
        return producer(bootstrapServers, Map.of());
    }

    /** A producer with {@code settings} beside the connection and serializers. */
    static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, Object> settings) {
        Properties config = new Properties();
        config.putAll(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        config.putAll(settings);
        return new KafkaProducer<>(config);
    }

    /** A consumer of its own group on {@code topic}, from {@code offsetReset} ("earliest" or "latest"). */
    static KafkaConsumer<String, String> reader(String bootstrapServers, String topic, String offsetReset) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The READY event in a download event's JSON, if it is one. */
    static Optional<Ready> ready(String event) {
        Matcher matcher = READY.matcher(event);
        return matcher.find() ? Optional.of(new Ready(matcher.group(1), Instant.parse(matcher.group(2)))) : Optional.empty();
    }
}
