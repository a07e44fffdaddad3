package io.recstream.application.port.in;

import io.recstream.domain.DownloadProgress;
import io.recstream.domain.FailureCause;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What came of asking for a recording to be prepared. */
public sealed interface DownloadRequestResult {

    /** This caller published the command. */
    record Requested() implements DownloadRequestResult {
    }

    /** A command is in flight already, its download as far as {@code progress} says, if it began: nothing was published. */
    record AlreadyRequested(Optional<DownloadProgress> progress) implements DownloadRequestResult {

        public AlreadyRequested {
            Objects.requireNonNull(progress, "progress");
        }

        /** In flight, with nothing known of its progress. */
        public static AlreadyRequested inFlight() {
            return new AlreadyRequested(Optional.empty());
        }
    }

    /** The recording's download failed for good, for {@code cause}: nothing was published. */
    record FailedForGood(FailureCause cause) implements DownloadRequestResult {
    }

    /**
     * The last download failed for a passing {@code cause}, and no new one is asked for until {@code until}, so that a
     * failing provider or store is not hammered by every play: nothing was published.
     */
    record CoolingDown(FailureCause cause, Instant until) implements DownloadRequestResult {
    }

    /** The business has used its budget of new downloads for now: try again after {@code retryAfter}. */
    record Limited(java.time.Duration retryAfter) implements DownloadRequestResult {
    }

    /** The command could not be published or claimed now (the queue or the shared state unreachable). */
    record Unavailable(Unavailability reason) implements DownloadRequestResult {
    }
}
