package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.ProcessDownloadUseCase.Result;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadOutcome;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessDownloadServiceTest {

    private final Fixture fx = new Fixture();

    private static DownloadRequest requestFor(Call call) {
        return new DownloadRequest(call.sid(), call.business(), null, NOW, DownloadReason.PLAYBACK);
    }

    private byte[] stored(CallSid sid) throws IOException {
        var recording = fx.store.find(sid).orElseThrow();
        try (SeekableByteChannel channel = recording.content().open()) {
            ByteBuffer buffer = ByteBuffer.allocate((int) recording.sizeBytes());
            channel.read(buffer);
            return buffer.array();
        }
    }

    @Test
    void givenKnownCall_process_downloadsStoresMarksReadyAnnouncesAndPublishes() throws IOException {
        Call call = fx.known(aCall().build(), new byte[] {4, 5, 6});

        Result result = fx.worker.process(requestFor(call));

        assertThat(result).isEqualTo(Result.DOWNLOADED);
        assertThat(stored(call.sid())).containsExactly(4, 5, 6);
        assertThat(fx.statuses.find(call.sid())).contains(DownloadStatus.ready(call.sid(), 3, NOW));
        assertThat(fx.readiness.announced()).as("audio can start, ready, then its waveform kept")
                .containsExactly(call.sid(), call.sid(), call.sid());
        assertThat(fx.events.published()).containsExactly(new DownloadOutcome.Ready(call.sid(), call.business(), 3, NOW));
        assertThat(fx.lock.isLocked(call.sid())).isFalse();
    }

    @Test
    void givenAlreadyCached_process_downloadsNothing() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.store.put(call.sid(), new byte[] {1});

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.ALREADY_CACHED);
        assertThat(fx.provider.mediaDownloads()).isZero();
        assertThat(fx.statuses.find(call.sid()).orElseThrow().state()).isEqualTo(DownloadState.READY);
    }

    @Test
    void givenLockHeldElsewhere_process_leavesTheJobToItsHolder() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        var otherWorker = fx.lock.tryAcquire(call.sid()).orElseThrow();

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.TAKEN_BY_ANOTHER_WORKER);
        assertThat(fx.provider.mediaDownloads()).isZero();
        otherWorker.close();
    }

    @Test
    void givenTheLockLostMidDownload_process_stillPublishes_andTheJobEndsReady() throws IOException {
        Call call = fx.known(aCall().build(), new byte[] {1, 2, 3, 4});
        fx.provider.whileDownloading(() -> fx.lock.steal(call.sid()));

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.DOWNLOADED);
        assertThat(stored(call.sid())).containsExactly(1, 2, 3, 4);
        assertThat(fx.statuses.find(call.sid())).contains(DownloadStatus.ready(call.sid(), 4, NOW));
        assertThat(fx.events.published()).containsExactly(new DownloadOutcome.Ready(call.sid(), call.business(), 4, NOW));
        assertThat(fx.lock.isLocked(call.sid())).as("the new owner keeps its lock").isTrue();
    }

    @Test
    void givenAnotherWorkerPublishedMidDownload_process_keepsItsRecording_andReportsReady() throws IOException {
        Call call = fx.known(aCall().build(), new byte[] {1, 2, 3, 4});
        fx.provider.whileDownloading(() -> fx.store.put(call.sid(), new byte[] {9, 9}));

        fx.worker.process(requestFor(call));

        assertThat(stored(call.sid())).containsExactly(9, 9);
        assertThat(fx.statuses.find(call.sid())).contains(DownloadStatus.ready(call.sid(), 2, NOW));
        assertThat(fx.events.published()).containsExactly(new DownloadOutcome.Ready(call.sid(), call.business(), 2, NOW));
    }

    @Test
    void givenUnknownCall_process_registersItUnderTheCommandsBusiness_withTwiliosCreationTime() {
        CallSid sid = TestIds.aCallSid();
        BusinessId business = TestIds.aBusiness();
        RecordingSid recording = TestIds.aRecordingSid();
        fx.provider.add(new RecordingMetadata(recording, sid, NOW.minusSeconds(30), RecordingMetadata.Availability.COMPLETED),
                new byte[] {7});

        Result result = fx.worker.process(new DownloadRequest(sid, business, null, NOW, DownloadReason.EXTERNAL));

        assertThat(result).isEqualTo(Result.DOWNLOADED);
        Call registered = fx.calls.find(sid).orElseThrow();
        assertThat(registered.business()).isEqualTo(business);
        assertThat(registered.recordingSid()).isEqualTo(recording);
        assertThat(registered.recordingCreatedAt()).isEqualTo(NOW.minusSeconds(30));
    }

    @Test
    void givenCommandOfAnotherBusiness_process_refusesIt_touchingNothing() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        DownloadRequest foreign = new DownloadRequest(call.sid(), TestIds.aBusiness(), null, NOW, DownloadReason.EXTERNAL);

        assertThat(fx.worker.process(foreign)).isEqualTo(Result.REFUSED);
        assertThat(fx.provider.mediaDownloads()).isZero();
        assertThat(fx.statuses.find(call.sid())).isEmpty();
        assertThat(fx.calls.find(call.sid()).orElseThrow()).isEqualTo(call);
        assertThat(fx.events.published()).isEmpty();
        assertThat(fx.readiness.announced()).isEmpty();
    }

    @Test
    void givenCommandOfAnotherBusiness_forACachedRecording_isRefusedAllTheSame() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.store.put(call.sid(), new byte[] {1});

        assertThat(fx.worker.process(new DownloadRequest(call.sid(), TestIds.aBusiness(), null, NOW,
                DownloadReason.EXTERNAL))).isEqualTo(Result.REFUSED);
        assertThat(fx.statuses.find(call.sid())).isEmpty();
        assertThat(fx.events.published()).isEmpty();
    }

    @Test
    void givenUnknownCall_process_recordsAProvisionalRegistration_thatGivesWayToTheOwnersFact() {
        CallSid sid = TestIds.aCallSid();
        BusinessId intruder = TestIds.aBusiness();
        fx.provider.add(new RecordingMetadata(TestIds.aRecordingSid(), sid, NOW.minusSeconds(30),
                RecordingMetadata.Availability.COMPLETED), new byte[] {7});

        fx.worker.process(new DownloadRequest(sid, intruder, null, NOW, DownloadReason.EXTERNAL));

        assertThat(fx.record.appended()).singleElement().satisfies(registered -> {
            assertThat(registered.business()).isEqualTo(intruder);
            assertThat(registered.isProvisional()).isTrue();
        });
        Call owned = aCall().withSid(sid).build();
        fx.registrations.learn(new CallRegistration(owned, false, fx.record.reported(owned)));
        assertThat(fx.calls.find(sid).orElseThrow().business()).isEqualTo(owned.business());
        assertThat(fx.worker.process(new DownloadRequest(sid, intruder, null, NOW, DownloadReason.EXTERNAL)))
                .isEqualTo(Result.REFUSED);
    }

    @Test
    void givenUnknownCall_andTheRecordUnreachable_process_retriesLater_registeringNothing() {
        CallSid sid = TestIds.aCallSid();
        fx.provider.add(new RecordingMetadata(TestIds.aRecordingSid(), sid, NOW.minusSeconds(30),
                RecordingMetadata.Availability.COMPLETED), new byte[] {7});
        fx.record.makeUnreachable(true);

        assertThat(fx.worker.process(new DownloadRequest(sid, TestIds.aBusiness(), null, NOW, DownloadReason.EXTERNAL)))
                .isEqualTo(Result.RETRY_LATER);
        assertThat(fx.calls.find(sid)).isEmpty();
        assertThat(fx.store.find(sid)).isEmpty();
    }

    @Test
    void givenTheDirectoryBeingRebuilt_process_retriesLater() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.calls.loseEverything();

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.provider.mediaDownloads()).isZero();
    }

    @Test
    void givenAYoungCallThatTwilioDoesNotListYet_process_retriesLater_insteadOfFailingForGood() {
        Call young = aCall().withoutKnownRecording().startedAt(NOW.minusSeconds(120)).build();
        fx.calls.register(young, null);

        assertThat(fx.worker.process(requestFor(young))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.statuses.find(young.sid()).orElseThrow().state()).isEqualTo(DownloadState.REQUESTED);
        assertThat(fx.events.published()).isEmpty();
    }

    @Test
    void givenAYoungCallWhoseRecordingTwilioAnswers404For_process_retriesLater() {
        Call young = aCall().startedAt(NOW.minusSeconds(120)).build();
        fx.calls.register(young, null);

        assertThat(fx.worker.process(requestFor(young))).isEqualTo(Result.RETRY_LATER);
    }

    @Test
    void givenAFullStore_process_retriesLater_sayingTheStoreFailed_notTwilio() {
        Call call = fx.known(aCall().build(), new byte[] {1, 2});
        fx.store.makeFull(true);

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.statuses.find(call.sid()))
                .contains(DownloadStatus.failed(call.sid(), FailureCause.STORAGE_ERROR, NOW));
        assertThat(fx.events.published()).isEmpty();

        assertThat(fx.worker.giveUp(requestFor(call), "retries exhausted")).isEqualTo(Result.FAILED);
        assertThat(fx.statuses.find(call.sid()).orElseThrow().failure()).isEqualTo(FailureCause.STORAGE_ERROR);

        fx.store.makeFull(false);
        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.DOWNLOADED);
    }

    @Test
    void givingUp_whileAWorkerHoldsTheLock_leavesTheJobToIt() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        var working = fx.lock.tryAcquire(call.sid()).orElseThrow();

        assertThat(fx.worker.giveUp(requestFor(call), "retries exhausted")).isEqualTo(Result.TAKEN_BY_ANOTHER_WORKER);
        assertThat(fx.statuses.find(call.sid())).isEmpty();
        assertThat(fx.events.published()).isEmpty();
        working.close();
        assertThat(fx.worker.giveUp(requestFor(call), "retries exhausted")).isEqualTo(Result.FAILED);
    }

    @Test
    void givingUp_aDownloadWhoseWorkerVanishedMidway_downloadsIt_forNothingFailed() throws IOException {
        Call call = fx.known(aCall().build(), new byte[] {3, 1, 4});
        fx.statuses.save(DownloadStatus.downloading(call.sid(), NOW.minusSeconds(30)));

        assertThat(fx.worker.giveUp(requestFor(call), "retries exhausted")).isEqualTo(Result.DOWNLOADED);
        assertThat(stored(call.sid())).containsExactly(3, 1, 4);
        assertThat(fx.statuses.find(call.sid())).contains(DownloadStatus.ready(call.sid(), 3, NOW));
    }

    @Test
    void givingUp_aCommandOfAnotherBusiness_touchesNothing() {
        Call call = fx.known(aCall().build(), new byte[] {1});

        assertThat(fx.worker.giveUp(new DownloadRequest(call.sid(), TestIds.aBusiness(), null, NOW,
                DownloadReason.EXTERNAL), "retries exhausted")).isEqualTo(Result.REFUSED);
        assertThat(fx.statuses.find(call.sid())).isEmpty();
        assertThat(fx.events.published()).isEmpty();
    }

    @Test
    void givenRecordingSidOfAnotherCall_process_refusesToCopyItsAudio() {
        Call victim = fx.known(aCall().build(), new byte[] {6, 6, 6});
        CallSid attackerCall = TestIds.aCallSid();
        DownloadRequest forged = new DownloadRequest(attackerCall, TestIds.aBusiness(), victim.recordingSid(), NOW,
                DownloadReason.EXTERNAL);

        assertThat(fx.worker.process(forged)).isEqualTo(Result.FAILED);
        assertThat(fx.store.find(attackerCall)).isEmpty();
        assertThat(fx.provider.mediaDownloads()).isZero();
    }

    @Test
    void givenMediaNotFound_process_failsPermanently() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.provider.failNextMediaWith(FailureCause.RECORDING_NOT_FOUND);

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.FAILED);
        DownloadStatus status = fx.statuses.find(call.sid()).orElseThrow();
        assertThat(status.failedPermanently()).isTrue();
        assertThat(fx.store.find(call.sid())).isEmpty();
        assertThat(fx.readiness.announced()).containsExactly(call.sid());
    }

    @Test
    void givenProviderError_process_asksToRetryLater_keepingTheJobInFlight_andTheNextAttemptSucceeds() {
        Call call = fx.known(aCall().build(), new byte[] {1, 2});
        fx.provider.failNextMediaWith(FailureCause.PROVIDER_ERROR);

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.statuses.find(call.sid()).orElseThrow().state()).isEqualTo(DownloadState.REQUESTED);
        assertThat(fx.events.published()).isEmpty();
        assertThat(fx.lock.isLocked(call.sid())).isFalse();

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.DOWNLOADED);
    }

    @Test
    void givingUp_marksTheJobFailed_announcesIt_andStartsTheCoolDown() {
        Call call = fx.known(aCall().build(), new byte[] {1});

        fx.worker.giveUp(requestFor(call), "retries exhausted");

        DownloadStatus status = fx.statuses.find(call.sid()).orElseThrow();
        assertThat(status).isEqualTo(DownloadStatus.failed(call.sid(), FailureCause.PROVIDER_ERROR, NOW));
        assertThat(status.admitsNewRequest(NOW, Fixture.COOL_DOWN)).isFalse();
        assertThat(fx.readiness.announced()).containsExactly(call.sid());
        assertThat(fx.events.published()).singleElement().isInstanceOf(DownloadOutcome.Failed.class);
    }

    @Test
    void givingUp_aRecordingThatGotStoredMeanwhile_changesNothing() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        fx.worker.process(requestFor(call));

        fx.worker.giveUp(requestFor(call), "a stale retry");

        assertThat(fx.statuses.find(call.sid()).orElseThrow().state()).isEqualTo(DownloadState.READY);
    }

    @Test
    void givenCallWithNoRecordingAtProvider_process_failsWithThatCause() {
        Call call = aCall().withoutKnownRecording().build();
        fx.calls.register(call, null);

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.FAILED);
        assertThat(fx.statuses.find(call.sid()).orElseThrow().failure()).isEqualTo(FailureCause.CALL_HAS_NO_RECORDING);
    }

    @Test
    void givenRecordingStillProcessingAtProvider_process_retriesLater() {
        Call call = aCall().withoutKnownRecording().build();
        fx.calls.register(call, null);
        fx.provider.add(new RecordingMetadata(TestIds.aRecordingSid(), call.sid(), NOW,
                RecordingMetadata.Availability.PENDING), new byte[] {1});

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.provider.mediaDownloads()).isZero();
    }

    @Test
    void givenACallWhoseRecordingTheDirectoryKnows_process_asksTheProviderOnlyForTheMedia() throws IOException {
        Call call = fx.known(aCall().build(), new byte[] {7, 8});

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.DOWNLOADED);
        assertThat(stored(call.sid())).containsExactly(7, 8);
        assertThat(fx.provider.metadataRequests()).isZero();
    }

    @Test
    void givenARecordingSidOnlyTheCommandNames_process_checksItWithTheProviderFirst() {
        Call call = aCall().withoutKnownRecording().build();
        fx.calls.register(call, null);
        RecordingSid named = TestIds.aRecordingSid();
        fx.provider.add(new RecordingMetadata(named, call.sid(), NOW, RecordingMetadata.Availability.COMPLETED),
                new byte[] {1});

        assertThat(fx.worker.process(new DownloadRequest(call.sid(), call.business(), named, NOW,
                DownloadReason.EXTERNAL))).isEqualTo(Result.DOWNLOADED);
        assertThat(fx.provider.metadataRequests()).isEqualTo(1);
    }

    @Test
    void givenAKnownRecordingStillInPostProcessing_ofAYoungCall_process_retriesLater() {
        Call young = aCall().startedAt(NOW.minusSeconds(120)).build();
        fx.calls.register(young, null);
        fx.provider.add(new RecordingMetadata(young.recordingSid(), young.sid(), NOW,
                RecordingMetadata.Availability.PENDING), new byte[] {1});

        assertThat(fx.worker.process(requestFor(young))).isEqualTo(Result.RETRY_LATER);
        assertThat(fx.store.find(young.sid())).isEmpty();
    }

    @Test
    void givenExpiredRecording_process_doesNotDownloadIt() {
        Call call = fx.known(aCall().recordedAgo(Duration.ofDays(9), NOW).build(), new byte[] {1});

        assertThat(fx.worker.process(requestFor(call))).isEqualTo(Result.FAILED);
        assertThat(fx.statuses.find(call.sid()).orElseThrow().failure()).isEqualTo(FailureCause.RECORDING_EXPIRED);
        assertThat(fx.provider.mediaDownloads()).isZero();
    }
}
