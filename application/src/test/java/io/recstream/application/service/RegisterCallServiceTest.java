package io.recstream.application.service;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import org.junit.jupiter.api.Test;

class RegisterCallServiceTest {

    private final Fixture fx = new Fixture();

    @Test
    void registration_storesTheCall_withoutPrefetchByDefault() {
        RegisterCallService service = new RegisterCallService(fx.calls, fx.requestDownload, false, fx.clock);
        Call call = aCall().build();

        assertThat(service.register(new CallRegistration(call, true))).isTrue();
        assertThat(fx.calls.find(call.sid())).contains(call);
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void withPrefetch_aCompletedRecording_isRequestedAtOnce_once() {
        RegisterCallService service = new RegisterCallService(fx.calls, fx.requestDownload, true, fx.clock);
        Call call = aCall().build();

        service.register(new CallRegistration(call, true));
        service.register(new CallRegistration(call, true));

        assertThat(fx.queue.queued()).singleElement()
                .satisfies(request -> assertThat(request.reason()).isEqualTo(DownloadReason.PREFETCH));
    }

    @Test
    void withPrefetch_anIncompleteRecording_isNotRequested() {
        RegisterCallService service = new RegisterCallService(fx.calls, fx.requestDownload, true, fx.clock);

        service.register(new CallRegistration(aCall().build(), false));

        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void factsFromAnotherBusiness_areRefused() {
        RegisterCallService service = new RegisterCallService(fx.calls, fx.requestDownload, true, fx.clock);
        Call owned = aCall().build();
        service.register(new CallRegistration(owned, false));

        boolean accepted = service.register(new CallRegistration(aCall().withSid(owned.sid()).ownedBy(TestIds.aBusiness()).build(), true));

        assertThat(accepted).isFalse();
        assertThat(fx.calls.find(owned.sid())).contains(owned);
        assertThat(fx.queue.queued()).isEmpty();
    }
}
