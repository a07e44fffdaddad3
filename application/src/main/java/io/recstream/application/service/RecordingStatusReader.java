package io.recstream.application.service;

import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RetentionPolicy;
import io.recstream.domain.StoredRecording;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Where a call's recording stands, as users see it; shared by the status and the calls list. Triggers nothing. */
final class RecordingStatusReader {

    private final RecordingStore store;
    private final DownloadStatusRepository statuses;
    private final RetentionPolicy retention;
    private final Clock clock;

    RecordingStatusReader(RecordingStore store, DownloadStatusRepository statuses, RetentionPolicy retention, Clock clock) {
        this.store = store;
        this.statuses = statuses;
        this.retention = retention;
        this.clock = clock;
    }

    RecordingStatusView viewOf(Call call) {
        return viewsOf(List.of(call)).getFirst();
    }

    /** Where each call's recording stands; the statuses of those neither expired nor stored are read at once. */
    List<RecordingStatusView> viewsOf(List<Call> calls) {
        Instant now = clock.instant();
        Map<CallSid, StoredRecording> stored = new HashMap<>();
        List<CallSid> withoutRecording = new ArrayList<>();
        for (Call call : calls) {
            if (!retention.isExpired(call, now)) {
                store.find(call.sid()).ifPresentOrElse(recording -> stored.put(call.sid(), recording),
                        () -> withoutRecording.add(call.sid()));
            }
        }
        Map<CallSid, DownloadStatus> statusOf = withoutRecording.isEmpty() ? Map.of()
                : statuses.findAll(withoutRecording);
        return calls.stream().map(call -> view(call, now, stored.get(call.sid()), statusOf.get(call.sid()))).toList();
    }

    private RecordingStatusView view(Call call, Instant now, StoredRecording recording, DownloadStatus status) {
        if (retention.isExpired(call, now)) {
            return new RecordingStatusView(call.sid(), RecordingAvailability.EXPIRED, null, null);
        }
        if (recording != null) {
            return new RecordingStatusView(call.sid(), RecordingAvailability.READY, recording.sizeBytes(),
                    recording.lastModified());
        }
        if (status == null) {
            return new RecordingStatusView(call.sid(), RecordingAvailability.NOT_CACHED, null, null);
        }
        RecordingAvailability availability = availabilityOf(status);
        return new RecordingStatusView(call.sid(), availability, null, status.updatedAt(), status.progress(),
                availability == RecordingAvailability.FAILED ? status.failure() : null);
    }

    private static RecordingAvailability availabilityOf(DownloadStatus status) {
        return switch (status.state()) {
            case REQUESTED, DOWNLOADING -> RecordingAvailability.PROCESSING;
            case FAILED -> status.failure() == FailureCause.RECORDING_EXPIRED
                    ? RecordingAvailability.EXPIRED : RecordingAvailability.FAILED;
            // Marked ready but no longer in the store (evicted): the next play downloads it again.
            case READY -> RecordingAvailability.NOT_CACHED;
        };
    }
}
