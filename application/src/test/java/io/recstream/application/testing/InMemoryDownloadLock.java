package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadLock;
import io.recstream.application.port.out.LockLease;
import io.recstream.domain.CallSid;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryDownloadLock implements DownloadLock {

    private final Map<CallSid, Object> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<LockLease> tryAcquire(CallSid callSid) {
        Object token = new Object();
        if (holders.putIfAbsent(callSid, token) != null) {
            return Optional.empty();
        }
        return Optional.of(new LockLease() {
            @Override
            public boolean isHeld() {
                return holders.get(callSid) == token;
            }

            @Override
            public void close() {
                holders.remove(callSid, token);
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
