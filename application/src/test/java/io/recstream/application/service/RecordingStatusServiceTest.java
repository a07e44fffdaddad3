package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.service.Fixture.viewerOf;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.AccessDenial;
import io.recstream.application.port.in.RecordingAvailability;
import io.recstream.application.port.in.RecordingStatusQuery;
import io.recstream.application.port.in.RecordingStatusResult;
import io.recstream.application.port.in.RecordingStatusView;
import io.recstream.application.port.in.Viewer;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordingStatusServiceTest {

    private final Fixture fx = new Fixture();

    private RecordingStatusView statusOf(Call call) {
        RecordingStatusResult result = fx.status.statusOf(new RecordingStatusQuery(viewerOf(call), call.business(), call.sid()));
        return ((RecordingStatusResult.Known) result).view();
    }

    @Test
    void statusFollowsTheJob_fromNotCachedToReady() {
        Call call = fx.known(aCall().build(), new byte[] {1, 2, 3, 4});
        assertThat(statusOf(call)).isEqualTo(new RecordingStatusView(call.sid(), RecordingAvailability.NOT_CACHED, null, null));

        fx.statuses.claimOrFind(DownloadStatus.requested(call.sid(), NOW));
        assertThat(statusOf(call).availability()).isEqualTo(RecordingAvailability.PROCESSING);

        fx.worker.process(new DownloadRequest(call.sid(), call.business(), null, NOW, DownloadReason.PLAYBACK));
        assertThat(statusOf(call)).isEqualTo(new RecordingStatusView(call.sid(), RecordingAvailability.READY, 4L, NOW));
    }

    @Test
    void failedAndExpiredRecordings_saySo() {
        Call failed = fx.known(aCall().build(), new byte[] {1});
        fx.statuses.save(DownloadStatus.failed(failed.sid(), FailureCause.RECORDING_NOT_FOUND, NOW));
        Call expired = fx.known(aCall().recordedAgo(Duration.ofDays(30), NOW).build(), new byte[] {1});

        assertThat(statusOf(failed).availability()).isEqualTo(RecordingAvailability.FAILED);
        assertThat(statusOf(failed).knownFailure()).as("why, for the row").contains(FailureCause.RECORDING_NOT_FOUND);
        assertThat(statusOf(expired).availability()).isEqualTo(RecordingAvailability.EXPIRED);
        assertThat(statusOf(expired).knownFailure()).isEmpty();
    }

    @Test
    void statusIsTenantChecked_andTriggersNoDownload() {
        Call call = fx.known(aCall().build(), new byte[] {1});
        Viewer stranger = new Viewer("x", Set.of(TestIds.aBusiness()));

        assertThat(fx.status.statusOf(new RecordingStatusQuery(stranger, call.business(), call.sid())))
                .isEqualTo(new RecordingStatusResult.Denied(AccessDenial.BUSINESS_FORBIDDEN));
        statusOf(call);
        assertThat(fx.queue.queued()).isEmpty();
    }
}
