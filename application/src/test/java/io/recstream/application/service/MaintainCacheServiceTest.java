package io.recstream.application.service;

import static io.recstream.application.service.Fixture.NOW;
import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.recstream.application.port.in.MaintainCacheUseCase.Report;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.Call;
import io.recstream.domain.DownloadStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MaintainCacheServiceTest {

    private final Fixture fx = new Fixture();

    private MaintainCacheService withBudget(long bytes) {
        return new MaintainCacheService(fx.calls, fx.store, fx.store, fx.statuses, fx.lock, fx.retention,
                new CacheBudget(bytes, 0), fx.clock);
    }

    @Test
    void expiredRecordings_areDeleted_withTheirStatus_andOnlyThey() {
        Call expired = fx.known(aCall().recordedAgo(Duration.ofDays(8), NOW).build(), new byte[] {1});
        Call fresh = fx.known(aCall().recordedAgo(Duration.ofDays(6), NOW).build(), new byte[] {1});
        fx.store.put(expired.sid(), new byte[] {1});
        fx.store.put(fresh.sid(), new byte[] {1});
        var unknownCall = TestIds.aCallSid();
        fx.store.put(unknownCall, new byte[] {1});
        fx.statuses.save(DownloadStatus.ready(expired.sid(), 1, NOW));

        Report report = withBudget(1_000_000).maintain();

        assertThat(report).isEqualTo(new Report(1, 0, true));
        assertThat(fx.store.storedRecordings()).containsExactlyInAnyOrder(fresh.sid(), unknownCall);
        assertThat(fx.statuses.find(expired.sid())).isEmpty();
    }

    @Test
    void pastTheBudget_theLeastRecentlyPlayedGo() {
        Call older = fx.known(aCall().build(), new byte[] {1});
        Call played = fx.known(aCall().build(), new byte[] {1});
        fx.store.put(older.sid(), new byte[100]);
        fx.clock.advance(Duration.ofSeconds(1));
        fx.store.put(played.sid(), new byte[100]);
        fx.clock.advance(Duration.ofSeconds(1));
        fx.store.markPlayed(older.sid());

        assertThat(withBudget(150).maintain()).isEqualTo(new Report(0, 1, true));
        assertThat(fx.store.storedRecordings()).containsExactly(older.sid());
    }

    @Test
    void whileAnotherInstanceSweepsTheRetention_thisOneStillKeepsItsOwnCacheWithinItsBudget() {
        Call expired = fx.known(aCall().recordedAgo(Duration.ofDays(8), NOW).build(), new byte[] {1});
        fx.store.put(TestIds.aCallSid(), new byte[100]);
        fx.clock.advance(Duration.ofSeconds(1));
        fx.store.put(expired.sid(), new byte[10]);
        try (var elsewhere = fx.lock.tryAcquire(MaintainCacheService.TASK).orElseThrow()) {
            assertThat(withBudget(50).maintain()).isEqualTo(new Report(0, 1, false));
        }
        assertThat(fx.store.storedRecordings()).containsExactly(expired.sid());
    }
}
