package io.recstream.adapter.kafka;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.domain.Call;
import io.recstream.domain.ReadStep;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Takes the record of calls into the call directory: the telephony service's calls topic and recstream's own
 * registrations (written by the webhook and by commands, possibly on another instance). An unreadable record goes to
 * its topic's DLT; a directory that can't take a fact now holds the partition until it can (nothing is lost).
 *
 * <p>The directory keeps, with the facts, how far this reader had come in each partition (the pattern of "storing
 * offsets outside Kafka"). Should Redis lose its newest writes (a failover to a lagging replica, a restart from an
 * older snapshot), the committed offsets are ahead of what it holds: so on every assignment, and every
 * {@code recstream.calls.check-interval}, a partition whose directory is behind is read again from there.
 */
class CallFactListener extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(CallFactListener.class);

    private final KafkaCallRecord record;
    private final RegisterCallUseCase registerCall;
    private final KafkaTopicNames topics;
    /** Per partition this reader holds, the place after the last fact it took in. */
    private final Map<TopicPartition, Long> taken = new ConcurrentHashMap<>();

    CallFactListener(KafkaCallRecord record, RegisterCallUseCase registerCall, KafkaTopicNames topics) {
        this.record = record;
        this.registerCall = registerCall;
        this.topics = topics;
    }

    @KafkaListener(id = "#{@kafkaSettings.callRegistryGroup()}",
            topics = {"#{@kafkaSettings.topics().calls()}", "#{@kafkaSettings.topics().registrations()}"})
    void onCallFact(ConsumerRecord<String, String> consumed, Acknowledgment acknowledgment) {
        Call facts = record.callOf(consumed);
        // A completed recording is prefetched (if asked to) when the telephony service reports it; the webhook's own
        // report did that already.
        boolean complete = consumed.topic().equals(topics.calls()) && facts.recordingSid() != null;
        TopicPartition partition = new TopicPartition(consumed.topic(), consumed.partition());
        // Where this reader was: after the fact it took in last, or (just assigned, or sought) at this one.
        long from = taken.getOrDefault(partition, consumed.offset());
        RegistrationResult result = registerCall.learn(new CallRegistration(facts, complete,
                KafkaCallRecord.positionOf(consumed),
                new ReadStep(consumed.topic(), consumed.partition(), Math.min(from, consumed.offset()),
                        consumed.offset() + 1)));
        switch (result) {
            case RegistrationResult.Unavailable unavailable -> throw new RetryUntilReachableException(
                    "the call directory could not take " + facts.sid() + " in: trying again");
            case RegistrationResult.Refused refused -> log.warn(
                    "call fact for callSid={} ignored: the call belongs to another business than businessId={}",
                    facts.sid(), facts.business());
            case RegistrationResult.Registered registered -> {
            }
        }
        taken.put(partition, consumed.offset() + 1);
        acknowledgment.acknowledge();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        assignments.forEach((partition, position) -> readAgainIfTheDirectoryIsBehind(partition, position, callback));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        super.onPartitionsRevoked(partitions);
        partitions.forEach(taken::remove);
    }

    /** Every {@code recstream.calls.check-interval}: what the directory lost since the last look is read again. */
    @Scheduled(fixedDelayString = "${recstream.calls.check-interval:2s}")
    void catchUpWithTheDirectory() {
        getTopicsAndCallbacks().forEach((partition, callbacks) -> {
            Long position = taken.get(partition);
            if (position != null && !callbacks.isEmpty()) {
                readAgainIfTheDirectoryIsBehind(partition, position, callbacks.getFirst());
            }
        });
    }

    private void readAgainIfTheDirectoryIsBehind(TopicPartition partition, long position,
                                                 ConsumerSeekCallback callback) {
        registerCall.readFrom(partition.topic(), partition.partition())
                .filter(read -> read.next() < position)
                .ifPresent(read -> {
                    log.warn("the call directory lost facts of {} from offset {} (this reader is at {}): reading "
                            + "them again", partition, read.next(), position);
                    taken.remove(partition);
                    if (read.next() == 0) {
                        // From the start the topic still holds (what retention or compaction left).
                        callback.seekToBeginning(List.of(partition));
                    } else {
                        callback.seek(partition.topic(), partition.partition(), read.next());
                    }
                });
    }
}
