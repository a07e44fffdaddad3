package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The state of each recording's download job, shared by every instance. */
public interface DownloadStatusRepository {

    Optional<DownloadStatus> find(CallSid callSid);

    /**
     * Atomically marks the job requested if no status is known or the known one
     * {@link DownloadStatus#admitsNewRequest(Instant, Duration) admits a new request}: of many concurrent callers
     * exactly one wins.
     *
     * @return true if this caller made the claim and must publish the request
     */
    boolean claimRequest(CallSid callSid, Instant now, Duration coolDown);

    void save(DownloadStatus status);

    /** Forgets the job's status, e.g. when a claimed request could not be published. */
    void clear(CallSid callSid);
}
