package io.recstream.application.port.in;

import io.recstream.domain.DownloadRequest;

/** Someone wants a recording prepared; it is requested once however many ask at the same time. */
public interface RequestDownloadUseCase {

    DownloadRequestResult requestDownload(DownloadRequest request);
}
