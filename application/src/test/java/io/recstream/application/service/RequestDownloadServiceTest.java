package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.recstream.application.port.out.DownloadQueueUnavailableException;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.DownloadReason;
import io.recstream.domain.DownloadRequest;
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
                    .<Callable<Boolean>>mapToObj(i -> () -> fx.requestDownload.requestDownload(request)).toList();
            long published = 0;
            for (var outcome : pool.invokeAll(requests)) {
                published += outcome.get() ? 1 : 0;
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

        assertThatThrownBy(() -> fx.requestDownload.requestDownload(request))
                .isInstanceOf(DownloadQueueUnavailableException.class);
        assertThat(fx.statuses.find(request.callSid())).isEmpty();
    }
}
