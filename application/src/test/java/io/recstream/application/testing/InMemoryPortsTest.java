package io.recstream.application.testing;

import io.recstream.application.port.out.AudioDecoder;
import io.recstream.application.port.out.AudioDecoderContract;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordContract;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.ClusterLockContract;
import io.recstream.application.port.out.CallDirectoryContract;
import io.recstream.application.port.out.DownloadBudget;
import io.recstream.application.port.out.DownloadBudgetContract;
import io.recstream.application.port.out.DownloadEvents;
import io.recstream.application.port.out.DownloadEventsContract;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.DownloadQueue;
import io.recstream.application.port.out.DownloadQueueContract;
import io.recstream.application.port.out.DownloadLockContract;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.DownloadStatusRepositoryContract;
import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.PlayCacheContract;
import io.recstream.application.port.out.ProviderAvailability;
import io.recstream.application.port.out.ProviderAvailabilityContract;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.application.port.out.RecordingProviderContract;
import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.application.port.out.RecordingReadinessContract;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreContract;
import io.recstream.application.port.out.UndrawableRecordings;
import io.recstream.application.port.out.UndrawableRecordingsContract;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.Call;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadRequest;
import io.recstream.domain.RecordingSid;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;

/** The fakes pass the same contracts as the real adapters, so tests built on them can be trusted. */
class InMemoryPortsTest {

    @Nested
    class CallDirectoryFake extends CallDirectoryContract {
        private final InMemoryCallDirectory directory = new InMemoryCallDirectory();

        @Override
        protected CallDirectory directory() {
            return directory;
        }

        @Override
        protected CallDirectory anotherInstance() {
            return directory;
        }

        @Override
        protected void loseEverything() {
            directory.loseEverything();
        }
    }

    @Nested
    class RecordingStoreFake extends RecordingStoreContract {
        private final InMemoryRecordingStore store = new InMemoryRecordingStore(Clock.systemUTC());

        @Override
        protected RecordingStore store() {
            return store;
        }
    }

    @Nested
    class AudioDecoderFake extends AudioDecoderContract {
        @Override
        protected AudioDecoder decoder() {
            return new FakeAudioDecoder();
        }

        @Override
        protected byte[] audio() {
            return new byte[] {10, -20, 30};
        }

        @Override
        protected AudioFormat format() {
            return AudioFormat.MP3;
        }
    }

    @Nested
    class DownloadEventsFake extends DownloadEventsContract {
        private final RecordingDownloadEvents events = new RecordingDownloadEvents();

        @Override
        protected DownloadEvents events() {
            return events;
        }

        /** Memory has no listener to lose. */
        @Override
        protected DownloadEvents unreachableEvents() {
            return new RecordingDownloadEvents();
        }

        @Override
        protected List<Seen> seenBy(CallSid callSid, int count) {
            return events.published().stream().filter(outcome -> outcome.callSid().equals(callSid)).limit(count)
                    .map(Seen::of).toList();
        }
    }

    @Nested
    class ProviderAvailabilityFake extends ProviderAvailabilityContract {
        private static final Duration WAIT = Duration.ofSeconds(30);
        private final MutableClock clock = new MutableClock(Instant.now());
        private final SwitchableProviderAvailability availability = new SwitchableProviderAvailability(clock);

        @Override
        protected ProviderAvailability availability() {
            return availability;
        }

        @Override
        protected void failUntilUnavailable() {
            availability.open(WAIT);
        }

        @Override
        protected Duration longestWait() {
            return WAIT;
        }

        @Override
        protected void passTime(Duration time) {
            clock.advance(time.multipliedBy(100));
        }
    }

    @Nested
    class PlayCacheFake extends PlayCacheContract {
        private final MutableClock clock = new MutableClock(Instant.now());
        private final InMemoryRecordingStore store = new InMemoryRecordingStore(clock);

        @Override
        protected RecordingStore store() {
            return store;
        }

        @Override
        protected PlayCache cache() {
            return store;
        }

        @Override
        protected void later() {
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Nested
    class DownloadStatusRepositoryFake extends DownloadStatusRepositoryContract {
        private final InMemoryDownloadStatusRepository repository = new InMemoryDownloadStatusRepository();

        @Override
        protected DownloadStatusRepository repository() {
            return repository;
        }
    }

    @Nested
    class DownloadLockFake extends DownloadLockContract {
        private final InMemoryDownloadLock lock = new InMemoryDownloadLock();

        @Override
        protected DownloadLock lock() {
            return lock;
        }
    }

    @Nested
    class RecordingReadinessFake extends RecordingReadinessContract {
        private final InMemoryRecordingReadiness readiness = new InMemoryRecordingReadiness();

        @Override
        protected RecordingReadiness waitingInstance() {
            return readiness;
        }

        @Override
        protected RecordingReadiness announcingInstance() {
            return readiness;
        }
    }

    @Nested
    class ClusterLockFake extends ClusterLockContract {
        private final InMemoryDownloadLock lock = new InMemoryDownloadLock();

        @Override
        protected ClusterLock lock() {
            return lock;
        }

        @Override
        protected ClusterLock anotherInstance() {
            return lock;
        }
    }

    @Nested
    class RecordingProviderFake extends RecordingProviderContract {
        private final FakeRecordingProvider provider = new FakeRecordingProvider();

        @Override
        protected RecordingProvider provider() {
            return provider;
        }

        @Override
        protected void givenRecording(CallSid callSid, RecordingSid recordingSid, Instant createdAt, byte[] media) {
            provider.add(new RecordingMetadata(recordingSid, callSid, createdAt, RecordingMetadata.Availability.COMPLETED),
                    media);
        }

        @Override
        protected void givenCallWithoutRecording(CallSid callSid) {
            // the fake lists no recording for a call it was given none of
        }
    }

    @Nested
    class DownloadQueueFake extends DownloadQueueContract {
        private final RecordingDownloadQueue queue = new RecordingDownloadQueue();
        private final RecordingDownloadQueue unreachable = new RecordingDownloadQueue();

        @Override
        protected DownloadQueue queue() {
            return queue;
        }

        @Override
        protected DownloadQueue unreachableQueue() {
            unreachable.makeUnreachable(true);
            return unreachable;
        }

        @Override
        protected List<DownloadRequest> handedToWorkers(int count) {
            return queue.queued();
        }
    }

    @Nested
    class CallRecordFake extends CallRecordContract {
        private final InMemoryCallRecord record = new InMemoryCallRecord();
        private final InMemoryCallRecord unreachable = new InMemoryCallRecord();

        @Override
        protected CallRecord record() {
            return record;
        }

        @Override
        protected CallRecord unreachableRecord() {
            unreachable.makeUnreachable(true);
            return unreachable;
        }

        @Override
        protected void reportedByTelephony(Call call) {
            record.reported(call);
        }
    }

    @Nested
    class DownloadBudgetFake extends DownloadBudgetContract {
        private final InMemoryDownloadBudget budget = new InMemoryDownloadBudget(CAPACITY, WINDOW, Clock.systemUTC());

        @Override
        protected DownloadBudget budget() {
            return budget;
        }

        @Override
        protected DownloadBudget anotherInstance() {
            return budget;
        }

        @Override
        protected DownloadBudget budgetOf(int capacity, Duration window) {
            return new InMemoryDownloadBudget(capacity, window, Clock.systemUTC());
        }
    }

    @Nested
    class UndrawableRecordingsFake extends UndrawableRecordingsContract {
        private final InMemoryUndrawableRecordings memory = new InMemoryUndrawableRecordings();

        @Override
        protected UndrawableRecordings memory() {
            return memory;
        }
    }
}
