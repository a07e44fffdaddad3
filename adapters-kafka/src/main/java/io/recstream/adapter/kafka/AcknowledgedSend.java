package io.recstream.adapter.kafka;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;

/** A send that returns only once the cluster acknowledged the record (acks=all), or fails within a bound. */
final class AcknowledgedSend {

    /** The record could not be sent, or was not acknowledged in time. */
    static final class NotAcknowledged extends Exception {
        NotAcknowledged(Throwable cause) {
            super(cause);
        }
    }

    private AcknowledgedSend() {
    }

    static RecordMetadata send(KafkaTemplate<String, String> template, String topic, String key, String value,
                               Duration timeout) throws NotAcknowledged {
        try {
            return template.send(topic, key, value).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new NotAcknowledged(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAcknowledged(e);
        }
    }
}
