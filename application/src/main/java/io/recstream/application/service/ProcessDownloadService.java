package io.recstream.application.service;

import io.recstream.application.port.in.ProcessDownloadUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
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
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import io.recstream.domain.RetentionPolicy;
import io.recstream.domain.StoredRecording;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

public class ProcessDownloadService implements ProcessDownloadUseCase {

    private final CallDirectory calls;
    private final CallRecord record;
    private final RecordingStore store;
    private final DownloadStatusRepository statuses;
    private final DownloadLock lock;
    private final RecordingProvider provider;
    private final DownloadEvents events;
    private final RecordingReadiness readiness;
    private final Waveforms waveforms;
    private final Policy policy;
    private final Clock clock;

    /**
     * @param youngCallGrace how long after a call ended Twilio may still be post-processing its recording: until
     *                       then "no such recording" is a passing failure
     */
    public record Policy(RetentionPolicy retention, Duration youngCallGrace) {
    }

    public ProcessDownloadService(CallDirectory calls, CallRecord record, RecordingStore store,
                                  DownloadStatusRepository statuses, DownloadLock lock, RecordingProvider provider,
                                  DownloadEvents events, RecordingReadiness readiness, Waveforms waveforms,
                                  Policy policy, Clock clock) {
        this.waveforms = waveforms;
        this.calls = calls;
        this.record = record;
        this.store = store;
        this.statuses = statuses;
        this.lock = lock;
        this.provider = provider;
        this.events = events;
        this.readiness = readiness;
        this.policy = policy;
        this.clock = clock;
    }

    @Override
    public Result process(DownloadRequest request) {
        Optional<LockLease> lease;
        try {
            lease = lock.tryAcquire(request.callSid());
        } catch (SharedStateUnavailableException e) {
            return retryLater(request);
        }
        if (lease.isEmpty()) {
            return Result.TAKEN_BY_ANOTHER_WORKER;
        }
        Result result;
        try (LockLease held = lease.get()) {
            result = processHoldingLock(request);
        }
        if (result == Result.DOWNLOADED) {
            // Once the lock is released, so that the waveform's computation can take it.
            waveforms.prepareAfterDownload(request.callSid());
        }
        return result;
    }

    /**
     * The lock only saves work: should it be lost mid-download (expired, or gone with Redis), the download still ends
     * in one published recording, because publication is create-if-absent.
     */
    private Result processHoldingLock(DownloadRequest request) {
        CallSid callSid = request.callSid();
        Optional<Call> known = Optional.empty();
        try {
            known = calls.find(callSid);
            if (known.isPresent() && !known.get().belongsTo(request.business())) {
                return Result.REFUSED;
            }
            Optional<StoredRecording> cached = store.find(callSid);
            if (cached.isPresent()) {
                succeed(request, cached.get());
                return Result.ALREADY_CACHED;
            }
            Optional<Call> vouched = known.filter(ProcessDownloadService::vouchesForItsRecording);
            Call call = vouched.isPresent() ? vouched.get() : registerRecording(request, known,
                    resolveRecording(request, known));
            if (!call.belongsTo(request.business())) {
                return Result.REFUSED;
            }
            if (policy.retention().isExpired(call, clock.instant())) {
                return fail(request, FailureCause.RECORDING_EXPIRED, "the recording is older than the retention");
            }
            statuses.save(DownloadStatus.downloading(callSid, clock.instant()));
            RecordingSid recordingSid = call.recordingSid();
            StoredRecording stored = store.save(callSid, AudioFormat.MP3, sink -> provider.downloadMedia(recordingSid,
                    new DownloadProgressReporter(sink, callSid, statuses, readiness, clock)));
            succeed(request, stored);
            return Result.DOWNLOADED;
        } catch (ProviderException e) {
            return isFinal(e, known) ? fail(request, e.failureCause(), e.getMessage()) : retryLater(request);
        } catch (RecordingStoreException e) {
            return storageFailed(request);
        } catch (SharedStateUnavailableException | CallRecordUnavailableException e) {
            return retryLater(request);
        }
    }

