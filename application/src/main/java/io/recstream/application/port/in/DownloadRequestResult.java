package io.recstream.application.port.in;

/** What came of asking for a recording to be prepared. */
public sealed interface DownloadRequestResult {

    /** This caller published the command. */
    record Requested() implements DownloadRequestResult {
    }

    /** A command is in flight already, or the job's state admits none now: nothing was published. */
    record AlreadyRequested() implements DownloadRequestResult {
    }

    /** The business has used its budget of new downloads for now: try again after {@code retryAfter}. */
    record Limited(java.time.Duration retryAfter) implements DownloadRequestResult {
    }

    /** The command could not be published or claimed now (the queue or the shared state unreachable). */
    record Unavailable(Unavailability reason) implements DownloadRequestResult {
    }
}
