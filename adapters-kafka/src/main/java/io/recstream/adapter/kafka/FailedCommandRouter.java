package io.recstream.adapter.kafka;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Sends a failed command where spring-kafka's retry topics would: the next {@code .retry-N} topic with its delay, or
 * the DLT once attempts are spent or at once for unreadable ones. Workers fail off the consumer thread, so they route
 * here themselves; a send that fails (broker away) is tried again until it succeeds or the instance stops, because the
 * command may only be committed once it is on its way.
 */
final class FailedCommandRouter {

    private static final Logger log = LoggerFactory.getLogger(FailedCommandRouter.class);

    private final DeadLetterPublishingRecoverer recoverer;
    private final Duration pauseBetweenSends;

    FailedCommandRouter(DeadLetterPublishingRecoverer recoverer, Duration pauseBetweenSends) {
        this.recoverer = recoverer;
        this.pauseBetweenSends = pauseBetweenSends;
    }

    /** True once the command is on its retry or dead-letter topic; false if interrupted before (the instance stops). */
    boolean route(ConsumerRecord<?, ?> record, Exception failure) {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                recoverer.accept(record, null, failure);
                return true;
            } catch (RuntimeException sendFailed) {
                log.warn("could not route the failed command at {}-{}@{}: {}; trying again", record.topic(),
                        record.partition(), record.offset(), sendFailed.getMessage());
                try {
                    Thread.sleep(pauseBetweenSends);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        return false;
    }
}
