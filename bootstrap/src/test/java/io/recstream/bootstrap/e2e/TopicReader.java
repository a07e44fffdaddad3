package io.recstream.bootstrap.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads what recstream wrote on a topic, from its beginning, as an operator's tool would. */
final class TopicReader {

    private TopicReader() {
    }

    /** Waits until {@code count} records that match {@code wanted} have been read, and answers them. */
    static List<ConsumerRecord<String, String>> awaitMatching(String bootstrapServers, String topic, int count,
                                                              Predicate<ConsumerRecord<String, String>> wanted) {
        return read(bootstrapServers, topic, wanted, (consumer, found) -> found.size() >= count);
    }

    /** Every record on the topic now that matches {@code wanted}: read until the end offsets of the start. */
    static List<ConsumerRecord<String, String>> all(String bootstrapServers, String topic,
                                                    Predicate<ConsumerRecord<String, String>> wanted) {
        return read(bootstrapServers, topic, wanted, (consumer, found) -> !consumer.assignment().isEmpty()
                && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(end -> consumer.position(end.getKey()) >= end.getValue()));
    }

    private static List<ConsumerRecord<String, String>> read(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, String>> wanted,
            BiPredicate<KafkaConsumer<String, String>, List<ConsumerRecord<String, String>>> done) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(bootstrapServers, topic)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (wanted.test(record)) {
                        found.add(record);
                    }
                });
                return done.test(consumer, found);
            });
        }
        return found;
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.putAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
