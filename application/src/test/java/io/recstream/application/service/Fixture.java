package io.recstream.application.service;

import io.recstream.application.port.in.Viewer;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.testing.ClockAdvancingReadiness;
import io.recstream.application.testing.FakeAudioDecoder;
import io.recstream.application.testing.FakeRecordingProvider;
import io.recstream.application.testing.InMemoryCallDirectory;
import io.recstream.application.testing.InMemoryCallRecord;
import io.recstream.application.testing.InMemoryDownloadBudget;
import io.recstream.application.testing.InMemoryDownloadLock;
import io.recstream.application.testing.InMemoryDownloadStatusRepository;
import io.recstream.application.testing.InMemoryRecordingStore;
import io.recstream.application.testing.InMemoryUndrawableRecordings;
import io.recstream.application.testing.MutableClock;
import io.recstream.application.testing.RecordingDownloadEvents;
import io.recstream.application.testing.RecordingDownloadQueue;
import io.recstream.application.testing.SwitchableProviderAvailability;
import io.recstream.domain.Call;
import io.recstream.domain.RetentionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/** The use cases wired to in-memory fakes of every out-port. */
final class Fixture {

    /** When each test starts, as the services see it through {@link #clock}: whatever day the tests run. */
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    static final Duration COOL_DOWN = Duration.ofSeconds(30);

    final MutableClock clock = new MutableClock(NOW);
    static final Duration YOUNG_CALL_GRACE = Duration.ofMinutes(10);

    final InMemoryCallDirectory calls = new InMemoryCallDirectory();
    final InMemoryCallRecord record = new InMemoryCallRecord();
    final InMemoryRecordingStore store = new InMemoryRecordingStore(clock);
    final InMemoryDownloadStatusRepository statuses = new InMemoryDownloadStatusRepository();
    final RecordingDownloadQueue queue = new RecordingDownloadQueue();
    final InMemoryDownloadLock lock = new InMemoryDownloadLock();
    final FakeRecordingProvider provider = new FakeRecordingProvider();
    final RecordingDownloadEvents events = new RecordingDownloadEvents();
    final ClockAdvancingReadiness readiness = new ClockAdvancingReadiness(clock);
    final SwitchableProviderAvailability availability = new SwitchableProviderAvailability(clock);
    final RetentionPolicy retention = new RetentionPolicy(Duration.ofDays(7));

    final InMemoryDownloadBudget budget = InMemoryDownloadBudget.unbounded(clock);
    final RequestDownloadService requestDownload = new RequestDownloadService(statuses, queue, budget, COOL_DOWN, clock);
    final FakeAudioDecoder decoder = new FakeAudioDecoder();
    final Computations computations = new Computations();
    final Waveforms waveforms = new Waveforms(store, decoder, lock, readiness, new InMemoryUndrawableRecordings(), computations, true,
            Duration.ofHours(4));
    final StreamRecordingService stream = new StreamRecordingService(calls, store, statuses, requestDownload, readiness,
            availability, retention, waveforms, RETRY_AFTER, clock);
    final RecordingStatusService status = new RecordingStatusService(calls, store, statuses, retention, clock);
    final ProcessDownloadService worker = new ProcessDownloadService(calls, record, store, statuses, lock, provider,
            events, readiness, waveforms, new ProcessDownloadService.Policy(retention, YOUNG_CALL_GRACE), clock);
    final RegisterCallService registrations = registrationsWithPrefetch(false);

    RegisterCallService registrationsWithPrefetch(boolean prefetch) {
        return new RegisterCallService(calls, record, statuses, requestDownload, prefetch, clock);
    }

    static Viewer viewerOf(Call call) {
        return new Viewer("user-1", Set.of(call.business()));
    }

    /** Registers the call and gives the provider its recording. */
    Call known(Call call, byte[] media) {
        calls.register(call, null);
        provider.add(new RecordingMetadata(call.recordingSid(), call.sid(), call.recordingCreatedAt(),
                RecordingMetadata.Availability.COMPLETED), media);
        return call;
    }

    /** The waveforms' executor: runs a task at once, on the caller's thread, or holds the tasks for the test to run. */
    static final class Computations implements Executor {
        private final List<Runnable> held = new ArrayList<>();
        private boolean holding;

        synchronized void hold() {
            holding = true;
        }

        /** Runs the tasks held so far; how many. */
        int runHeld() {
            List<Runnable> tasks;
            synchronized (this) {
                tasks = List.copyOf(held);
                held.clear();
            }
            tasks.forEach(Runnable::run);
            return tasks.size();
        }

        @Override
        public void execute(Runnable task) {
            synchronized (this) {
                if (holding) {
                    held.add(task);
                    return;
                }
            }
            task.run();
        }
    }
}
