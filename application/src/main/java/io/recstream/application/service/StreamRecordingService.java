package io.recstream.application.service;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.KeptWaveformUseCase;
import io.recstream.application.port.in.DownloadRequestResult;
import io.recstream.application.port.in.PeaksAnswer;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.RequestDownloadUseCase;
import io.recstream.application.port.in.ShareDownloadUseCase;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.StreamRecordingUseCase;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.ProviderAvailability;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.GrowingRecording;
import io.recstream.domain.RetentionPolicy;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

public class StreamRecordingService implements StreamRecordingUseCase, KeptWaveformUseCase, ShareDownloadUseCase {

    private final CallDirectory calls;
    private final RecordingStore store;
    private final DownloadStatusRepository statuses;
    private final RequestDownloadUseCase downloads;
    private final RecordingReadiness readiness;
    private final ProviderAvailability provider;
    private final RetentionPolicy retention;
    private final Waveforms waveforms;
    private final Duration retryAfter;
    private final Clock clock;

    public StreamRecordingService(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                  RequestDownloadUseCase downloads,
                                  RecordingReadiness readiness, ProviderAvailability provider,
                                  RetentionPolicy retention, Waveforms waveforms, Duration retryAfter, Clock clock) {
        this.calls = calls;
        this.waveforms = waveforms;
        this.store = store;
        this.statuses = statuses;
        this.downloads = downloads;
        this.readiness = readiness;
        this.provider = provider;
        this.retention = retention;
        this.retryAfter = retryAfter;
        this.clock = clock;
    }

    /**
     * A held request listens for the recording's announcement before it looks at the state, so that an announcement
     * in between is not missed, and then sleeps until one comes or its time is up: it never polls.
     */
    @Override
    public Playback stream(StreamRecordingQuery query) {
        return heldWhilePreparing(query, () -> streamNow(query), Playback.Preparing.class::isInstance);
    }

    /** Answers now, or, for a held request, as soon as the answer is no longer "preparing" or the time is up. */
    private <A> A heldWhilePreparing(StreamRecordingQuery query, Supplier<A> answerNow, Predicate<A> preparing) {
        if (query.maxWait().isZero()) {
            return answerNow.get();
        }
        Instant deadline = clock.instant().plus(query.maxWait());
        while (true) {
            try (RecordingReadiness.Announcement next = readiness.expect(query.callSid())) {
                A answer = answerNow.get();
                Duration remaining = Duration.between(clock.instant(), deadline);
                if (!preparing.test(answer) || remaining.isNegative() || remaining.isZero()) {
                    return answer;
                }
                next.await(remaining);
            }
        }
    }

    /** The decision, with what recstream could not reach translated into an answer, never thrown at the caller. */
    private Playback streamNow(StreamRecordingQuery query) {
        try {
            return decide(query);
        } catch (SharedStateUnavailableException e) {
            return new Playback.TemporarilyUnavailable(Unavailability.SHARED_STATE, retryAfter);
        } catch (RecordingStoreException e) {
            return new Playback.TemporarilyUnavailable(Unavailability.STORAGE, retryAfter);
        }
    }

    /**
     * What every play, and the fast path's look for a kept waveform, is checked for first: may the viewer play the
     * call, is its recording past the retention (then it is deleted), is it cached. Settled: the answer; otherwise the call,
     * whose recording is not cached.
     */
    private sealed interface Checked {
        record Settled(Playback answer) implements Checked {
        }

        record NotCached(Call call, Instant now) implements Checked {
        }
    }

    private Checked check(StreamRecordingQuery query) {
        CallAccess access = CallAccess.check(calls, query.viewer(), query.business(), query.callSid());
        if (!access.granted()) {
            return new Checked.Settled(new Playback.Denied(access.denial()));
        }
        Call call = access.call();
        Instant now = clock.instant();
        if (retention.isExpired(call, now)) {
            store.delete(call.sid());
            return new Checked.Settled(new Playback.Expired());
        }
        return stored(call.sid()).<Checked>map(Checked.Settled::new).orElseGet(() -> new Checked.NotCached(call, now));
    }

    /** The recording played from the store, if it is there. */
    private Optional<Playback> stored(CallSid callSid) {
        return store.find(callSid).map(recording -> {
            store.markPlayed(callSid);
            return new Playback.Ready(recording);
        });
    }

    private Playback decide(StreamRecordingQuery query) {
        return switch (check(query)) {
            case Checked.Settled settled -> settled.answer();
            case Checked.NotCached notCached -> notCached(notCached.call(), notCached.now());
        };
    }

