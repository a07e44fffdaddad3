package io.recstream.application.port.in;

import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.FailureCause;
import java.time.Instant;
import java.util.Optional;

/**
 * @param sizeBytes known once ready, otherwise null
 * @param updatedAt when the status last changed, null if nothing happened yet
 * @param progress  how far the download has come while it is processing and has begun, otherwise null
 * @param failure   why the last download failed, when the recording is {@code FAILED}; otherwise null
 */
public record RecordingStatusView(CallSid callSid, RecordingAvailability availability, Long sizeBytes,
                                  Instant updatedAt, DownloadProgress progress, FailureCause failure) {

    /** A status with no download in progress, and no failure. */
    public RecordingStatusView(CallSid callSid, RecordingAvailability availability, Long sizeBytes, Instant updatedAt) {
        this(callSid, availability, sizeBytes, updatedAt, null, null);
    }

    public Optional<DownloadProgress> knownProgress() {
        return Optional.ofNullable(progress);
    }

    public Optional<FailureCause> knownFailure() {
        return Optional.ofNullable(failure);
    }
}
