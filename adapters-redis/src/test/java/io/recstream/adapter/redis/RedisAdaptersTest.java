package io.recstream.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallDirectoryContract;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadLockContract;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.DownloadStatusRepositoryContract;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The Redis adapters against a real Redis server, each held to its port's shared contract. */
class RedisAdaptersTest {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopRenewer() {
        RENEWER.shutdownNow();
    }

    @Nested
    class CallDirectoryInRedis extends CallDirectoryContract {
        @Override
        protected CallDirectory directory() {
            return new RedisCallDirectory(REDIS.template());
        }
    }

    @Nested
    class CallsSeenByTwoInstances {
        @Test
        void theListShowsDetailsAnotherInstanceRegistered_evenIfThisOneRememberedTheCallWithout() {
            RedisCallDirectory here = new RedisCallDirectory(REDIS.template());
            RedisCallDirectory elsewhere = new RedisCallDirectory(REDIS.template());
            var business = TestIds.aBusiness();
            var sid = TestIds.aCallSid();
            here.register(io.recstream.domain.Call.identifiedBy(sid, business));
            here.find(sid);
            var details = new io.recstream.domain.CallDetails(io.recstream.domain.Direction.INBOUND, "+1", "+2",
                    Instant.parse("2026-11-20T10:00:00Z"), 5);
            elsewhere.register(io.recstream.domain.Call.identifiedBy(sid, business).withDetails(details));

            assertThat(here.listCalls(business, null, 10, null).calls()).singleElement()
                    .satisfies(call -> assertThat(call.details()).isEqualTo(details));
        }
    }

    @Nested
    class StatusRepositoryInRedis extends DownloadStatusRepositoryContract {
        @Override
        protected DownloadStatusRepository repository() {
            return new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMinutes(1), Duration.ofMinutes(5));
        }

        @Test
        void jobInFlight_expires_soAVanishedWorkerDoesNotBlockItForever() {
            var repository = new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMillis(300), Duration.ofMinutes(5));
            CallSid sid = TestIds.aCallSid();
            repository.save(DownloadStatus.downloading(sid, Instant.now()));

            await().atMost(Duration.ofSeconds(5)).until(() -> repository.find(sid).isEmpty());
            assertThat(repository.claimRequest(sid, Instant.now(), Duration.ofSeconds(30))).isTrue();
        }
    }

    @Nested
    class LockInRedis extends DownloadLockContract {
        @Override
        protected DownloadLock lock() {
            return new RedisLocks(REDIS.template(), Duration.ofSeconds(30), RENEWER);
        }

        @Test
        void heldLease_isRenewed_pastItsTtl() {
            var shortLock = new RedisLocks(REDIS.template(), Duration.ofMillis(300), RENEWER);
            CallSid sid = TestIds.aCallSid();
            try (LockLease lease = shortLock.tryAcquire(sid).orElseThrow()) {
                Instant threeTtlsLater = Instant.now().plusMillis(900);
                await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().isAfter(threeTtlsLater));
                assertThat(lease.isHeld()).isTrue();
                assertThat(shortLock.tryAcquire(sid)).isEmpty();
            }
        }

        @Test
        void taskLocks_letOneHolderAtATime_andAreApartFromDownloadLocks() {
            var locks = new RedisLocks(REDIS.template(), Duration.ofSeconds(30), RENEWER);
            try (LockLease first = locks.tryAcquire("sweep").orElseThrow()) {
                assertThat(locks.tryAcquire("sweep")).isEmpty();
                assertThat(first.isHeld()).isTrue();
                locks.tryAcquire("another-task").orElseThrow().close();
            }
            locks.tryAcquire("sweep").orElseThrow().close();
        }

        @Test
        void leaseOfADeadHolder_expires() {
            var shortLock = new RedisLocks(REDIS.template(), Duration.ofMillis(300), RENEWER);
            CallSid sid = TestIds.aCallSid();
            // A holder that died: its key is in Redis, but no one renews it.
            REDIS.template().opsForValue().set(RedisKeys.lock(sid), "dead-holder", Duration.ofMillis(300));

            await().atMost(Duration.ofSeconds(5)).until(() -> shortLock.tryAcquire(sid).isPresent());
        }
    }

    @Nested
    class ReadinessOverPubSub {
        @Test
        void announcement_wakesAWaiter_onAnotherConnection() throws Exception {
            RedisMessageListenerContainer container = new RedisMessageListenerContainer();
            container.setConnectionFactory(REDIS.connections());
            RedisRecordingReadiness waitingInstance = new RedisRecordingReadiness(REDIS.template());
            container.addMessageListener(waitingInstance, new ChannelTopic(RedisRecordingReadiness.channel()));
            container.afterPropertiesSet();
            container.start();
            try {
                RedisRecordingReadiness announcingInstance = new RedisRecordingReadiness(REDIS.template());
                CallSid sid = TestIds.aCallSid();
                CompletableFuture<Instant> woke = CompletableFuture.supplyAsync(() -> {
                    waitingInstance.awaitAnnouncement(sid, Duration.ofSeconds(20));
                    return Instant.now();
                });
                // Announce until the waiter has subscribed and woken; a missed early announcement is fine.
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    announcingInstance.announce(sid);
                    return woke.isDone();
                });
                assertThat(woke.get()).isBefore(Instant.now().plusSeconds(1));
            } finally {
                container.stop();
                container.destroy();
            }
        }

        @Test
        void withoutAnnouncement_theWaitEndsAtItsLimit() {
            RedisRecordingReadiness readiness = new RedisRecordingReadiness(REDIS.template());
            Instant start = Instant.now();
            readiness.awaitAnnouncement(TestIds.aCallSid(), Duration.ofMillis(200));
            assertThat(Duration.between(start, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(190));
        }
    }
}
