package io.recstream.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What every {@link RecordingReadiness} must do; each implementation's test extends this. */
public abstract class RecordingReadinessContract {

    /** The readiness of the instance that holds a request. */
    protected abstract RecordingReadiness waitingInstance();

    /** The readiness of the instance whose worker finished the download (for a shared one, another instance). */
    protected abstract RecordingReadiness announcingInstance();

    private CompletableFuture<Instant> waitFor(CallSid sid, Duration maxWait) {
        return CompletableFuture.supplyAsync(() -> {
            try (RecordingReadiness.Announcement announcement = waitingInstance().expect(sid)) {
                announcement.await(maxWait);
            }
            return Instant.now();
        });
    }

    /** Announces until a waiter wakes: the instances' channel may take a moment to be connected at first. */
    private Instant wakeAWaiter(CallSid sid) {
        CompletableFuture<Instant> woke = waitFor(sid, Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            announcingInstance().announce(sid);
            return woke.isDone();
        });
        return woke.join();
    }

    @Test
    void anAnnouncement_wakesAWaiter_atOnce() {
        Instant start = Instant.now();
        assertThat(Duration.between(start, wakeAWaiter(TestIds.aCallSid()))).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void anAnnouncementMadeAfterListeningButBeforeWaiting_isNotMissed() {
        wakeAWaiter(TestIds.aCallSid());
        CallSid sid = TestIds.aCallSid();
        try (RecordingReadiness.Announcement announcement = waitingInstance().expect(sid)) {
            Instant start = Instant.now();
            announcingInstance().announce(sid);
            announcement.await(Duration.ofSeconds(20));
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void anAnnouncementOfAnotherCall_wakesNobody_andTheWaitEndsAtItsLimit() {
        CallSid sid = TestIds.aCallSid();
        Instant start = Instant.now();
        CompletableFuture<Instant> woke = waitFor(sid, Duration.ofMillis(600));

        announcingInstance().announce(TestIds.aCallSid());

        assertThat(Duration.between(start, woke.join())).isGreaterThanOrEqualTo(Duration.ofMillis(590));
    }
}
