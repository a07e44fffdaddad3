package io.recstream.adapter.redis;

import static io.recstream.application.testing.CallBuilder.aCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallDirectoryContract;
import io.recstream.application.port.out.CallPage;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.ClusterLockContract;
import io.recstream.application.port.out.DownloadBudget;
import io.recstream.application.port.out.DownloadBudgetContract;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadLockContract;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.DownloadStatusRepositoryContract;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingReadinessContract;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.application.testing.TestIds;
import io.recstream.domain.BusinessId;
import io.recstream.domain.Call;
import io.recstream.domain.CallFilter;
import io.recstream.domain.CallSearch;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.redis.core.RedisCallback;
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

    /** Far past any test call's age, so that none expires while the contract runs; expiry is tested apart. */
    private static final Duration KEEP_LONG = Duration.ofDays(3650);
    /** The default freshness of what an instance remembers of a call. */
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);

    @Nested
    class CallDirectoryInRedis extends CallDirectoryContract {
        private final RedisCallDirectory here = new RedisCallDirectory(REDIS.template(), KEEP_LONG, Clock.systemUTC(), FRESH_FOR);
        private final RedisCallDirectory elsewhere = new RedisCallDirectory(REDIS.template(), KEEP_LONG, Clock.systemUTC(), FRESH_FOR);

        @Override
        protected CallDirectory directory() {
            return here;
        }

        @Override
        protected CallDirectory anotherInstance() {
            return elsewhere;
        }

        @Override
        protected void loseEverything() {
            REDIS.template().execute((RedisCallback<Object>) connection -> {
                connection.serverCommands().flushAll();
                return null;
            });
        }

        /**
         * Redis reads a search's range in chunks: matches far apart, past many that don't, are all found, in order. The
         * others end with the same four digits, so they share the matches' index.
         */
        @Test
        void aSearch_findsMatchesAcrossChunksOfTheIndex_pageAfterPage() {
            BusinessId business = TestIds.aBusiness();
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(1));
            List<Call> matching = new ArrayList<>();
            for (int minute = 0; minute < 1200; minute++) {
                boolean match = minute == 0 || minute == 700 || minute == 1199;
                Call call = here.register(aCall().ownedBy(business).startedAt(start.plusSeconds(60L * minute))
                        .between(match ? "+15557770123" : "+1555" + (1000 + minute) + "0123", "+15559990000").build(),
                        null);
                if (match) {
                    matching.add(0, call);
                }
            }
            CallFilter search = new CallFilter(null, null, null, CallSearch.parse("5777-0123"));

            CallPage first = here.listCalls(business, search, 2, null);
            CallPage second = here.listCalls(business, search, 2, first.next());

            assertThat(first.calls()).containsExactlyElementsOf(matching.subList(0, 2));
            assertThat(second.calls()).containsExactly(matching.get(2));
            assertThat(second.next()).isNull();
        }

        @Test
        void whileTheDirectoryIsRebuilt_aCallThisInstanceKnowsAsAuthoritativelyOwned_isFoundHowever_longAgoItWasSeen() {
            RedisCallDirectory alwaysAsking = new RedisCallDirectory(REDIS.template(), KEEP_LONG, Clock.systemUTC(),
                    Duration.ZERO);
            Call owned = alwaysAsking.register(aCall().build(), null);
            Call assumed = alwaysAsking.register(aCall().provisional().build(), null);
            assertThat(alwaysAsking.find(owned.sid())).contains(owned);

            loseEverything();

            assertThat(alwaysAsking.find(owned.sid())).as("its owner never changes").contains(owned);
            assertThatThrownBy(() -> alwaysAsking.find(assumed.sid())).as("it may give way to another business")
                    .isInstanceOf(SharedStateUnavailableException.class);
            assertThatThrownBy(() -> here.find(owned.sid())).as("an instance that never saw it")
                    .isInstanceOf(SharedStateUnavailableException.class);
        }

        @Test
        void aCallsEntries_expireADayPastTheRetention_listingIncluded() {
            Instant now = Instant.now();
            RedisCallDirectory directory = new RedisCallDirectory(REDIS.template(), Duration.ofSeconds(3),
                    Clock.fixed(now, ZoneOffset.UTC), FRESH_FOR);
            BusinessId business = TestIds.aBusiness();
            Call call = aCall().ownedBy(business).startedAt(now.minusSeconds(1)).withoutKnownRecording().build();
            directory.register(call, null);
            assertThat(REDIS.template().getExpire(RedisKeys.call(call.sid()), TimeUnit.MILLISECONDS))
                    .isBetween(1L, 2_000L);
            assertThat(REDIS.template().getExpire(RedisKeys.businessCalls(business), TimeUnit.MILLISECONDS))
                    .isBetween(1L, 3_000L);

            await().atMost(Duration.ofSeconds(5))
                    .until(() -> Boolean.FALSE.equals(REDIS.template().hasKey(RedisKeys.call(call.sid()))));
        }

        @Test
        void listingEntriesOfCallsPastTheRetention_arePruned_asNewCallsArrive() {
            Instant now = Instant.now();
            RedisCallDirectory directory = new RedisCallDirectory(REDIS.template(), Duration.ofHours(1),
                    Clock.fixed(now, ZoneOffset.UTC), FRESH_FOR);
            BusinessId business = TestIds.aBusiness();
            Call old = aCall().ownedBy(business).startedAt(now.minus(Duration.ofHours(2))).build();
            REDIS.template().opsForZSet().add(RedisKeys.businessCalls(business),
                    RedisKeys.listingMember(io.recstream.domain.CallCursor.of(old)), 0);

            directory.register(aCall().ownedBy(business).startedAt(now.minusSeconds(5)).build(), null);

            assertThat(REDIS.template().opsForZSet().size(RedisKeys.businessCalls(business))).isEqualTo(1);
        }
    }

    @Nested
    class StatusRepositoryInRedis extends DownloadStatusRepositoryContract {
        @Override
        protected DownloadStatusRepository repository() {
            return new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMinutes(1), Duration.ofMinutes(5),
                    Duration.ofMinutes(1));
        }

        @Test
        void jobInFlight_expires_soAVanishedWorkerDoesNotBlockItForever() {
            var repository = new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMillis(300), Duration.ofMinutes(5),
                    Duration.ofMillis(300));
            CallSid sid = TestIds.aCallSid();
            repository.save(DownloadStatus.downloading(sid, Instant.now()));

            await().atMost(Duration.ofSeconds(5)).until(() -> repository.find(sid).isEmpty());
            assertThat(repository.claimOrFind(DownloadStatus.requested(sid, Instant.now()))).isEmpty();
        }

        @Test
        void aClaimNeverConfirmed_expiresWithinItsTtl_aConfirmedOneLastsAsAJobInFlight() {
            var repository = new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMinutes(1),
                    Duration.ofMinutes(5), Duration.ofMillis(300));
            DownloadStatus stranded = DownloadStatus.requested(TestIds.aCallSid(), Instant.now());
            DownloadStatus published = DownloadStatus.requested(TestIds.aCallSid(), Instant.now());
            assertThat(repository.claimOrFind(stranded)).isEmpty();
            assertThat(repository.claimOrFind(published)).isEmpty();
            repository.confirmRequest(published);

            await().atMost(Duration.ofSeconds(5)).until(() -> repository.find(stranded.callSid()).isEmpty());
            assertThat(repository.find(published.callSid())).contains(published);
            assertThat(REDIS.template().getExpire(RedisKeys.job(published.callSid()), TimeUnit.SECONDS))
                    .isGreaterThan(30);
        }

        @Test
        void confirmingAClaimThatAWorkerMovedOn_leavesTheWorkersStatusAsItIs() {
            var repository = new RedisDownloadStatusRepository(REDIS.template(), Duration.ofMinutes(1),
                    Duration.ofMinutes(5), Duration.ofMillis(300));
            DownloadStatus claim = DownloadStatus.requested(TestIds.aCallSid(), Instant.now());
            repository.claimOrFind(claim);
            DownloadStatus ready = DownloadStatus.ready(claim.callSid(), 10, Instant.now().plusMillis(5));
            repository.save(ready);

            repository.confirmRequest(claim);

            assertThat(repository.find(claim.callSid())).contains(ready);
            assertThat(REDIS.template().getExpire(RedisKeys.job(claim.callSid()), TimeUnit.SECONDS))
                    .as("the settled TTL, not the in-flight one").isGreaterThan(120);
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
        void leaseOfADeadHolder_expires() {
            var shortLock = new RedisLocks(REDIS.template(), Duration.ofMillis(300), RENEWER);
            CallSid sid = TestIds.aCallSid();
            // A holder that died: its key is in Redis, but no one renews it.
            REDIS.template().opsForValue().set(RedisKeys.lock(sid), "dead-holder", Duration.ofMillis(300));

            await().atMost(Duration.ofSeconds(5)).until(() -> shortLock.tryAcquire(sid).isPresent());
        }
    }

    @Nested
    class ReadinessOverPubSub extends RecordingReadinessContract {
        private final RedisRecordingReadiness waiting = new RedisRecordingReadiness(REDIS.template());
        private final RedisRecordingReadiness announcing = new RedisRecordingReadiness(REDIS.template());
        private final RedisMessageListenerContainer container = new RedisMessageListenerContainer();

        @BeforeEach
        void subscribe() {
            container.setConnectionFactory(REDIS.connections());
            container.addMessageListener(waiting, new ChannelTopic(RedisRecordingReadiness.channel()));
            container.afterPropertiesSet();
            container.start();
        }

        @AfterEach
        void unsubscribe() throws Exception {
            container.stop();
            container.destroy();
        }

        @Override
        protected RecordingReadiness waitingInstance() {
            return waiting;
        }

        @Override
        protected RecordingReadiness announcingInstance() {
            return announcing;
        }
    }

    @Nested
    class TaskLockInRedis extends ClusterLockContract {
        private final RedisLocks here = new RedisLocks(REDIS.template(), Duration.ofSeconds(30), RENEWER);
        private final RedisLocks elsewhere = new RedisLocks(REDIS.template(), Duration.ofSeconds(30), RENEWER);

        @Override
        protected ClusterLock lock() {
            return here;
        }

        @Override
        protected ClusterLock anotherInstance() {
            return elsewhere;
        }
    }

    @Nested
    class DownloadBudgetInRedis extends DownloadBudgetContract {
        private final RedisDownloadBudget here = new RedisDownloadBudget(REDIS.template(), CAPACITY, WINDOW);
        private final RedisDownloadBudget elsewhere = new RedisDownloadBudget(REDIS.template(), CAPACITY, WINDOW);

        @Override
        protected DownloadBudget budget() {
            return here;
        }

        @Override
        protected DownloadBudget anotherInstance() {
            return elsewhere;
        }

        @Override
        protected DownloadBudget budgetOf(int capacity, Duration window) {
            return new RedisDownloadBudget(REDIS.template(), capacity, window);
        }

        /**
         * A burst of first plays on one instance takes its tokens together: each gets its own, and the bucket is
         * written a few times, not once per take (each write bumps its version). Taken one by one, they raced for the
         * same version, and the 202s of 80 first plays waited 800 ms at the median for their turn.
         */
        @Test
        void aCrowdTakingAtOnceOnOneInstance_isWrittenInAFewBatches() throws Exception {
            int crowd = 80;
            RedisDownloadBudget roomy = new RedisDownloadBudget(REDIS.template(), crowd, Duration.ofHours(1));
            BusinessId business = TestIds.aBusiness();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Optional<Duration>>> takes = new ArrayList<>();
            try (ExecutorService takers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < crowd; i++) {
                    takes.add(takers.submit(() -> {
                        start.await();
                        return roomy.tryTake(business);
                    }));
                }
                start.countDown();
                for (Future<Optional<Duration>> take : takes) {
                    assertThat(take.get()).isEmpty();
                }
            }
            assertThat(roomy.tryTake(business)).isPresent();

            Object writes = REDIS.template().opsForHash().get(RedisKeys.downloadBudget(business), "v");
            assertThat(Integer.parseInt(String.valueOf(writes))).isLessThanOrEqualTo(crowd / 4);
        }
    }
}