    /** A recording not cached: whatever stands in the way of downloading it, or its download requested. */
    private Playback notCached(Call call, Instant now) {
        Optional<Duration> outage = provider.unavailableFor();
        if (outage.isPresent()) {
            return new Playback.ProviderUnavailable(outage.get());
        }
        DownloadRequestResult requested = downloads.requestDownload(
                new DownloadRequest(call.sid(), call.business(), call.recordingSid(), now, DownloadReason.PLAYBACK));
        return switch (requested) {
            case DownloadRequestResult.FailedForGood failed -> permanentFailure(failed.cause());
            case DownloadRequestResult.CoolingDown cooling -> {
                Duration left = Duration.between(now, cooling.until());
                yield cooling.cause() == FailureCause.STORAGE_ERROR
                        ? new Playback.TemporarilyUnavailable(Unavailability.STORAGE, left)
                        : new Playback.ProviderUnavailable(left);
            }
            case DownloadRequestResult.Unavailable unavailable ->
                    new Playback.TemporarilyUnavailable(unavailable.reason(), retryAfter);
            case DownloadRequestResult.Limited limited -> new Playback.Limited(limited.retryAfter());
            // A job found done admits a new request: its recording was evicted, or published since the play looked
            // in the store. Looked at once more, one published meanwhile is played rather than prepared again.
            case DownloadRequestResult.Requested requestedNow -> stored(call.sid())
                    .orElseGet(() -> new Playback.Preparing(retryAfter));
            case DownloadRequestResult.AlreadyRequested inFlight -> inFlight.progress()
                    .filter(DownloadProgress::canBeFollowed)
                    .flatMap(progress -> followedOrPublished(call.sid(), progress))
                    .orElseGet(() -> new Playback.Preparing(retryAfter));
        };
    }

    @Override
    public Optional<GrowingRecording> downloadInProgress(CallSid callSid) {
        try {
            return statuses.find(callSid).filter(status -> status.state() == DownloadState.DOWNLOADING)
                    .flatMap(DownloadStatus::knownProgress).filter(DownloadProgress::canBeFollowed)
                    .flatMap(progress -> followed(callSid, progress));
        } catch (SharedStateUnavailableException | RecordingStoreException e) {
            return Optional.empty(); // the peer that asked finds nothing here, and answers its play as it can
        }
    }

    /**
     * The download in progress, followed; or, its partial gone, what it published since the store was looked at (a
     * play that a held ask was told could start must not then be asked to wait).
     */
    private Optional<Playback> followedOrPublished(CallSid callSid, DownloadProgress progress) {
        return followed(callSid, progress).<Playback>map(Playback.Streaming::new).or(() -> stored(callSid));
    }

    /** The download in progress, read as it grows, when this instance can read what it wrote so far. */
    private Optional<GrowingRecording> followed(CallSid callSid, DownloadProgress progress) {
        return store.findPartial(callSid, progress.partial()).map(written -> new GrowingRecording(callSid,
                AudioFormat.MP3, progress.totalBytes(), new FollowedDownload(written, progress.totalBytes(),
                () -> stillWriting(callSid, progress.partial()))));
    }

    /**
     * Whether a download still writes {@code partial}; unknown counts as yes. Asked only by a reader that found no
     * byte to read: a download that finished had written all of them, so a recording published meanwhile (by a
     * later attempt) means this partial will never be whole.
     */
    private boolean stillWriting(CallSid callSid, String partial) {
        try {
            return statuses.find(callSid).filter(status -> status.state() == DownloadState.DOWNLOADING)
                    .flatMap(DownloadStatus::knownProgress).map(DownloadProgress::partial).filter(partial::equals)
                    .isPresent();
        } catch (SharedStateUnavailableException e) {
            return true; // can't tell now: the reader's own bound on a stalled download still holds
        }
    }

    /**
     * Decided as a play is; a recording whose waveform its worker is still computing (it announces the recording again
     * once the waveform is kept) answers as one being prepared, and a held request waits for it.
     */
    @Override
    public PeaksAnswer peaks(StreamRecordingQuery query) {
        return heldWhilePreparing(query, () -> peaksNow(query), answer ->
                answer instanceof PeaksAnswer.AsPlay asPlay && asPlay.playback() instanceof Playback.Preparing);
    }

    private PeaksAnswer peaksNow(StreamRecordingQuery query) {
        Playback playback = streamNow(query);
        if (playback instanceof Playback.Streaming) {
            return new PeaksAnswer.AsPlay(new Playback.Preparing(retryAfter)); // its waveform comes once it is stored
        }
        if (!(playback instanceof Playback.Ready ready)) {
            return new PeaksAnswer.AsPlay(playback);
        }
        try {
            return switch (waveforms.requested(ready.recording())) {
                case Waveforms.Requested.Document document -> new PeaksAnswer.Document(document.waveform());
                case Waveforms.Requested.BeingComputed computing -> new PeaksAnswer.AsPlay(
                        new Playback.Preparing(retryAfter));
                case Waveforms.Requested.Undrawable nothing -> new PeaksAnswer.Undrawable();
            };
        } catch (RecordingStoreException e) {
            return new PeaksAnswer.AsPlay(new Playback.TemporarilyUnavailable(Unavailability.STORAGE, retryAfter));
        }
    }

    @Override
    public Optional<Waveform> keptWaveform(StreamRecordingQuery query) {
        try {
            return check(query) instanceof Checked.Settled(Playback.Ready ready)
                    ? waveforms.kept(ready.recording()) : Optional.empty();
        } catch (SharedStateUnavailableException | RecordingStoreException e) {
            return Optional.empty(); // the full path answers what can't be reached
        }
    }

    private static Playback permanentFailure(FailureCause cause) {
        return switch (cause) {
            case RECORDING_EXPIRED -> new Playback.Expired();
            case CALL_HAS_NO_RECORDING -> new Playback.Denied(AccessDenial.CALL_NOT_FOUND);
            default -> new Playback.Unavailable();
        };
    }

}
