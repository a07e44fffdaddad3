package io.recstream.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A command to have a call's recording prepared.
 *
 * @param recordingSid null when the sender doesn't know it: the worker then asks Twilio for the call's recording
 */
public record DownloadRequest(CallSid callSid, BusinessId business, RecordingSid recordingSid, Instant requestedAt,
                              DownloadReason reason) {

    public DownloadRequest {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(business, "business");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(reason, "reason");
    }

    public Optional<RecordingSid> knownRecordingSid() {
        return Optional.ofNullable(recordingSid);
    }
}
