package io.recstream.application.port.out;

import io.recstream.domain.DownloadRequest;

/** Hands download commands to the workers. */
public interface DownloadQueue {

    /** Returns once the command is durably queued. */
    void enqueue(DownloadRequest request) throws DownloadQueueUnavailableException;
}
