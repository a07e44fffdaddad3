package io.recstream.adapter.kafka;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.domain.Call;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/**
 * Takes the record of calls into the call directory: the telephony service's calls topic and recstream's own
 * registrations (written by the webhook and by commands, possibly on another instance). An unreadable record goes to
 * its topic's DLT; a directory that can't take a fact now holds the partition until it can (nothing is lost).
 */
class CallFactListener {

    private static final Logger log = LoggerFactory.getLogger(CallFactListener.class);

    private final KafkaCallRecord record;
    private final RegisterCallUseCase registerCall;
    private final KafkaTopicNames topics;

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
        RegistrationResult result = registerCall.learn(
                new CallRegistration(facts, complete, KafkaCallRecord.positionOf(consumed)));
        switch (result) {
            case RegistrationResult.Unavailable unavailable -> throw new RetryUntilReachableException(
                    "the call directory could not take " + facts.sid() + " in: trying again");
            case RegistrationResult.Refused refused -> log.warn(
                    "call fact for callSid={} ignored: the call belongs to another business than businessId={}",
                    facts.sid(), facts.business());
            case RegistrationResult.Registered registered -> {
            }
        }
        acknowledgment.acknowledge();
    }
}
