package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The requests of this JVM that listen for announcements, by call: the local half every {@link RecordingReadiness}
 * needs, whatever carries the announcements between instances.
 */
public final class LocalAnnouncements {

    private final Map<CallSid, Set<CountDownLatch>> listeners = new ConcurrentHashMap<>();

    /** Wakes every request of this JVM that listens for the call. */
    public void deliver(CallSid callSid) {
        Set<CountDownLatch> latches = listeners.get(callSid);
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }

    public RecordingReadiness.Announcement listen(CallSid callSid) {
        CountDownLatch latch = new CountDownLatch(1);
        listeners.computeIfAbsent(callSid, sid -> ConcurrentHashMap.newKeySet()).add(latch);
        return new RecordingReadiness.Announcement() {
            @Override
            public void await(Duration maxWait) {
                try {
                    latch.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void close() {
                listeners.computeIfPresent(callSid, (sid, latches) -> {
                    latches.remove(latch);
                    return latches.isEmpty() ? null : latches;
                });
            }
        };
    }
}
