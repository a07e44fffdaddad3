package io.recstream.application.service;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import java.time.Clock;

public class RegisterCallService implements RegisterCallUseCase {

    private final CallDirectory calls;
    private final RequestDownloadUseCase downloads;
    private final boolean prefetch;
    private final Clock clock;

    public RegisterCallService(CallDirectory calls, RequestDownloadUseCase downloads, boolean prefetch, Clock clock) {
        this.calls = calls;
        this.downloads = downloads;
        this.prefetch = prefetch;
        this.clock = clock;
    }

    @Override
    public boolean register(CallRegistration registration) {
        Call facts = registration.facts();
        Call stored = calls.register(facts);
        if (!stored.belongsTo(facts.business())) {
            return false;
        }
        if (prefetch && registration.recordingComplete()) {
            try {
                downloads.requestDownload(new DownloadRequest(stored.sid(), stored.business(), stored.recordingSid(),
                        clock.instant(), DownloadReason.PREFETCH));
            } catch (DownloadQueueUnavailableException e) {
                // A prefetch is an optimisation: the first play requests the download again.
            }
        }
        return true;
    }
}
