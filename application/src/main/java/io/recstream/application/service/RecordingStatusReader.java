package io.recstream.application.service;

import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RetentionPolicy;
import io.recstream.domain.StoredRecording;
import java.time.Clock;
import java.util.Optional;

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
        if (retention.isExpired(call, clock.instant())) {
            return new RecordingStatusView(call.sid(), RecordingAvailability.EXPIRED, null, null);
        }
        Optional<StoredRecording> cached = store.find(call.sid());
        if (cached.isPresent()) {
            StoredRecording recording = cached.get();
            return new RecordingStatusView(call.sid(), RecordingAvailability.READY, recording.sizeBytes(),
                    recording.lastModified());
        }
        return statuses.find(call.sid())
                .map(status -> {
                    RecordingAvailability availability = availabilityOf(status);
                    return new RecordingStatusView(call.sid(), availability, null, status.updatedAt(),
                            status.progress(), availability == RecordingAvailability.FAILED ? status.failure() : null);
                })
                .orElseGet(() -> new RecordingStatusView(call.sid(), RecordingAvailability.NOT_CACHED, null, null));
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
