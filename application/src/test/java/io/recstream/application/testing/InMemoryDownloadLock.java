package io.recstream.application.testing;

import io.recstream.application.port.out.ClusterLock;
import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.application.port.out.SharedStateUnavailableException;
import io.recstream.domain.CallSid;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Download locks by call SID and task locks by name, in one map. */
public final class InMemoryDownloadLock implements DownloadLock, ClusterLock {

    private final Map<Object, Object> holders = new ConcurrentHashMap<>();
    private volatile boolean unreachable;
    private volatile Runnable onRefusal = () -> { };

    @Override
    public Optional<LockLease> tryAcquire(CallSid callSid) {
        if (unreachable) {
            throw new SharedStateUnavailableException("the locks are unreachable", null);
        }
        Optional<LockLease> lease = acquire(callSid);
        if (lease.isEmpty()) {
            Runnable action = onRefusal;
            onRefusal = () -> { };
            action.run();
        }
        return lease;
    }

    /** Runs {@code action} once, when a download lock is next refused: what its holder does right after. */
    public void onNextRefusal(Runnable action) {
        this.onRefusal = action;
    }

    /** Makes the download locks throw as Redis's do while it can't be reached. */
    public void makeUnreachable(boolean value) {
        this.unreachable = value;
    }

    @Override
    public Optional<LockLease> tryAcquire(String task) {
        return acquire("task:" + task);
    }

    private Optional<LockLease> acquire(Object key) {
        Object token = new Object();
        if (holders.putIfAbsent(key, token) != null) {
            return Optional.empty();
        }
        return Optional.of(new LockLease() {
            @Override
            public boolean isHeld() {
                return holders.get(key) == token;
            }

            @Override
            public void close() {
                holders.remove(key, token);
            }
        });
    }

    /** Takes the lock away from its holder, as if its lease had expired and another worker took it. */
    public void steal(CallSid callSid) {
        holders.put(callSid, new Object());
    }

    public boolean isLocked(CallSid callSid) {
        return holders.containsKey(callSid);
    }
}
