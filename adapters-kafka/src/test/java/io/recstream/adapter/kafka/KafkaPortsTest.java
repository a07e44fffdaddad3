package io.recstream.adapter.kafka;

import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordContract;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.application.port.out.DownloadEventsContract;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueContract;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Kafka adapters of the out-ports against a real (in-JVM, KRaft) broker, each held to its port's contract. */
class KafkaPortsTest {

    private static final EmbeddedKafkaKraftBroker BROKER = started();
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(5);
    private static final MessageReader MESSAGES = new MessageReader(JsonMapper.builder().build());

    private static EmbeddedKafkaKraftBroker started() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.afterPropertiesSet();
        return broker;
    }

    @AfterAll
    static void stop() {
        BROKER.destroy();
    }

    /** Topics of their own for each test, so that none sees another's records. */
    private static KafkaTopicNames freshTopics() {
        String prefix = "t" + UUID.randomUUID();
        KafkaTopicNames topics = new KafkaTopicNames(prefix + ".calls", prefix + ".requests", prefix + ".events",
                prefix + ".registrations", 2, Duration.ofDays(8), (short) 1, 1);
        BROKER.addTopics(topics.calls(), topics.downloadRequests(), topics.downloadEvents(), topics.registrations());
        return topics;
    }

    private static KafkaTemplate<String, String> template(String bootstrapServers) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
    }

    private static ConsumerFactory<String, String> consumers(String bootstrapServers) {
        return new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }

    /** Nothing listens there: a broker that is down. */
    private static final String NO_BROKER = "127.0.0.1:1";

    @Nested
    class DownloadQueueOnKafka extends DownloadQueueContract {
        private final KafkaTopicNames topics = freshTopics();
        private final KafkaDownloadQueue queue = new KafkaDownloadQueue(template(BROKER.getBrokersAsString()), MESSAGES,
                topics.downloadRequests(), SEND_TIMEOUT);

        @Override
        protected DownloadQueue queue() {
            return queue;
        }

        @Override
        protected DownloadQueue unreachableQueue() {
            return new KafkaDownloadQueue(template(NO_BROKER), MESSAGES, topics.downloadRequests(), SEND_TIMEOUT);
        }

        @Override
        protected List<DownloadRequest> handedToWorkers(int count) {
            return read(topics.downloadRequests(), records -> records.size() >= count).stream()
                    .map(MESSAGES::downloadRequest).toList();
        }
    }

    /** The records of {@code topic}, from its beginning, until {@code enough} of them are read. */
    private static List<String> read(String topic, Predicate<List<String>> enough) {
        List<String> read = new ArrayList<>();
        try (Consumer<String, String> consumer = consumers(BROKER.getBrokersAsString()).createConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> read.add(record.value()));
                return enough.test(read);
            });
        }
        return read;
    }

    @Nested
    class DownloadEventsOnKafka extends DownloadEventsContract {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        private final KafkaTopicNames topics = freshTopics();
        private final KafkaDownloadEvents events = new KafkaDownloadEvents(template(BROKER.getBrokersAsString()),
                MESSAGES, topics.downloadEvents(), new SimpleMeterRegistry());

        @Override
        protected DownloadEvents events() {
            return events;
        }

        @Override
        protected DownloadEvents unreachableEvents() {
            return new KafkaDownloadEvents(template(NO_BROKER), MESSAGES, topics.downloadEvents(),
                    new SimpleMeterRegistry());
        }

        /** What a listener reads: the event's JSON, as other services parse it. */
        @Override
        protected List<Seen> seenBy(CallSid callSid, int count) {
            Predicate<JsonNode> ofTheCall = event -> event.get("callSid").asString().equals(callSid.value());
            return read(topics.downloadEvents(), records -> records.stream().map(JSON::readTree).filter(ofTheCall)
                    .count() >= count).stream().map(JSON::readTree).filter(ofTheCall).limit(count)
                    .map(DownloadEventsOnKafka::seen).toList();
        }

        private static Seen seen(JsonNode event) {
            return new Seen(event.get("type").asString(), new CallSid(event.get("callSid").asString()),
                    new BusinessId(event.get("businessId").asString()),
                    event.has("sizeBytes") ? event.get("sizeBytes").asLong() : null,
                    event.has("error") ? FailureCause.valueOf(event.get("error").asString().toUpperCase(Locale.ROOT))
                            : null,
                    Instant.parse(event.get("occurredAt").asString()));
        }
    }

    @Nested
    class CallRecordOnKafka extends CallRecordContract {
        private final KafkaTopicNames topics = freshTopics();
        private final KafkaTemplate<String, String> template = template(BROKER.getBrokersAsString());
        private final KafkaCallRecord record = new KafkaCallRecord(template, consumers(BROKER.getBrokersAsString()),
                MESSAGES, topics, SEND_TIMEOUT);

        @Override
        protected CallRecord record() {
            return record;
        }

        @Override
        protected CallRecord unreachableRecord() {
            return new KafkaCallRecord(template(NO_BROKER), consumers(NO_BROKER), MESSAGES, topics, SEND_TIMEOUT);
        }

        @Override
        protected void reportedByTelephony(Call call) {
            template.send(topics.calls(), call.sid().value(), """
                    {"callSid":"%s","businessId":"%s","recordingSid":"%s","direction":"%s","from":"%s","to":"%s",\
                    "startedAt":"%s","durationSeconds":%d}""".formatted(call.sid().value(), call.business().value(),
                    call.recordingSid().value(), MessageMapper.wireName(call.details().direction()), call.details().from(),
                    call.details().to(), call.details().startedAt(), call.details().durationSeconds())).join();
        }
    }
}
