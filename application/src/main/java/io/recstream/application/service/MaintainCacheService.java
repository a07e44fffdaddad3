package io.recstream.application.service;

import io.recstream.application.port.in.MaintainCacheUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.CallSid;
import io.recstream.domain.RetentionPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

public class MaintainCacheService implements MaintainCacheUseCase {

    static final String TASK = "cache-maintenance";

    private final CallDirectory calls;
    private final RecordingStore store;
    private final DownloadStatusRepository statuses;
    private final ClusterLock lock;
    private final RetentionPolicy retention;
    private final Budget budget;
    private final Clock clock;

    public MaintainCacheService(CallDirectory calls, RecordingStore store, DownloadStatusRepository statuses,
                                ClusterLock lock, RetentionPolicy retention, Budget budget, Clock clock) {
        this.calls = calls;
        this.store = store;
        this.statuses = statuses;
        this.lock = lock;
        this.retention = retention;
        this.budget = budget;
        this.clock = clock;
    }

    /**
     * @param maxBytes     the most the recordings may take
     * @param minFreeBytes the least free space to keep on the volume (a volume smaller than the budget stays usable)
     */
    public record Budget(long maxBytes, long minFreeBytes) {
    }

    @Override
    public Report maintain() {
        try {
            Optional<LockLease> lease = lock.tryAcquire(TASK);
            if (lease.isEmpty()) {
                return new Report(0, 0, false);
            }
            try (LockLease held = lease.get()) {
                int expired = deleteExpired();
                int evicted = store.trimTo(budget.maxBytes(), budget.minFreeBytes()).size();
                return new Report(expired, evicted, true);
            }
        } catch (SharedStateUnavailableException | RecordingStoreException e) {
            // Housekeeping is not urgent: the next sweep does it.
            return new Report(0, 0, false);
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
