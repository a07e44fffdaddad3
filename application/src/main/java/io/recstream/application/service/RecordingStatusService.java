package io.recstream.application.service;

import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.RetentionPolicy;
import java.time.Clock;

public class RecordingStatusService implements RecordingStatusUseCase {

    private final CallDirectory calls;
    private final RecordingStatusReader reader;

    public RecordingStatusService(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                  RetentionPolicy retention, Clock clock) {
        this.calls = calls;
        this.reader = new RecordingStatusReader(store, statuses, retention, clock);
    }

    @Override
    public RecordingStatusResult statusOf(RecordingStatusQuery query) {
        try {
            CallAccess access = CallAccess.check(calls, query.viewer(), query.business(), query.callSid());
            if (!access.granted()) {
                return new RecordingStatusResult.Denied(access.denial());
            }
            return new RecordingStatusResult.Known(reader.viewOf(access.call()));
        } catch (SharedStateUnavailableException e) {
            return new RecordingStatusResult.Unavailable(Unavailability.SHARED_STATE);
        } catch (RecordingStoreException e) {
            return new RecordingStatusResult.Unavailable(Unavailability.STORAGE);
        }
    }
}
