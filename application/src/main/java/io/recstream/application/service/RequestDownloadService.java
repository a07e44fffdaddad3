package io.recstream.application.service;

import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.DownloadRequest;
import java.time.Clock;
import java.time.Duration;

public class RequestDownloadService implements RequestDownloadUseCase {

    private final DownloadStatusRepository statuses;
    private final DownloadQueue queue;
    private final Duration coolDown;
    private final Clock clock;

    /** @param coolDown how long after a failed download a new request is refused */
    public RequestDownloadService(DownloadStatusRepository statuses, DownloadQueue queue, Duration coolDown, Clock clock) {
        this.statuses = statuses;
        this.queue = queue;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    @Override
    public boolean requestDownload(DownloadRequest request) {
        if (!statuses.claimRequest(request.callSid(), clock.instant(), coolDown)) {
            return false;
        }
        try {
            queue.enqueue(request);
            return true;
        } catch (DownloadQueueUnavailableException e) {
            // Give the claim back, so that the next play asks again instead of waiting for a command never sent.
            statuses.clear(request.callSid());
            throw e;
        }
    }
}
