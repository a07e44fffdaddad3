package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.service.Fixture.RETRY_AFTER;
import static io.recstream.application.service.Fixture.viewerOf;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.Playback;
import io.recstream.application.port.in.StreamRecordingQuery;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.port.in.Viewer;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.Waveform;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StreamRecordingServiceTest {

    private final Fixture fx = new Fixture();

    private Playback play(Call call) {
        return fx.stream.stream(new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(), Duration.ZERO));
    }

    @Test
    void givenCachedRecording_stream_servesItAndRequestsNothing() {
        Call call = fx.known(aCall().build(), new byte[] {1, 2, 3});
        fx.store.put(call.sid(), new byte[] {1, 2, 3});

        Playback playback = play(call);

        assertThat(playback).isInstanceOfSatisfying(Playback.Ready.class,
                ready -> assertThat(ready.recording().sizeBytes()).isEqualTo(3));
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void whileTheDirectoryIsRebuilt_anUnknownOrProvisionalCall_isUnavailable_neverNotFound() {
        Call assumed = fx.known(aCall().provisional().build(), new byte[] {1});
        Call unknown = aCall().build();
        fx.calls.loseEverything();
        fx.calls.register(assumed, null);

        Playback expected = new Playback.TemporarilyUnavailable(Unavailability.SHARED_STATE, RETRY_AFTER);
        assertThat(play(unknown)).isEqualTo(expected);
        assertThat(play(assumed)).isEqualTo(expected);
        assertThat(fx.stream.keptWaveform(query(viewerOf(unknown), unknown))).isEmpty();
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void whileTheStoreFails_anUncachedPlay_saysSo_notThatTwilioFails() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.statuses.save(DownloadStatus.failed(call.sid(), FailureCause.STORAGE_ERROR, NOW.minusSeconds(10)));

        assertThat(play(call)).isEqualTo(new Playback.TemporarilyUnavailable(Unavailability.STORAGE,
                Fixture.COOL_DOWN.minusSeconds(10)));
    }

    @Test
    void keptWaveform_givesTheKeptWaveform_toAViewerOfItsBusiness() {
        Call call = cachedWithWaveform(fx.known(aCall().build(), new byte[] {1, 2, 3}));

        assertThat(fx.stream.keptWaveform(query(viewerOf(call), call))).contains(WAVEFORM);
    }

    @Test
    void keptWaveform_givesNothing_andRequestsNothing_whenTheRecordingIsNotCached() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.store.saveWaveform(call.sid(), WAVEFORM);

        assertThat(fx.stream.keptWaveform(query(viewerOf(call), call))).isEmpty();
        assertThat(fx.queue.queued()).isEmpty();
        assertThat(fx.statuses.find(call.sid())).isEmpty();
    }

    @Test
    void keptWaveform_givesNothing_toAViewerOfAnotherBusiness_norForAnExpiredRecording() {
        Call call = cachedWithWaveform(fx.known(aCall().build(), new byte[] {1}));
        Call expired = cachedWithWaveform(fx.known(aCall().recordedAgo(Duration.ofDays(8), NOW).build(),
                new byte[] {1}));
        Viewer stranger = new Viewer("user-2", Set.of(TestIds.aBusiness()));

        assertThat(fx.stream.keptWaveform(query(stranger, call))).isEmpty();
        assertThat(fx.stream.keptWaveform(query(viewerOf(expired), expired))).isEmpty();
    }

    @Test
    void keptWaveform_checksAsAFullPlayDoes_soAnExpiredRecordingIsDeletedThereToo() {
        Call expired = cachedWithWaveform(fx.known(aCall().recordedAgo(Duration.ofDays(8), NOW).build(),
                new byte[] {1}));

        assertThat(fx.stream.keptWaveform(query(viewerOf(expired), expired))).isEmpty();

        assertThat(fx.store.find(expired.sid())).as("deleted, as a full play of it deletes it").isEmpty();
    }

    private static final Waveform WAVEFORM = new Waveform(1, 8000, 80, new byte[] {-1, 1});

    private Call cachedWithWaveform(Call call) {
        fx.store.put(call.sid(), new byte[] {1, 2, 3});
        fx.store.saveWaveform(call.sid(), WAVEFORM);
        return call;
    }

    private static StreamRecordingQuery query(Viewer viewer, Call call) {
        return new StreamRecordingQuery(viewer, call.business(), call.sid(), Duration.ZERO);
    }

    @Test
    void givenUncachedRecording_stream_answersPreparingAndEnqueuesOnce() {
        Call call = fx.known(aCall().build(), new byte[] {1});

        Playback first = play(call);
        Playback second = play(call);

        assertThat(first).isEqualTo(new Playback.Preparing(RETRY_AFTER));
        assertThat(second).isEqualTo(new Playback.Preparing(RETRY_AFTER));
        assertThat(fx.queue.queued()).containsExactly(
                new DownloadRequest(call.sid(), call.business(), call.recordingSid(), NOW, DownloadReason.PLAYBACK));
        assertThat(fx.statuses.find(call.sid()).orElseThrow().state()).isEqualTo(DownloadState.REQUESTED);
    }

    @Test
    void aFirstPlay_looksUpAndClaimsTheJobInOneRoundTrip() {
        Call call = fx.known(aCall().build(), new byte[] {1});

        assertThat(play(call)).isEqualTo(new Playback.Preparing(RETRY_AFTER));
        assertThat(fx.statuses.lookups()).isOne();
    }

    @Test
    void givenBusinessNotInToken_stream_isForbidden_beforeLookingAtTheCall() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        Viewer stranger = new Viewer("user-2", Set.of(TestIds.aBusiness()));

        Playback playback = fx.stream.stream(new StreamRecordingQuery(stranger, call.business(), call.sid(), Duration.ZERO));

        assertThat(playback).isEqualTo(new Playback.Denied(AccessDenial.BUSINESS_FORBIDDEN));
    }

    @Test
    void givenCallOfAnotherBusiness_stream_answersNotFound_likeAnUnknownCall() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        var otherBusiness = TestIds.aBusiness();
        Viewer viewerOfBoth = new Viewer("user-3", Set.of(call.business(), otherBusiness));

        Playback otherTenant = fx.stream.stream(new StreamRecordingQuery(viewerOfBoth, otherBusiness, call.sid(), Duration.ZERO));
        Playback unknown = fx.stream.stream(new StreamRecordingQuery(viewerOfBoth, otherBusiness, TestIds.aCallSid(), Duration.ZERO));

        assertThat(otherTenant).isEqualTo(new Playback.Denied(AccessDenial.CALL_NOT_FOUND)).isEqualTo(unknown);
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void givenRecordingOlderThanRetention_stream_answersExpired_andDeletesTheCachedFile() {
        Call call = fx.known(aCall().recordedAgo(Duration.ofDays(8), NOW).build(), new byte[] {1});
        fx.store.put(call.sid(), new byte[] {1});

        assertThat(play(call)).isEqualTo(new Playback.Expired());
        assertThat(fx.store.find(call.sid())).isEmpty();
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void givenPermanentFailure_stream_answersUnavailable_andDoesNotRequestAgain() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.statuses.save(DownloadStatus.failed(call.sid(), FailureCause.RECORDING_NOT_FOUND, NOW));

        assertThat(play(call)).isEqualTo(new Playback.Unavailable());
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void givenCallWithoutRecordingAtProvider_stream_answersCallNotFound() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.statuses.save(DownloadStatus.failed(call.sid(), FailureCause.CALL_HAS_NO_RECORDING, NOW));

        assertThat(play(call)).isEqualTo(new Playback.Denied(AccessDenial.CALL_NOT_FOUND));
    }

    @Test
    void givenRecentTransientFailure_stream_answersProviderUnavailable_untilTheCoolDownEnds_thenRequestsAgain() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.statuses.save(DownloadStatus.failed(call.sid(), FailureCause.PROVIDER_ERROR, NOW.minusSeconds(10)));

        assertThat(play(call)).isEqualTo(new Playback.ProviderUnavailable(Duration.ofSeconds(20)));
        assertThat(fx.queue.queued()).isEmpty();

        fx.clock.advance(Duration.ofSeconds(20));
        assertThat(play(call)).isInstanceOf(Playback.Preparing.class);
        assertThat(fx.queue.queued()).hasSize(1);
    }

    @Test
    void givenOpenCircuit_stream_answersProviderUnavailableAtOnce_butCachedRecordingsStillPlay() {
        Call uncached = fx.known(aCall().build(), new byte[] {1});
        Call cached = fx.known(aCall().build(), new byte[] {2});
        fx.store.put(cached.sid(), new byte[] {2});
        fx.availability.open(Duration.ofSeconds(17));

        assertThat(play(uncached)).isEqualTo(new Playback.ProviderUnavailable(Duration.ofSeconds(17)));
        assertThat(play(cached)).isInstanceOf(Playback.Ready.class);
        assertThat(fx.queue.queued()).isEmpty();

        fx.availability.close();
        assertThat(play(uncached)).isInstanceOf(Playback.Preparing.class);
    }

    @Test
    void givenQueueUnreachable_stream_answersTemporarilyUnavailable_andTheNextPlayAsksAgain() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.queue.makeUnreachable(true);

        assertThat(play(call)).isEqualTo(new Playback.TemporarilyUnavailable(Unavailability.DOWNLOAD_QUEUE, RETRY_AFTER));
        assertThat(fx.statuses.find(call.sid())).isEmpty();

        fx.queue.makeUnreachable(false);
        assertThat(play(call)).isInstanceOf(Playback.Preparing.class);
        assertThat(fx.queue.queued()).hasSize(1);
    }

    @Test
    void givenWait_stream_answersReady_whenTheDownloadFinishesMeanwhile() {
        Call call = fx.known(aCall().build(), new byte[] {9, 9});
        fx.readiness.whileWaiting(() -> fx.worker.process(fx.queue.queued().getFirst()));

        Playback playback = fx.stream.stream(
                new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(), Duration.ofSeconds(5)));

        assertThat(playback).isInstanceOf(Playback.Ready.class);
        assertThat(fx.clock.instant()).isBefore(NOW.plusSeconds(5));
    }

    @Test
    void givenWait_stream_answersPreparing_whenTheWaitRunsOut() {
        Call call = fx.known(aCall().build(), new byte[] {1});

        Playback playback = fx.stream.stream(
                new StreamRecordingQuery(viewerOf(call), call.business(), call.sid(), Duration.ofSeconds(3)));

        assertThat(playback).isEqualTo(new Playback.Preparing(RETRY_AFTER));
        assertThat(fx.clock.instant()).isEqualTo(NOW.plusSeconds(3));
        assertThat(fx.queue.queued()).hasSize(1);
    }
}