    /**
     * recstream's own store failed (disk full, read-only volume): plays say so (503 storage_unavailable) while the
     * command is tried again; Twilio is not blamed.
     */
    private Result storageFailed(DownloadRequest request) {
        try {
            statuses.save(DownloadStatus.failed(request.callSid(), FailureCause.STORAGE_ERROR, clock.instant()));
            readiness.announce(request.callSid());
        } catch (SharedStateUnavailableException e) {
            // the command is retried all the same
        }
        return Result.RETRY_LATER;
    }

    /**
     * A call whose recording the directory knows (from the telephony service, Twilio's webhook, or an earlier metadata
     * check) and whose age is known needs no metadata request: the media request itself answers 404 for a recording
     * still in post-processing or deleted. A recording SID that only the command names is checked with Twilio first.
     */
    private static boolean vouchesForItsRecording(Call call) {
        return call.knownRecordingSid().isPresent() && call.ageReference().isPresent();
    }

    /** A missing recording of a call that ended moments ago may still be in Twilio's post-processing. */
    private boolean isFinal(ProviderException failure, Optional<Call> known) {
        if (!failure.failureCause().isPermanent()) {
            return false;
        }
        boolean mayStillAppear = failure.failureCause().mayBeSupersededByNewFacts()
                && known.filter(call -> call.endedWithin(policy.youngCallGrace(), clock.instant())).isPresent();
        return !mayStillAppear;
    }

    /**
     * What Twilio said of the recording goes into the directory; a call nobody reported yet is registered under the
     * command's business, provisionally, and recorded first so that the directory can be rebuilt with it.
     */
    private Call registerRecording(DownloadRequest request, Optional<Call> known, RecordingMetadata recording) {
        if (known.isPresent()) {
            return calls.register(known.get().withRecording(recording.sid(), recording.createdAt()), null);
        }
        Call assumed = Call.provisionallyOwnedBy(request.callSid(), request.business())
                .withRecording(recording.sid(), recording.createdAt());
        return calls.register(assumed, record.append(assumed));
    }

    @Override
    public Result giveUp(DownloadRequest request, String reason) {
        try {
            Optional<Call> known = calls.find(request.callSid());
            if (known.isPresent() && !known.get().belongsTo(request.business())) {
                return Result.REFUSED;
            }
            if (store.find(request.callSid()).isPresent()) {
                return Result.ALREADY_CACHED;
            }
            Optional<LockLease> free = lock.tryAcquire(request.callSid());
            if (free.isEmpty()) {
                // A worker is downloading it right now: its outcome, not this command's attempts, decides.
                return Result.TAKEN_BY_ANOTHER_WORKER;
            }
            free.get().close();
            Optional<DownloadStatus> status = statuses.find(request.callSid());
            if (status.map(DownloadStatus::state).filter(DownloadState.DOWNLOADING::equals).isPresent()) {
                // A worker was downloading it and is gone without an outcome (it stopped mid-download): this
                // command's attempts went on waiting for it, nothing failed, so the download is done now.
                return process(request);
            }
            boolean storeFailing = status.flatMap(DownloadStatus::knownFailure)
                    .filter(FailureCause.STORAGE_ERROR::equals).isPresent();
            return fail(request, storeFailing ? FailureCause.STORAGE_ERROR : FailureCause.PROVIDER_ERROR, reason);
        } catch (SharedStateUnavailableException | RecordingStoreException e) {
            return Result.RETRY_LATER;
        }
    }

    /** The job stays in flight (plays keep answering 202) while the command waits for its next attempt. */
    private Result retryLater(DownloadRequest request) {
        try {
            statuses.save(DownloadStatus.requested(request.callSid(), clock.instant()));
        } catch (SharedStateUnavailableException e) {
            // the command is retried all the same; a play meanwhile asks again after the in-flight TTL
        }
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
