package io.recstream.adapter.kafka;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.domain.DownloadOutcome;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes download outcomes; an event that can't be sent is logged, never allowed to fail the download. */
class KafkaDownloadEvents implements DownloadEvents {

    private static final Logger log = LoggerFactory.getLogger(KafkaDownloadEvents.class);

    private final KafkaTemplate<String, String> template;
    private final MessageReader messages;
    private final String topic;
    private final MeterRegistry meters;

    KafkaDownloadEvents(KafkaTemplate<String, String> template, MessageReader messages, String topic,
                        MeterRegistry meters) {
        this.template = template;
        this.messages = messages;
        this.topic = topic;
        this.meters = meters;
    }

    @Override
    public void publish(DownloadOutcome outcome) {
        count(outcome);
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

    /** {@code recstream.download.size} of the recordings stored, {@code recstream.download.failures{cause}}. */
    private void count(DownloadOutcome outcome) {
        switch (outcome) {
            case DownloadOutcome.Ready ready -> DistributionSummary.builder("recstream.download.size").baseUnit("bytes")
                    .register(meters).record(ready.sizeBytes());
            case DownloadOutcome.Failed failed -> meters.counter("recstream.download.failures",
                    "cause", failed.cause().name().toLowerCase(Locale.ROOT)).increment();
        }
    }
}
