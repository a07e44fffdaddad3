package io.recstream.adapter.kafka;

import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.domain.DownloadRequest;
import java.time.Duration;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes download commands keyed by call SID, so one recording's commands stay in order on one partition. */
class KafkaDownloadQueue implements DownloadQueue {

    private final KafkaTemplate<String, String> template;
    private final MessageReader messages;
    private final String topic;
    private final Duration sendTimeout;

    KafkaDownloadQueue(KafkaTemplate<String, String> template, MessageReader messages, String topic, Duration sendTimeout) {
        this.template = template;
        this.messages = messages;
        this.topic = topic;
        this.sendTimeout = sendTimeout;
    }

    @Override
    public void enqueue(DownloadRequest request) {
        try {
            AcknowledgedSend.send(template, topic, request.callSid().value(), messages.write(request), sendTimeout);
        } catch (AcknowledgedSend.NotAcknowledged e) {
            throw new DownloadQueueUnavailableException("could not publish the download command for " + request.callSid(), e);
        }
    }
}
