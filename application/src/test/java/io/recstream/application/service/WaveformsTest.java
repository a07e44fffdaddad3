package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.service.Fixture.RETRY_AFTER;
import static io.recstream.application.service.Fixture.viewerOf;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.PeaksAnswer;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.Viewer;
import io.recstream.application.port.in.ProcessDownloadUseCase.Result;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.testing.FakeAudioDecoder;
import io.recstream.application.testing.InMemoryUndrawableRecordings;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.IntStream;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class WaveformsTest {

    private final Fixture fx = new Fixture();

    private PeaksAnswer peaks(Call call) {
        return fx.stream.peaks(new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(), Duration.ZERO));
    }

    /** A recording the fake decoder reads as {@code quiet} silent samples, then {@code loud} samples of 100. */
    private static byte[] silenceThenSpeech(int quiet, int loud) {
        byte[] audio = new byte[quiet + loud];
        Arrays.fill(audio, quiet, audio.length, (byte) 100);
        return audio;
    }

    private Waveforms waveforms(Executor computations, boolean afterDownload, Duration longest) {
        return new Waveforms(fx.store, fx.decoder, fx.lock, fx.readiness, new InMemoryUndrawableRecordings(),
                computations, afterDownload, longest);
    }

    /** A known call's recording, stored without a waveform. */
    private StoredRecording stored(byte[] audio) {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), audio);
        return fx.store.find(call.sid()).orElseThrow();
    }

    /** The fake decoder's mono audio at its rate: min and max per pixel. */
    private static int[] data(Waveform waveform) {
        assertThat(waveform.channels()).isOne();
        assertThat(waveform.sampleRate()).isEqualTo(FakeAudioDecoder.RATE);
        byte[] bytes = waveform.data();
        return IntStream.range(0, bytes.length).map(i -> bytes[i]).toArray();
    }

    @Test
    void aDownloadedRecording_hasItsWaveformKeptBesideIt_byTheWorker() {
        Call call = fx.known(aCall().build(), silenceThenSpeech(4000, 4000));

        assertThat(fx.worker.process(new DownloadRequest(call.sid(), call.business(), null, NOW,
                DownloadReason.PLAYBACK))).isEqualTo(Result.DOWNLOADED);

        int[] data = data(fx.store.findWaveform(call.sid()).orElseThrow());
        int pixels = data.length / 2;
        assertThat(pixels).isBetween(100, 2000);
        assertThat(data[2 * (pixels / 4) + 1]).as("the first half's max").isZero();
        assertThat(data[2 * (3 * pixels / 4) + 1]).as("the second half's max").isEqualTo(100);
    }

    @Test
    void theWaveformOfARecordingNotCached_answersAsAPlayDoes_andRequestsItsDownloadOnce() {
        Call call = fx.known(aCall().build(), silenceThenSpeech(10, 10));

        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(fx.queue.queued()).hasSize(1);
    }

    @Test
    void aRecordingStoredWithoutAWaveform_hasItComputedOffTheRequestThread_onceForSimultaneousRequests() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(3000, 1000));
        fx.computations.hold();

        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(fx.decoder.decoded()).as("nothing decoded on a request's thread").isZero();

        assertThat(fx.computations.runHeld()).as("one computation for both").isOne();
        assertThat(fx.readiness.announced()).as("which wakes held requests").containsExactly(call.sid());
        assertThat(peaks(call)).isInstanceOfSatisfying(PeaksAnswer.Document.class, document ->
                assertThat(data(document.waveform())).contains(100));
        assertThat(fx.decoder.decoded()).isOne();
    }

    @Test
    void whileTheWorkerHoldsTheRecording_aRequestWaitsForTheWaveform_insteadOfDecodingTheAudioAgain() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(3000, 1000));
        LockLease worker = fx.lock.tryAcquire(call.sid()).orElseThrow(); // announced, not yet released

        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        fx.readiness.whileWaiting(() -> {
            worker.close();
            fx.waveforms.prepareAfterDownload(call.sid());
        });
        PeaksAnswer held = fx.stream.peaks(new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(),
                Duration.ofSeconds(10)));

        assertThat(held).isInstanceOfSatisfying(PeaksAnswer.Document.class, document ->
                assertThat(data(document.waveform())).contains(100));
        assertThat(fx.decoder.decoded()).as("the worker's decoding only").isOne();
        assertThat(fx.clock.instant()).as("woken by the announcement, not by the time running out").isEqualTo(NOW);
    }

    @Test
    void aWorkerReleasingTheRecording_whileARequestsComputationFindsItLocked_hasTheWaveformComputedAllTheSame() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(3000, 1000));
        LockLease worker = fx.lock.tryAcquire(call.sid()).orElseThrow(); // announced, not yet released
        fx.lock.onNextRefusal(() -> {
            worker.close();
            fx.waveforms.prepareAfterDownload(call.sid()); // while the request's computation is still under way
        });

        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));

        assertThat(fx.store.findWaveform(call.sid())).as("computed once the worker let go").isPresent();
        assertThat(fx.decoder.decoded()).isOne();
        assertThat(fx.readiness.announced()).as("which wakes held requests").containsExactly(call.sid());
    }

    @Test
    void withWaveformsLeftToRequests_oneWhoseComputationFoundTheRecordingLocked_isComputedOnceTheWorkerLetsGo() {
        Waveforms onRequest = waveforms(fx.computations, false, Duration.ofHours(4));
        StoredRecording recording = stored(silenceThenSpeech(3000, 1000));
        LockLease worker = fx.lock.tryAcquire(recording.callSid()).orElseThrow();
        fx.lock.onNextRefusal(() -> {
            worker.close();
            onRequest.prepareAfterDownload(recording.callSid());
        });

        assertThat(onRequest.requested(recording)).isEqualTo(new Waveforms.Requested.BeingComputed());

        assertThat(fx.store.findWaveform(recording.callSid())).isPresent();
        assertThat(fx.decoder.decoded()).isOne();
    }

    @Test
    void theWorker_announcesTheRecordingAgain_onceItsWaveformIsKept() {
        Call call = fx.known(aCall().build(), silenceThenSpeech(10, 10));

        fx.worker.process(new DownloadRequest(call.sid(), call.business(), null, NOW, DownloadReason.PLAYBACK));

        assertThat(fx.readiness.announced()).as("audio can start, ready, then its waveform kept")
                .containsExactly(call.sid(), call.sid(), call.sid());
        assertThat(fx.store.findWaveform(call.sid())).isPresent();
    }

    @Test
    void simultaneousRequestsForAWaveformNotKept_decodeTheAudioOnce() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(3000, 1000));
        fx.decoder.whileDecoding(() -> assertThat(peaks(call)).as("the second request, while the first decodes")
                .isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER))));

        assertThat(peaks(call)).as("the first, whose computation ran").isEqualTo(
                new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(peaks(call)).isInstanceOf(PeaksAnswer.Document.class);
        assertThat(fx.decoder.decoded()).isOne();
    }

    @Test
    void withTheLocksUnreachable_theWaveformIsComputedAllTheSame() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(3000, 1000));
        fx.lock.makeUnreachable(true);
        peaks(call);

        assertThat(peaks(call)).isInstanceOf(PeaksAnswer.Document.class);
    }

    @Test
    void aWaveformRefusedAfterADownload_isQueuedAgainByTheNextRequest() {
        Waveforms busy = waveforms(task -> {
            throw new RejectedExecutionException("queue full");
        }, true, Duration.ofHours(4));
        StoredRecording recording = stored(silenceThenSpeech(3000, 1000));
        Call call = fx.calls.find(recording.callSid()).orElseThrow();

        busy.prepareAfterDownload(call.sid());
        assertThat(busy.requested(recording)).isEqualTo(new Waveforms.Requested.BeingComputed());

        assertThat(fx.store.findWaveform(call.sid())).isEmpty();
        peaks(call);
        assertThat(peaks(call)).isInstanceOf(PeaksAnswer.Document.class);
    }

    @Test
    void withoutComputingAfterDownloads_aDownloadLeavesTheWaveformToItsFirstRequest() {
        Waveforms onRequest = waveforms(fx.computations, false, Duration.ofHours(4));
        StoredRecording recording = stored(silenceThenSpeech(3000, 1000));

        onRequest.prepareAfterDownload(recording.callSid());

        assertThat(fx.decoder.decoded()).isZero();
        assertThat(onRequest.requested(recording)).isEqualTo(new Waveforms.Requested.BeingComputed());
        assertThat(fx.decoder.decoded()).isOne();
    }

    @Test
    void anUndecodableRecording_isRemembered_andAnsweredAsUndrawable_withoutDecodingItAgain() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), new byte[0]);

        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Preparing(RETRY_AFTER)));
        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.Undrawable());
        assertThat(peaks(call)).isEqualTo(new PeaksAnswer.Undrawable());
        assertThat(fx.decoder.decoded()).isOne();
        assertThat(fx.readiness.announced()).as("held requests are woken to be told").containsExactly(call.sid());
    }

    @Test
    void audioLongerThanTheLongestDecoded_isUndrawable_itsDecodingStopped() {
        // The fake decoder reads a byte as a sample at 8 kHz: 2 s of audio, against a bound of 1 s.
        Waveforms bounded = waveforms(fx.computations, true, Duration.ofSeconds(1));
        StoredRecording recording = stored(silenceThenSpeech(8000, 8000));

        assertThat(bounded.requested(recording)).isEqualTo(new Waveforms.Requested.BeingComputed());

        assertThat(bounded.requested(recording)).isEqualTo(new Waveforms.Requested.Undrawable());
        assertThat(fx.store.findWaveform(recording.callSid())).isEmpty();
    }

    @Test
    void theWaveform_isCheckedAsAPlayIs_soAnotherBusinessGetsNothing() {
        Call call = fx.known(aCall().build(), new byte[0]);
        fx.store.put(call.sid(), silenceThenSpeech(10, 10));
        Viewer stranger = new Viewer("user-2", Set.of(TestIds.aBusiness()));

        PeaksAnswer answer = fx.stream.peaks(new StreamRecordingQuery(stranger, call.business(), call.sid(),
                Duration.ZERO));

        assertThat(answer).isEqualTo(new PeaksAnswer.AsPlay(new Playback.Denied(AccessDenial.BUSINESS_FORBIDDEN)));
        assertThat(fx.decoder.decoded()).isZero();
    }
}
