package io.recstream.domain;

import java.time.Instant;

/** What became of a download, announced to whoever listens. */
public sealed interface DownloadOutcome {

    CallSid callSid();

    BusinessId business();

    Instant occurredAt();

    record Ready(CallSid callSid, BusinessId business, long sizeBytes, Instant occurredAt) implements DownloadOutcome {
    }

    record Failed(CallSid callSid, BusinessId business, FailureCause cause, String detail, Instant occurredAt)
            implements DownloadOutcome {
    }
}
