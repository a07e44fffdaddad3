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
 * @param progress  how far it has come while {@link DownloadState#DOWNLOADING}, once it has begun; otherwise null
 */
public record DownloadStatus(CallSid callSid, DownloadState state, Long sizeBytes, FailureCause failure,
                             DownloadProgress progress, Instant updatedAt) {

    public DownloadStatus {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((state == DownloadState.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure cause goes with the FAILED state, and only with it");
        }
        if (progress != null && state != DownloadState.DOWNLOADING) {
            throw new IllegalArgumentException("progress goes with the DOWNLOADING state only");
        }
    }

    public static DownloadStatus requested(CallSid callSid, Instant at) {
        return new DownloadStatus(callSid, DownloadState.REQUESTED, null, null, null, at);
    }

    public static DownloadStatus downloading(CallSid callSid, Instant at) {
        return new DownloadStatus(callSid, DownloadState.DOWNLOADING, null, null, null, at);
    }

    public static DownloadStatus downloading(CallSid callSid, DownloadProgress progress, Instant at) {
        return new DownloadStatus(callSid, DownloadState.DOWNLOADING, null, null, progress, at);
    }

    public static DownloadStatus ready(CallSid callSid, long sizeBytes, Instant at) {
        return new DownloadStatus(callSid, DownloadState.READY, sizeBytes, null, null, at);
    }

    public static DownloadStatus failed(CallSid callSid, FailureCause cause, Instant at) {
        return new DownloadStatus(callSid, DownloadState.FAILED, null, cause, null, at);
    }

    public boolean failedPermanently() {
        return state == DownloadState.FAILED && failure.isPermanent();
    }

    /**
     * Whether a new download request may be made: nothing is in flight, no permanent failure is known, and a
     * transient failure's cool-down is over (so a failing provider is not hammered by every play).
     */
    public boolean admitsNewRequest(Instant now, Duration coolDown) {
        return !state.isInFlight() && !failedPermanently() && coolingDownUntil(now, coolDown).isEmpty();
    }

    /** When a transient failure's cool-down ends, if it has not ended by {@code now}. */
    public Optional<Instant> coolingDownUntil(Instant now, Duration coolDown) {
        if (state != DownloadState.FAILED || failure.isPermanent()) {
            return Optional.empty();
        }
        Instant end = updatedAt.plus(coolDown);
        return now.isBefore(end) ? Optional.of(end) : Optional.empty();
    }

    /** Whether newer facts about the call (a recording reported) make this failure worth trying again at once. */
    public boolean isSupersededByNewFacts() {
        return state == DownloadState.FAILED && failure.mayBeSupersededByNewFacts();
    }

    public Optional<FailureCause> knownFailure() {
        return Optional.ofNullable(failure);
    }

    public Optional<DownloadProgress> knownProgress() {
        return Optional.ofNullable(progress);
    }
}
