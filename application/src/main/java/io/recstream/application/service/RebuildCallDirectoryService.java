package io.recstream.application.service;

import io.recstream.application.port.in.CallRegistration;
import io.recstream.application.port.in.RebuildCallDirectoryUseCase;
import io.recstream.application.port.in.RegisterCallUseCase;
import io.recstream.application.port.in.RegistrationResult;
import io.recstream.application.port.out.CallDirectory;
import io.recstream.application.port.out.CallRecord;
import io.recstream.application.port.out.CallRecordUnavailableException;
import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.SharedStateUnavailableException;
import java.util.Optional;

/**
 * When the directory has lost what it held (its "complete" mark is gone with the rest), one instance replays the
 * whole record into it, through the same routine as live facts, and marks it complete again. Live facts keep being
 * taken in meanwhile: each call's facts carry their position in the record, so replayed ones never undo newer ones.
 */
public class RebuildCallDirectoryService implements RebuildCallDirectoryUseCase {

    static final String TASK = "call-directory-rebuild";

    private final CallDirectory calls;
    private final CallRecord record;
    private final RegisterCallUseCase registrations;
    private final ClusterLock lock;

    public RebuildCallDirectoryService(CallDirectory calls, CallRecord record, RegisterCallUseCase registrations,
                                       ClusterLock lock) {
        this.calls = calls;
        this.record = record;
        this.registrations = registrations;
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
                record.replay((facts, position) -> {
                    // Replayed facts prefetch nothing: they are old news, and a play requests what it needs.
                    RegistrationResult result = registrations.learn(new CallRegistration(facts, false, position));
                    if (result instanceof RegistrationResult.Unavailable) {
                        throw new ReplayInterrupted();
                    }
                });
                if (!held.isHeld()) {
                    // The lock went, most likely with whatever was rebuilt: the next round starts over.
                    return Outcome.INTERRUPTED;
                }
                calls.markComplete();
                return Outcome.REBUILT;
            }
        } catch (ReplayInterrupted | SharedStateUnavailableException | CallRecordUnavailableException e) {
            return Outcome.INTERRUPTED;
        }
    }

    private static final class ReplayInterrupted extends RuntimeException {
        ReplayInterrupted() {
            super("the directory became unreachable during the replay", null, false, false);
        }
    }
}
