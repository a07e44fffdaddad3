package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The state of each recording's download job, shared by every instance. */
public interface DownloadStatusRepository {

    Optional<DownloadStatus> find(CallSid callSid);

    /** The statuses of these jobs, read at once (a page of calls lists them all); a job without one is left out. */
    Map<CallSid, DownloadStatus> findAll(Collection<CallSid> callSids);

    /**
     * Atomically saves {@code requested} if the job has no status, or else answers the status it has, untouched: the
     * look and a first play's claim in one round trip. Of many callers, exactly one finds no status.
     *
     * <p>A claim lasts only seconds until it is {@linkplain #confirmRequest confirmed}: a caller that fails between
     * its claim and its request's publication (the shared state or the queue failing) strands no job.
     *
     * @return the job's status, which this caller must judge; empty if there was none and this caller made the claim
     *         and must publish the request
     */
    Optional<DownloadStatus> claimOrFind(DownloadStatus requested);

    /**
     * Atomically saves {@code requested} if the job's status is still {@code seen}: of many callers that saw the same
     * status, exactly one wins. Whether a request is admitted is the caller's to decide
     * ({@link DownloadStatus#admitsNewRequest}); this only makes the decision stick once. The claim lasts as
     * {@link #claimOrFind}'s does.
     *
     * @return true if this caller made the claim and must publish the request
     */
    boolean claimRequest(DownloadStatus requested, DownloadStatus seen);

    /**
     * The claimed request was published: the job stays requested for as long as a job in flight may (if it is still
     * that claim; a worker may have moved it on already).
     */
    void confirmRequest(DownloadStatus requested);

    void save(DownloadStatus status);

    /** Forgets the job's status, e.g. when a claimed request could not be published. */
    void clear(CallSid callSid);
}
