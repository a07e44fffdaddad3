package io.recstream.application.service;

import io.recstream.application.port.in.DownloadRequestResult;
import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.port.out.DownloadBudget;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

public class RequestDownloadService implements RequestDownloadUseCase {

    private final DownloadStatusRepository statuses;
    private final DownloadQueue queue;
    private final DownloadBudget budget;
    private final Duration coolDown;
    private final Clock clock;

    /** @param coolDown how long after a failed download a new request is refused */
    public RequestDownloadService(DownloadStatusRepository statuses, DownloadQueue queue, DownloadBudget budget,
                                  Duration coolDown, Clock clock) {
        this.statuses = statuses;
        this.queue = queue;
        this.budget = budget;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    @Override
    public DownloadRequestResult requestDownload(DownloadRequest request) {
        Instant now = clock.instant();
        DownloadStatus claimed = DownloadStatus.requested(request.callSid(), now);
        try {
            // A job nobody asked for yet (a first play's) is claimed by the look itself; one with a status is judged.
            Optional<DownloadStatus> seen = statuses.claimOrFind(claimed);
            if (seen.isPresent()) {
                if (!seen.get().admitsNewRequest(now, coolDown)) {
                    return refused(seen.get(), now);
                }
                if (!statuses.claimRequest(claimed, seen.get())) {
                    return DownloadRequestResult.AlreadyRequested.inFlight();
                }
            }
        } catch (SharedStateUnavailableException e) {
            return new DownloadRequestResult.Unavailable(Unavailability.SHARED_STATE);
        }
        // Only the one request that claimed the job spends from the budget: a crowd playing one call costs one.
        try {
            Optional<Duration> full = budget.tryTake(request.business());
            if (full.isPresent()) {
                giveBackClaim(request);
                return new DownloadRequestResult.Limited(full.get());
            }
        } catch (SharedStateUnavailableException e) {
            giveBackClaim(request);
            return new DownloadRequestResult.Unavailable(Unavailability.SHARED_STATE);
        }
        try {
            queue.enqueue(request);
        } catch (DownloadQueueUnavailableException e) {
            giveBackClaim(request);
            return new DownloadRequestResult.Unavailable(Unavailability.DOWNLOAD_QUEUE);
        }
        try {
            statuses.confirmRequest(claimed);
        } catch (SharedStateUnavailableException e) {
            // The claim expires within seconds: the next play requests it again (a second command is harmless).
        }
        return new DownloadRequestResult.Requested();
    }

    /** Why a job's state admits no new request: a failure for good, a cool-down, or a command in flight. */
    private DownloadRequestResult refused(DownloadStatus status, Instant now) {
        if (status.failedPermanently()) {
            return new DownloadRequestResult.FailedForGood(status.failure());
        }
        return status.coolingDownUntil(now, coolDown)
                .<DownloadRequestResult>map(until -> new DownloadRequestResult.CoolingDown(status.failure(), until))
                .orElseGet(() -> new DownloadRequestResult.AlreadyRequested(status.knownProgress()));
    }

    /** So that the next play asks again at once instead of waiting for a command never sent (or the claim's TTL). */
    private void giveBackClaim(DownloadRequest request) {
        try {
            statuses.clear(request.callSid());
        } catch (SharedStateUnavailableException e) {
            // the claim then ends with its in-flight TTL
        }
    }
}
