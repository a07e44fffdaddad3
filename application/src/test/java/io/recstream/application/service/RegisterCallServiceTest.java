package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import org.junit.jupiter.api.Test;

class RegisterCallServiceTest {

    private final Fixture fx = new Fixture();

    private static CallRegistration reported(Call call) {
        return new CallRegistration(call, true, null);
    }

    @Test
    void aReport_isRecordedFirst_thenKnown_withoutPrefetchByDefault() {
        Call call = aCall().build();

        assertThat(fx.registrations.report(reported(call))).isEqualTo(new RegistrationResult.Registered());

        assertThat(fx.record.appended()).containsExactly(call);
        assertThat(fx.calls.find(call.sid())).contains(call);
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void aReport_thatCannotBeRecorded_isUnavailable_andNotKnown() {
        Call call = aCall().build();
        fx.record.makeUnreachable(true);

        assertThat(fx.registrations.report(reported(call))).isEqualTo(new RegistrationResult.Unavailable());
        assertThat(fx.calls.find(call.sid())).isEmpty();
    }

    @Test
    void aReport_recorded_whileTheDirectoryIsRebuilt_isRegistered_forTheRecordBringsItBack() {
        Call call = aCall().build();
        fx.calls.loseEverything();

        assertThat(fx.registrations.report(reported(call))).isEqualTo(new RegistrationResult.Registered());
        assertThat(fx.record.appended()).containsExactly(call);
    }

    @Test
    void withPrefetch_aCompletedRecording_isRequestedAtOnce_once() {
        RegisterCallService service = fx.registrationsWithPrefetch(true);
        Call call = aCall().build();

        service.learn(reported(call));
        service.learn(reported(call));

        assertThat(fx.queue.queued()).singleElement()
                .satisfies(request -> assertThat(request.reason()).isEqualTo(DownloadReason.PREFETCH));
    }

    @Test
    void withPrefetch_aReplayedReportOfARecordingAlreadyDownloaded_requestsNothing() {
        RegisterCallService service = fx.registrationsWithPrefetch(true);
        Call call = aCall().build();
        DownloadStatus ready = DownloadStatus.ready(call.sid(), 10, NOW);
        fx.statuses.save(ready);

        service.report(reported(call));

        assertThat(fx.queue.queued()).isEmpty();
        assertThat(fx.statuses.find(call.sid())).as("not claimed: no budget spent").contains(ready);
    }

    @Test
    void aReportThatTheOwnerRefuses_isNotRecorded() {
        Call owned = aCall().build();
        fx.registrations.report(reported(owned));
        Call claimedByAnother = aCall().withSid(owned.sid()).ownedBy(TestIds.aBusiness()).build();

        RegistrationResult result = fx.registrations.report(reported(claimedByAnother));

        assertThat(result).isEqualTo(new RegistrationResult.Refused(owned.business()));
        assertThat(fx.record.appended()).containsExactly(owned);
    }

    @Test
    void withPrefetch_anIncompleteRecording_isNotRequested() {
        fx.registrationsWithPrefetch(true).learn(new CallRegistration(aCall().build(), false, null));

        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void factsFromAnotherBusiness_areRefused_andPrefetchNothing() {
        RegisterCallService service = fx.registrationsWithPrefetch(true);
        Call owned = aCall().build();
        service.learn(new CallRegistration(owned, false, null));

        RegistrationResult result = service.learn(reported(aCall().withSid(owned.sid()).ownedBy(TestIds.aBusiness()).build()));

        assertThat(result).isEqualTo(new RegistrationResult.Refused(owned.business()));
        assertThat(fx.calls.find(owned.sid())).contains(owned);
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void aReportedRecording_clearsANoRecordingOrUnavailableFailure_soTheNextPlayRequestsItAnew() {
        for (FailureCause cause : new FailureCause[] {FailureCause.CALL_HAS_NO_RECORDING, FailureCause.RECORDING_NOT_FOUND}) {
            Call call = aCall().withoutKnownRecording().build();
            fx.calls.register(call, null);
            fx.statuses.save(DownloadStatus.failed(call.sid(), cause, NOW));

            fx.registrations.report(reported(Call.identifiedBy(call.sid(), call.business())
                    .withRecording(TestIds.aRecordingSid(), NOW)));

            assertThat(fx.statuses.find(call.sid())).as(cause.name()).isEmpty();
        }
    }

    @Test
    void factsWithoutARecording_orAnExpiryFailure_leaveTheStatusAlone() {
        Call call = aCall().build();
        fx.calls.register(call, null);
        DownloadStatus noRecording = DownloadStatus.failed(call.sid(), FailureCause.CALL_HAS_NO_RECORDING, NOW);
        fx.statuses.save(noRecording);

        fx.registrations.learn(reported(aCall().withSid(call.sid()).ownedBy(call.business()).withoutKnownRecording()
                .build()));
        assertThat(fx.statuses.find(call.sid())).contains(noRecording);

        DownloadStatus expired = DownloadStatus.failed(call.sid(), FailureCause.RECORDING_EXPIRED, NOW);
        fx.statuses.save(expired);
        fx.registrations.learn(reported(call));
        assertThat(fx.statuses.find(call.sid())).contains(expired);
    }
}
