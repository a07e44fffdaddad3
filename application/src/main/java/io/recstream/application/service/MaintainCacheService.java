package io.recstream.application.service;

import io.recstream.application.port.in.MaintainCacheUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.CallSid;
import io.recstream.domain.RetentionPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deletes the recordings past the retention (one instance at a time: a store-wide scan), and keeps this instance's
 * play cache within its budget (every instance: each has its own disk; on a shared volume they evict in the same order
 * from the same files).
 */
public class MaintainCacheService implements MaintainCacheUseCase {

    static final String TASK = "cache-maintenance";

    private final CallDirectory calls;
    private final RecordingStore store;
    private final PlayCache cache;
    private final DownloadStatusRepository statuses;
    private final ClusterLock lock;
    private final RetentionPolicy retention;
    private final CacheBudget budget;
    private final Clock clock;

    public MaintainCacheService(CallDirectory calls, RecordingStore store, PlayCache cache,
                                DownloadStatusRepository statuses, ClusterLock lock, RetentionPolicy retention,
                                CacheBudget budget, Clock clock) {
        this.calls = calls;
        this.store = store;
        this.cache = cache;
        this.statuses = statuses;
        this.lock = lock;
        this.retention = retention;
        this.budget = budget;
        this.clock = clock;
    }

    @Override
    public Report maintain() {
        int evicted = trimPlayCache();
        try {
            Optional<LockLease> lease = lock.tryAcquire(TASK);
            if (lease.isEmpty()) {
                return new Report(0, evicted, false);
            }
            try (LockLease held = lease.get()) {
                return new Report(deleteExpired(), evicted, true);
            }
        } catch (SharedStateUnavailableException | RecordingStoreException e) {
            // Housekeeping is not urgent: the next sweep does it.
            return new Report(0, evicted, false);
        }
    }

    private int trimPlayCache() {
        try {
            List<CallSid> evicted = budget.overBudget(cache.held(), cache.freeBytes());
            evicted.forEach(cache::evict);
            return evicted.size();
        } catch (RecordingStoreException e) {
            return 0; // the next sweep tries again
        }
    }

    /** A recording whose call is unknown here is left alone: its age can't be told. */
    private int deleteExpired() {
        Instant now = clock.instant();
        int deleted = 0;
        for (CallSid sid : store.storedRecordings()) {
            if (calls.find(sid).filter(call -> retention.isExpired(call, now)).isPresent()) {
                store.delete(sid);
                statuses.clear(sid);
                deleted++;
            }
        }
        return deleted;
    }
}
