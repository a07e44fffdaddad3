package io.recstream.adapter.kafka;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;

/** Registers the calls that the telephony service reports on the (compacted) calls topic. */
class CallFactListener {

    private static final Logger log = LoggerFactory.getLogger(CallFactListener.class);

    private final MessageReader messages;
    private final RegisterCallUseCase registerCall;

    CallFactListener(MessageReader messages, RegisterCallUseCase registerCall) {
        this.messages = messages;
        this.registerCall = registerCall;
    }

    @KafkaListener(id = "${recstream.kafka.call-registry-group:recstream-call-registry}",
            topics = "${recstream.topics.calls:recordings.calls}")
    void onCallFact(ConsumerRecord<String, String> record, Acknowledgment acknowledgment) {
        CallRegistration registration = messages.callFact(record.value());
        if (!registerCall.register(registration)) {
            log.warn("call fact for callSid={} ignored: the call belongs to another business than businessId={}",
                    registration.facts().sid(), registration.facts().business());
        }
        acknowledgment.acknowledge();
    }
}
