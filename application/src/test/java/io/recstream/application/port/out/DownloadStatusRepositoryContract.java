package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadState;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link DownloadStatusRepository} must do; each implementation's test extends this. */
public abstract class DownloadStatusRepositoryContract {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration COOL_DOWN = Duration.ofSeconds(30);

    protected abstract DownloadStatusRepository repository();

    @Test
    void unknownJob_hasNoStatus() {
        assertThat(repository().find(TestIds.aCallSid())).isEmpty();
    }

    @Test
    void savedStatuses_roundTrip() {
        CallSid sid = TestIds.aCallSid();
        for (DownloadStatus status : List.of(DownloadStatus.requested(sid, NOW), DownloadStatus.downloading(sid, NOW),
                DownloadStatus.ready(sid, 12345, NOW), DownloadStatus.failed(sid, FailureCause.RECORDING_NOT_FOUND, NOW))) {
            repository().save(status);
            assertThat(repository().find(sid)).contains(status);
        }
    }

    @Test
    void firstClaim_wins_andMarksTheJobRequested() {
        CallSid sid = TestIds.aCallSid();
        assertThat(repository().claimRequest(sid, NOW, COOL_DOWN)).isTrue();
        assertThat(repository().claimRequest(sid, NOW, COOL_DOWN)).isFalse();
        assertThat(repository().find(sid)).contains(DownloadStatus.requested(sid, NOW));
    }

    @Test
    void ofManyConcurrentClaims_exactlyOneWins() throws Exception {
        CallSid sid = TestIds.aCallSid();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, 64)
                    .<Callable<Boolean>>mapToObj(i -> () -> repository().claimRequest(sid, NOW, COOL_DOWN)).toList();
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void jobInFlight_cannotBeClaimed() {
        CallSid sid = TestIds.aCallSid();
        repository().save(DownloadStatus.downloading(sid, NOW));
        assertThat(repository().claimRequest(sid, NOW, COOL_DOWN)).isFalse();
        assertThat(repository().find(sid).orElseThrow().state()).isEqualTo(DownloadState.DOWNLOADING);
    }

    @Test
    void permanentFailure_cannotBeClaimed() {
        CallSid sid = TestIds.aCallSid();
        repository().save(DownloadStatus.failed(sid, FailureCause.RECORDING_NOT_FOUND, NOW));
        assertThat(repository().claimRequest(sid, NOW, COOL_DOWN)).isFalse();
    }

    @Test
    void transientFailure_canBeClaimedAgain_onlyAfterItsCoolDown() {
        CallSid failed = TestIds.aCallSid();
        repository().save(DownloadStatus.failed(failed, FailureCause.PROVIDER_ERROR, NOW));

        assertThat(repository().claimRequest(failed, NOW.plus(COOL_DOWN).minusMillis(1), COOL_DOWN)).isFalse();
        assertThat(repository().claimRequest(failed, NOW.plus(COOL_DOWN), COOL_DOWN)).isTrue();
        assertThat(repository().find(failed)).contains(DownloadStatus.requested(failed, NOW.plus(COOL_DOWN)));
    }

    @Test
    void staleReady_canBeClaimedAgain() {
        CallSid evicted = TestIds.aCallSid();
        repository().save(DownloadStatus.ready(evicted, 10, NOW));
        assertThat(repository().claimRequest(evicted, NOW, COOL_DOWN)).isTrue();
        assertThat(repository().find(evicted)).contains(DownloadStatus.requested(evicted, NOW));
    }

    @Test
    void clearedJob_canBeClaimedAgain() {
        CallSid sid = TestIds.aCallSid();
        repository().claimRequest(sid, NOW, COOL_DOWN);
        repository().clear(sid);
        assertThat(repository().find(sid)).isEmpty();
        assertThat(repository().claimRequest(sid, NOW, COOL_DOWN)).isTrue();
    }
}
