package io.recstream.adapter.kafka;

import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.application.port.out.RecordedFact;
import io.recstream.domain.Call;
import io.recstream.domain.FactPosition;
import io.recstream.domain.ReadPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The record of calls on Kafka: the telephony service's calls topic and recstream's own compacted registrations
 * topic, both keyed by call SID, so one call's facts stay in order on one partition. A fact's position is its topic
 * and offset.
 */
class KafkaCallRecord implements CallRecord {

    private static final Logger log = LoggerFactory.getLogger(KafkaCallRecord.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Facts a replay hands over at once: the directory takes a batch in with a few round trips. */
    private static final int REPLAY_BATCH = 2000;

    private final KafkaTemplate<String, String> template;
    private final ConsumerFactory<String, String> consumers;
    private final MessageReader messages;
    private final KafkaTopicNames topics;
    private final Duration sendTimeout;

    KafkaCallRecord(KafkaTemplate<String, String> template, ConsumerFactory<String, String> consumers,
                    MessageReader messages, KafkaTopicNames topics, Duration sendTimeout) {
        this.template = template;
        this.consumers = consumers;
        this.messages = messages;
        this.topics = topics;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public FactPosition append(Call facts) {
        try {
            long offset = AcknowledgedSend.send(template, topics.registrations(), facts.sid().value(),
                    messages.writeRegistration(facts), sendTimeout).offset();
            return new FactPosition(topics.registrations(), offset);
        } catch (AcknowledgedSend.NotAcknowledged e) {
            throw new CallRecordUnavailableException("could not record the registration of " + facts.sid(), e);
        }
    }

    /**
     * Reads both topics from their beginning with a consumer of its own (no group, nothing committed) up to the end
     * offsets they had when the replay started, a poll's records at a time. Unreadable records are passed over: they
     * are on the DLT already.
     */
    @Override
    public List<ReadPosition> replay(Consumer<List<RecordedFact>> sink) {
        Properties ownConsumer = new Properties();
        ownConsumer.putAll(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(REPLAY_BATCH)));
        try (org.apache.kafka.clients.consumer.Consumer<String, String> consumer =
                     consumers.createConsumer(null, null, "-replay", ownConsumer)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(topics.calls(), topics.registrations())) {
                consumer.partitionsFor(topic, sendTimeout).forEach(info ->
                        partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, sendTimeout);
            while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey(), sendTimeout) < end.getValue())) {
                List<RecordedFact> batch = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        readable(record).ifPresent(call -> batch.add(new RecordedFact(call, positionOf(record))));
                    }
                }
                if (!batch.isEmpty()) {
                    sink.accept(batch);
                }
            }
            return ends.entrySet().stream().map(end -> new ReadPosition(end.getKey().topic(),
                    end.getKey().partition(), end.getValue())).toList();
        } catch (KafkaException e) {
            throw new CallRecordUnavailableException("could not replay the call record: " + e.getMessage(), e);
        }
    }

    /** The call a record of either topic tells of. */
    Call callOf(ConsumerRecord<String, String> record) {
        return record.topic().equals(topics.calls()) ? messages.callFact(record.value())
                : messages.registration(record.value());
    }

    private Optional<Call> readable(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(callOf(record));
        } catch (InvalidMessageException e) {
            log.debug("replay passes over an unreadable record at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return Optional.empty();
        }
    }

    static FactPosition positionOf(ConsumerRecord<?, ?> record) {
        return new FactPosition(record.topic(), record.offset());
    }
}
