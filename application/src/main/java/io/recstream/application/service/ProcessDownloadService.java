package io.recstream.application.service;

import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.ProviderException;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import io.recstream.domain.RetentionPolicy;
import io.recstream.domain.StoredRecording;
import java.time.Clock;
import java.util.Optional;

public class ProcessDownloadService implements ProcessDownloadUseCase {

    private final CallDirectory calls;
    private final RecordingStore store;
    private final DownloadStatusRepository statuses;
    private final DownloadLock lock;
    private final RecordingProvider provider;
    private final DownloadEvents events;
    private final RecordingReadiness readiness;
    private final RetentionPolicy retention;
    private final Clock clock;

    public ProcessDownloadService(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                  DownloadLock lock, RecordingProvider provider, DownloadEvents events,
                                  RecordingReadiness readiness, RetentionPolicy retention, Clock clock) {
        this.calls = calls;
        this.store = store;
        this.statuses = statuses;
        this.lock = lock;
        this.provider = provider;
        this.events = events;
        this.readiness = readiness;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public Result process(DownloadRequest request) {
        Optional<LockLease> lease = lock.tryAcquire(request.callSid());
        if (lease.isEmpty()) {
            return Result.TAKEN_BY_ANOTHER_WORKER;
        }
        try (LockLease held = lease.get()) {
            return processHoldingLock(request);
        }
    }

    /**
     * The lock only saves work: should it be lost mid-download (expired, or gone with Redis), the download still ends
     * in one published recording, because publication is create-if-absent.
     */
    private Result processHoldingLock(DownloadRequest request) {
        CallSid callSid = request.callSid();
        Optional<StoredRecording> cached = store.find(callSid);
        if (cached.isPresent()) {
            succeed(request, cached.get());
            return Result.ALREADY_CACHED;
        }
        Optional<Call> known = calls.find(callSid);
        if (known.isPresent() && !known.get().belongsTo(request.business())) {
            // Not the owner's job: leave the owner's status alone, only tell the sender.
            events.publish(new DownloadOutcome.Failed(callSid, request.business(), FailureCause.BUSINESS_MISMATCH,
                    "the call belongs to another business", clock.instant()));
            return Result.FAILED;
        }
        try {
            RecordingMetadata recording = resolveRecording(request, known);
            Call call = calls.register(
                    Call.identifiedBy(callSid, request.business()).withRecording(recording.sid(), recording.createdAt()));
            if (retention.isExpired(call, clock.instant())) {
                return fail(request, FailureCause.RECORDING_EXPIRED, "the recording is older than the retention");
            }
            statuses.save(DownloadStatus.downloading(callSid, clock.instant()));
            StoredRecording stored = store.save(callSid, AudioFormat.MP3,
                    sink -> provider.downloadMedia(recording.sid(), sink));
            succeed(request, stored);
            return Result.DOWNLOADED;
        } catch (ProviderException e) {
            return e.failureCause().isPermanent() ? fail(request, e.failureCause(), e.getMessage()) : retryLater(request);
        } catch (RecordingStoreException e) {
            return retryLater(request);
        }
    }

    @Override
    public void giveUp(DownloadRequest request, String reason) {
        if (store.find(request.callSid()).isPresent()) {
            return;
        }
        fail(request, FailureCause.PROVIDER_ERROR, reason);
    }

    /** The job stays in flight (plays keep answering 202) while the command waits for its next attempt. */
    private Result retryLater(DownloadRequest request) {
        statuses.save(DownloadStatus.requested(request.callSid(), clock.instant()));
        return Result.RETRY_LATER;
    }

    private RecordingMetadata resolveRecording(DownloadRequest request, Optional<Call> known) {
        Optional<RecordingSid> recordingSid = known.flatMap(Call::knownRecordingSid).or(request::knownRecordingSid);
        RecordingMetadata recording = recordingSid.isPresent()
                ? provider.fetchMetadata(recordingSid.get())
                : provider.findRecordingOfCall(request.callSid()).orElseThrow(() -> new ProviderException(
                        FailureCause.CALL_HAS_NO_RECORDING, "the provider lists no recording for the call"));
        if (recording.callSid() != null && !recording.callSid().equals(request.callSid())) {
            // A command naming another call's recording must not copy that call's audio under this one.
            throw new ProviderException(FailureCause.RECORDING_NOT_FOUND, "the recording belongs to another call");
        }
        return switch (recording.availability()) {
            case COMPLETED -> recording;
            case PENDING -> throw new ProviderException(FailureCause.PROVIDER_ERROR, "the recording is not complete yet");
            case GONE -> throw new ProviderException(FailureCause.RECORDING_NOT_FOUND, "the recording was deleted");
        };
    }

    private void succeed(DownloadRequest request, StoredRecording stored) {
        statuses.save(DownloadStatus.ready(request.callSid(), stored.sizeBytes(), clock.instant()));
        readiness.announce(request.callSid());
        events.publish(new DownloadOutcome.Ready(request.callSid(), request.business(), stored.sizeBytes(),
                clock.instant()));
    }

    private Result fail(DownloadRequest request, FailureCause cause, String detail) {
        statuses.save(DownloadStatus.failed(request.callSid(), cause, clock.instant()));
        readiness.announce(request.callSid());
        events.publish(new DownloadOutcome.Failed(request.callSid(), request.business(), cause, detail,
                clock.instant()));
        return Result.FAILED;
    }
}
