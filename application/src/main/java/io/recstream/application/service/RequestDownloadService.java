package io.recstream.application.service;

import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.DownloadRequest;
import java.time.Clock;

public class RequestDownloadService implements RequestDownloadUseCase {

    private final DownloadStatusRepository statuses;
    private final DownloadQueue queue;
    private final Clock clock;

    public RequestDownloadService(DownloadStatusRepository statuses, DownloadQueue queue, Clock clock) {
        this.statuses = statuses;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public boolean requestDownload(DownloadRequest request) {
        if (!statuses.claimRequest(request.callSid(), clock.instant())) {
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
