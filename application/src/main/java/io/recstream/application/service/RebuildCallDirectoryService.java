package io.recstream.application.service;

import io.recstream.application.port.in.RebuildCallDirectoryUseCase;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.ReadPosition;
import java.util.List;
import java.util.Optional;

/**
 * When the directory has lost what it held (it no longer knows how far it has read), one instance replays the whole
 * record into it, in batches, and records the replay's end as how far it has read: the directory is complete again,
 * and the record's reader goes on from there. Live facts keep being taken in meanwhile: each call's facts carry their
 * position in the record, so replayed ones never undo newer ones. Replayed facts request no download and clear no
 * failure: they are old news, whose effects were had when they were first taken in.
 */
public class RebuildCallDirectoryService implements RebuildCallDirectoryUseCase {

    public static final String TASK = "call-directory-rebuild";

    private final CallDirectory calls;
    private final CallRecord record;
    private final ClusterLock lock;

    public RebuildCallDirectoryService(CallDirectory calls, CallRecord record, ClusterLock lock) {
        this.calls = calls;
        this.record = record;
        this.lock = lock;
    }

    @Override
    public Outcome rebuildIfLost() {
        try {
            if (calls.isComplete()) {
                return Outcome.COMPLETE;
            }
            Optional<LockLease> lease = lock.tryAcquire(TASK);
            if (lease.isEmpty()) {
                return Outcome.REBUILDING_ELSEWHERE;
            }
            try (LockLease held = lease.get()) {
                if (calls.isComplete()) {
                    return Outcome.COMPLETE;
                }
                List<ReadPosition> ends = record.replay(calls::registerAll);
                if (!held.isHeld()) {
                    // The lock went, most likely with whatever was rebuilt: the next round starts over.
                    return Outcome.INTERRUPTED;
                }
                calls.completeUpTo(ends);
                return Outcome.REBUILT;
            }
        } catch (SharedStateUnavailableException | CallRecordUnavailableException e) {
            return Outcome.INTERRUPTED;
        }
    }
}
