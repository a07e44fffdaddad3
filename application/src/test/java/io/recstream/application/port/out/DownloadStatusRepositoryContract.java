package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadProgress;
import io.recstream.domain.DownloadStatus;
import io.recstream.domain.FailureCause;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
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
                DownloadStatus.downloading(sid, new DownloadProgress(1024, 4096L, ".partial-name"), NOW),
                DownloadStatus.downloading(sid, new DownloadProgress(7, null, null), NOW),
                DownloadStatus.ready(sid, 12345, NOW), DownloadStatus.failed(sid, FailureCause.RECORDING_NOT_FOUND, NOW))) {
            repository().save(status);
            assertThat(repository().find(sid)).contains(status);
        }
    }

    @Test
    void manyStatuses_readAtOnce_areEachOneAsFoundAlone_andAJobWithoutOneIsLeftOut() {
        CallSid downloading = TestIds.aCallSid();
        CallSid failed = TestIds.aCallSid();
        CallSid unknown = TestIds.aCallSid();
        repository().save(DownloadStatus.downloading(downloading, NOW));
        repository().save(DownloadStatus.failed(failed, FailureCause.RECORDING_NOT_FOUND, NOW));

        assertThat(repository().findAll(List.of(downloading, unknown, failed))).containsOnly(
                Map.entry(downloading, repository().find(downloading).orElseThrow()),
                Map.entry(failed, repository().find(failed).orElseThrow()));
        assertThat(repository().findAll(List.of())).isEmpty();
    }

    @Test
    void aClaimOnNoStatus_wins_once_andTheOthersFindTheWinnersClaim() {
        CallSid sid = TestIds.aCallSid();
        assertThat(repository().claimOrFind(DownloadStatus.requested(sid, NOW))).isEmpty();
        assertThat(repository().claimOrFind(DownloadStatus.requested(sid, NOW.plusMillis(5))))
                .contains(DownloadStatus.requested(sid, NOW));
        assertThat(repository().find(sid)).contains(DownloadStatus.requested(sid, NOW));
    }

    @Test
    void aClaimOnAnyStatus_answersIt_andLeavesItAlone() {
        CallSid sid = TestIds.aCallSid();
        DownloadStatus downloading = DownloadStatus.downloading(sid, new DownloadProgress(10, 100L, "partial-1"), NOW);
        repository().save(downloading);

        assertThat(repository().claimOrFind(DownloadStatus.requested(sid, NOW.plusSeconds(1)))).contains(downloading);
        assertThat(repository().find(sid)).contains(downloading);
    }

    @Test
    void ofManyConcurrentClaims_onNoStatus_exactlyOneWins() throws Exception {
        CallSid sid = TestIds.aCallSid();
        assertThat(winnersOf(64, i -> repository().claimOrFind(DownloadStatus.requested(sid, NOW.plusMillis(i)))
                .isEmpty())).isEqualTo(1);
    }

    @Test
    void ofManyConcurrentClaims_onTheSameSeenStatus_exactlyOneWins() throws Exception {
        CallSid sid = TestIds.aCallSid();
        DownloadStatus seen = DownloadStatus.ready(sid, 10, NOW);
        repository().save(seen);
        assertThat(winnersOf(64, i -> repository().claimRequest(DownloadStatus.requested(sid, NOW.plusMillis(i + 1)),
                seen))).isEqualTo(1);
    }

    /** How many of {@code count} claims, made at once from 16 threads, said they won. */
    private static long winnersOf(int count, IntPredicate claim) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Boolean>> claims = IntStream.range(0, count)
                    .<Callable<Boolean>>mapToObj(i -> () -> claim.test(i)).toList();
            long winners = 0;
            for (Future<Boolean> result : pool.invokeAll(claims)) {
                winners += result.get() ? 1 : 0;
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aClaimOnAStatusThatChangedMeanwhile_loses_andLeavesItAlone() {
        CallSid sid = TestIds.aCallSid();
        DownloadStatus seen = DownloadStatus.failed(sid, FailureCause.PROVIDER_ERROR, NOW);
        repository().save(seen);
        DownloadStatus meanwhile = DownloadStatus.requested(sid, NOW.plusSeconds(1));
        repository().save(meanwhile);

        assertThat(repository().claimRequest(DownloadStatus.requested(sid, NOW.plusSeconds(2)), seen)).isFalse();
        assertThat(repository().find(sid)).contains(meanwhile);
    }

    @Test
    void aClaimOnTheStatusSeen_replacesIt() {
        CallSid sid = TestIds.aCallSid();
        DownloadStatus seen = DownloadStatus.failed(sid, FailureCause.PROVIDER_ERROR, NOW);
        repository().save(seen);

        assertThat(repository().claimRequest(DownloadStatus.requested(sid, NOW.plus(COOL_DOWN)), seen)).isTrue();
        assertThat(repository().find(sid)).contains(DownloadStatus.requested(sid, NOW.plus(COOL_DOWN)));
    }

    @Test
    void clearedJob_canBeClaimedAgain() {
        CallSid sid = TestIds.aCallSid();
        repository().claimOrFind(DownloadStatus.requested(sid, NOW));
        repository().clear(sid);
        assertThat(repository().find(sid)).isEmpty();
        assertThat(repository().claimOrFind(DownloadStatus.requested(sid, NOW))).isEmpty();
    }
}
