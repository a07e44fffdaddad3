package io.recstream.adapter.kafka;

import io.recstream.application.port.out.DownloadEvents;
import io.recstream.domain.DownloadOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes download outcomes; an event that can't be sent is logged, never allowed to fail the download. */
class KafkaDownloadEvents implements DownloadEvents {

    private static final Logger log = LoggerFactory.getLogger(KafkaDownloadEvents.class);

    private final KafkaTemplate<String, String> template;
    private final MessageReader messages;
    private final String topic;

    KafkaDownloadEvents(KafkaTemplate<String, String> template, MessageReader messages, String topic) {
        this.template = template;
        this.messages = messages;
        this.topic = topic;
    }

    @Override
    public void publish(DownloadOutcome outcome) {
        try {
            template.send(topic, outcome.callSid().value(), messages.write(DownloadEventMessage.of(outcome)))
                    .whenComplete((result, failure) -> {
                        if (failure != null) {
                            log.warn("could not publish the download outcome of {}: {}", outcome.callSid(), failure.toString());
                        }
                    });
        } catch (RuntimeException e) {
            log.warn("could not publish the download outcome of {}: {}", outcome.callSid(), e.toString());
        }
    }
}
