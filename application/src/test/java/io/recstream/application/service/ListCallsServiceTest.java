package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.service.Fixture.viewerOf;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.CallListResult;
import io.recstream.application.port.in.ListCallsQuery;
import io.recstream.application.port.in.ListedCall;
import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.Viewer;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.CallFilter;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ListCallsServiceTest {

    private final Fixture fx = new Fixture();
    private final ListCallsService service = new ListCallsService(fx.calls, fx.store, fx.statuses, fx.retention, fx.clock);

    @Test
    void listing_showsEachCallWithWhereItsRecordingStands_andRequestsNothing() {
        Call cached = fx.known(aCall().recordedAgo(Duration.ofHours(1), NOW).build(), new byte[] {1, 2});
        var business = cached.business();
        Call expired = fx.known(aCall().ownedBy(business).recordedAgo(Duration.ofDays(9), NOW).build(), new byte[] {1});
        Call notCached = fx.known(aCall().ownedBy(business).recordedAgo(Duration.ofHours(2), NOW).build(), new byte[] {1});
        fx.store.put(cached.sid(), new byte[] {1, 2});

        CallListResult result = service.listCalls(new ListCallsQuery(viewerOf(cached), business, CallFilter.ALL, 10, null));

        assertThat(((CallListResult.Listed) result).calls())
                .extracting(listed -> listed.call().sid(), listed -> listed.recording().availability())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(cached.sid(), RecordingAvailability.READY),
                        org.assertj.core.groups.Tuple.tuple(notCached.sid(), RecordingAvailability.NOT_CACHED),
                        org.assertj.core.groups.Tuple.tuple(expired.sid(), RecordingAvailability.EXPIRED));
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void listingAnotherBusiness_isForbidden() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        Viewer stranger = new Viewer("x", Set.of(TestIds.aBusiness()));

        assertThat(service.listCalls(new ListCallsQuery(stranger, call.business(), CallFilter.ALL, 10, null)))
                .isEqualTo(new CallListResult.Denied(AccessDenial.BUSINESS_FORBIDDEN));
    }

    @Test
    void pagesCarryTheCursorOfTheirLastCall() {
        Call newer = fx.known(aCall().recordedAgo(Duration.ofHours(1), NOW).build(), new byte[] {1});
        fx.known(aCall().ownedBy(newer.business()).recordedAgo(Duration.ofHours(2), NOW).build(), new byte[] {1});

        var page = (CallListResult.Listed) service.listCalls(
                new ListCallsQuery(viewerOf(newer), newer.business(), CallFilter.ALL, 1, null));

        assertThat(page.calls()).extracting(ListedCall::call).containsExactly(newer);
        assertThat(page.next()).isEqualTo(io.recstream.domain.CallCursor.of(newer));
    }
}
