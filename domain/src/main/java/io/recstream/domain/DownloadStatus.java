package io.recstream.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The current state of a recording's download job.
 *
 * @param sizeBytes the stored size once {@link DownloadState#READY}, otherwise null
 * @param failure   why it failed once {@link DownloadState#FAILED}, otherwise null
 */
public record DownloadStatus(CallSid callSid, DownloadState state, Long sizeBytes, FailureCause failure,
                             Instant updatedAt) {

    public DownloadStatus {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((state == DownloadState.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure cause goes with the FAILED state, and only with it");
        }
    }

    public static DownloadStatus requested(CallSid callSid, Instant at) {
        return new DownloadStatus(callSid, DownloadState.REQUESTED, null, null, at);
    }

    public static DownloadStatus downloading(CallSid callSid, Instant at) {
        return new DownloadStatus(callSid, DownloadState.DOWNLOADING, null, null, at);
    }

    public static DownloadStatus ready(CallSid callSid, long sizeBytes, Instant at) {
        return new DownloadStatus(callSid, DownloadState.READY, sizeBytes, null, at);
    }

    public static DownloadStatus failed(CallSid callSid, FailureCause cause, Instant at) {
        return new DownloadStatus(callSid, DownloadState.FAILED, null, cause, at);
    }

    public boolean failedPermanently() {
        return state == DownloadState.FAILED && failure.isPermanent();
    }

    /**
     * Whether a new download request may be made: nothing is in flight, no permanent failure is known, and a
     * transient failure is older than the cool-down (so a failing provider is not hammered by every play).
     */
    public boolean admitsNewRequest(Instant now, Duration coolDown) {
        if (state.isInFlight() || failedPermanently()) {
            return false;
        }
        return state != DownloadState.FAILED || !now.isBefore(coolDownEnd(coolDown));
    }

    /** When a transient failure's cool-down ends. */
    public Instant coolDownEnd(Duration coolDown) {
        return updatedAt.plus(coolDown);
    }

    public Optional<FailureCause> knownFailure() {
        return Optional.ofNullable(failure);
    }
}
