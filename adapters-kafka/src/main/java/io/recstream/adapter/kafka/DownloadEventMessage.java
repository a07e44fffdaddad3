package io.recstream.adapter.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.recstream.domain.DownloadOutcome;
import java.util.Locale;

/** The wire form of a download outcome on {@code recordings.download-events}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DownloadEventMessage(String type, String callSid, String businessId, Long sizeBytes, String error,
                            String occurredAt) {

    static DownloadEventMessage of(DownloadOutcome outcome) {
        return switch (outcome) {
            case DownloadOutcome.Ready ready -> new DownloadEventMessage("READY", ready.callSid().value(),
                    ready.business().value(), ready.sizeBytes(), null, ready.occurredAt().toString());
            case DownloadOutcome.Failed failed -> new DownloadEventMessage("FAILED", failed.callSid().value(),
                    failed.business().value(), null, failed.cause().name().toLowerCase(Locale.ROOT),
                    failed.occurredAt().toString());
        };
    }
}
