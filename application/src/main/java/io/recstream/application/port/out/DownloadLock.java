package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import java.util.Optional;

/** Makes one worker, across all instances, the downloader of a recording at a time. */
public interface DownloadLock {

    /**
     * @return a lease if this caller now holds the recording's lock, empty if another holder has it. The lease is
     *         kept alive while held, and expires by itself if its holder dies.
     */
    Optional<LockLease> tryAcquire(CallSid callSid);
}
