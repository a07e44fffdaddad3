package io.recstream.application.service;

import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.RecordingStatusUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.RecordingStore;
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
        CallAccess access = CallAccess.check(calls, query.viewer(), query.business(), query.callSid());
        if (!access.granted()) {
            return new RecordingStatusResult.Denied(access.denial());
        }
        return new RecordingStatusResult.Known(reader.viewOf(access.call()));
    }
}
