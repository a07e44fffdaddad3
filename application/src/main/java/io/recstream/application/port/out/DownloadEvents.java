package io.recstream.application.port.out;

import io.recstream.domain.DownloadOutcome;

/** Tells other services what became of a download. */
public interface DownloadEvents {

    void publish(DownloadOutcome outcome);
}
