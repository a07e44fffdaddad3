package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.DownloadRequestResult;
import io.recstream.application.port.in.Unavailability;
import io.recstream.application.testing.InMemoryDownloadBudget;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RequestDownloadServiceTest {

    private final Fixture fx = new Fixture();
    private final DownloadRequest request =
            new DownloadRequest(TestIds.aCallSid(), TestIds.aBusiness(), null, NOW, DownloadReason.PLAYBACK);

    @Test
    void eightyConcurrentRequests_publishOneCommand() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            var requests = IntStream.range(0, 80)
                    .<Callable<DownloadRequestResult>>mapToObj(i -> () -> fx.requestDownload.requestDownload(request))
                    .toList();
            long published = 0;
            for (var outcome : pool.invokeAll(requests)) {
                published += outcome.get() instanceof DownloadRequestResult.Requested ? 1 : 0;
            }
            assertThat(published).isEqualTo(1);
            assertThat(fx.queue.queued()).containsExactly(request);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void unreachableQueue_releasesTheClaim_andReportsIt() {
        fx.queue.makeUnreachable(true);

        assertThat(fx.requestDownload.requestDownload(request))
                .isEqualTo(new DownloadRequestResult.Unavailable(Unavailability.DOWNLOAD_QUEUE));
        assertThat(fx.statuses.find(request.callSid())).isEmpty();
        assertThat(fx.statuses.isConfirmed(DownloadStatus.requested(request.callSid(), NOW))).isFalse();
    }

    @Test
    void aClaim_isConfirmedOnlyOnceItsCommandIsPublished() {
        DownloadStatus claim = DownloadStatus.requested(request.callSid(), NOW);

        assertThat(fx.requestDownload.requestDownload(request)).isEqualTo(new DownloadRequestResult.Requested());

        assertThat(fx.queue.queued()).containsExactly(request);
        assertThat(fx.statuses.find(request.callSid())).contains(claim);
        assertThat(fx.statuses.isConfirmed(claim)).isTrue();
    }

    @Test
    void aJobInFlight_orAPermanentFailure_orATransientOneCoolingDown_publishNothing_andSayWhich() {
        Map<DownloadStatus, DownloadRequestResult> expected = Map.of(
                DownloadStatus.downloading(request.callSid(), NOW), DownloadRequestResult.AlreadyRequested.inFlight(),
                DownloadStatus.downloading(request.callSid(), new DownloadProgress(10, 100L, "partial"), NOW),
                new DownloadRequestResult.AlreadyRequested(Optional.of(new DownloadProgress(10, 100L, "partial"))),
                DownloadStatus.failed(request.callSid(), FailureCause.RECORDING_NOT_FOUND, NOW.minusSeconds(3600)),
                new DownloadRequestResult.FailedForGood(FailureCause.RECORDING_NOT_FOUND),
                DownloadStatus.failed(request.callSid(), FailureCause.PROVIDER_ERROR, NOW.minusSeconds(1)),
                new DownloadRequestResult.CoolingDown(FailureCause.PROVIDER_ERROR,
                        NOW.minusSeconds(1).plus(Fixture.COOL_DOWN)));
        expected.forEach((status, result) -> {
            fx.statuses.save(status);
            assertThat(fx.requestDownload.requestDownload(request)).as(status.toString()).isEqualTo(result);
        });
        assertThat(fx.queue.queued()).isEmpty();
    }

    @Test
    void aTransientFailurePastItsCoolDown_orAStaleReady_areRequestedAgain() {
        fx.statuses.save(DownloadStatus.failed(request.callSid(), FailureCause.PROVIDER_ERROR,
                NOW.minus(Fixture.COOL_DOWN)));
        assertThat(fx.requestDownload.requestDownload(request)).isEqualTo(new DownloadRequestResult.Requested());

        fx.statuses.save(DownloadStatus.ready(request.callSid(), 10, NOW));
        assertThat(fx.requestDownload.requestDownload(request)).isEqualTo(new DownloadRequestResult.Requested());
        assertThat(fx.queue.queued()).hasSize(2);
    }

    @Test
    void aBusinessPastItsBudget_isLimited_theClaimGivenBack_andTheCrowdOnOneCallCostsOne() {
        InMemoryDownloadBudget oneAMinute = new InMemoryDownloadBudget(1, Duration.ofMinutes(1), fx.clock);
        RequestDownloadService limited = new RequestDownloadService(fx.statuses, fx.queue, oneAMinute, Fixture.COOL_DOWN,
                fx.clock);
        DownloadRequest another = new DownloadRequest(TestIds.aCallSid(), request.business(), null, NOW,
                DownloadReason.PLAYBACK);

        assertThat(limited.requestDownload(request)).isEqualTo(new DownloadRequestResult.Requested());
        assertThat(limited.requestDownload(request)).as("the same call again").isEqualTo(
                DownloadRequestResult.AlreadyRequested.inFlight());
        assertThat(limited.requestDownload(another)).isEqualTo(new DownloadRequestResult.Limited(Duration.ofMinutes(1)));
        assertThat(fx.statuses.find(another.callSid())).isEmpty();
        assertThat(fx.queue.queued()).containsExactly(request);
    }
}
