package io.recstream.application.testing;

import io.recstream.application.port.out.RecordingReadiness;
import io.recstream.domain.CallSid;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Readiness in one JVM, in real time: an announcement releases every request waiting for that call. */
public final class InMemoryRecordingReadiness implements RecordingReadiness {

    private final Map<CallSid, Set<CountDownLatch>> waiters = new ConcurrentHashMap<>();

    @Override
    public void announce(CallSid callSid) {
        Set<CountDownLatch> latches = waiters.get(callSid);
        if (latches != null) {
            latches.forEach(CountDownLatch::countDown);
        }
    }

    @Override
    public void awaitAnnouncement(CallSid callSid, Duration maxWait) {
        CountDownLatch latch = new CountDownLatch(1);
        waiters.computeIfAbsent(callSid, sid -> ConcurrentHashMap.newKeySet()).add(latch);
        try {
            latch.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            waiters.computeIfPresent(callSid, (sid, latches) -> {
                latches.remove(latch);
                return latches.isEmpty() ? null : latches;
            });
        }
    }
}
