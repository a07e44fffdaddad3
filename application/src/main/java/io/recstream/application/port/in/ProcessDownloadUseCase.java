package io.recstream.application.port.in;

import io.recstream.domain.DownloadRequest;

/** A worker carries out a download command: at least once delivery, exactly one download. */
public interface ProcessDownloadUseCase {

    /** What a worker did with a command. */
    enum Result {
        /** Fetched from the provider and stored. */
        DOWNLOADED,
        /** Already in the store: nothing fetched. */
        ALREADY_CACHED,
        /**
         * Another worker holds the recording's lock: the command is looked at again later (the recording cached by
         * then, or the lock free to take over should its holder have died).
         */
        TAKEN_BY_ANOTHER_WORKER,
        /**
         * Failed for a reason that may pass (provider, storage or shared-state trouble, or a recording that Twilio is
         * still post-processing): the job stays in flight, try again later.
         */
        RETRY_LATER,
        /** Ended in a failure, recorded in the job status and announced. */
        FAILED,
        /** The command's business does not own the call: nothing was touched, the command is refused. */
        REFUSED
    }

    Result process(DownloadRequest request);

    /**
     * Ends a job whose retries are exhausted: it is marked failed (a play after the cool-down requests it anew) and
     * the failure is announced. Does nothing if the recording got stored meanwhile ({@link Result#ALREADY_CACHED}),
     * if the command's business does not own the call ({@link Result#REFUSED}), or if a worker holds the recording's
     * lock ({@link Result#TAKEN_BY_ANOTHER_WORKER}: its outcome decides); {@link Result#RETRY_LATER} if the shared
     * state can't be reached to decide.
     */
    Result giveUp(DownloadRequest request, String reason);
}
