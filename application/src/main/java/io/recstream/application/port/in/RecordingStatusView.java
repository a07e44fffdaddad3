package io.recstream.application.port.in;

import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import java.time.Instant;
import java.util.Optional;

/**
 * @param sizeBytes known once ready, otherwise null
 * @param updatedAt when the status last changed, null if nothing happened yet
 * @param progress  how far the download has come while it is processing and has begun, otherwise null
 */
public record RecordingStatusView(CallSid callSid, RecordingAvailability availability, Long sizeBytes,
                                  Instant updatedAt, DownloadProgress progress) {

    /** A status with no download in progress. */
    public RecordingStatusView(CallSid callSid, RecordingAvailability availability, Long sizeBytes, Instant updatedAt) {
        this(callSid, availability, sizeBytes, updatedAt, null);
    }

    public Optional<DownloadProgress> knownProgress() {
        return Optional.ofNullable(progress);
    }
}
