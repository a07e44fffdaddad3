package io.recstream.application.port.in;

import io.recstream.domain.DownloadRequest;

/** Someone wants a recording prepared; it is requested once however many ask at the same time. */
public interface RequestDownloadUseCase {

    /**
     * @return true if this call published the request, false if one was already in flight or can't help
     * @throws io.recstream.application.port.out.DownloadQueueUnavailableException if the request could not be queued
     */
    boolean requestDownload(DownloadRequest request);
}
