package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

public final class InMemoryDownloadStatusRepository implements DownloadStatusRepository {

    private final Map<CallSid, DownloadStatus> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final Set<DownloadStatus> confirmed = ConcurrentHashMap.newKeySet();

    /** How many times a status was looked up (claims included): each is a round trip to the shared state in production. */
    public int lookups() {
        return lookups.get();
    }

    @Override
    public Optional<DownloadStatus> find(CallSid callSid) {
        lookups.incrementAndGet();
        return Optional.ofNullable(statuses.get(callSid));
    }

    @Override
    public Map<CallSid, DownloadStatus> findAll(Collection<CallSid> callSids) {
        lookups.incrementAndGet();
        Map<CallSid, DownloadStatus> found = new HashMap<>();
        callSids.forEach(callSid -> Optional.ofNullable(statuses.get(callSid)).ifPresent(status -> found.put(callSid,
                status)));
        return found;
    }

    @Override
    public Optional<DownloadStatus> claimOrFind(DownloadStatus requested) {
        lookups.incrementAndGet();
        return Optional.ofNullable(statuses.putIfAbsent(requested.callSid(), requested));
    }

    @Override
    public boolean claimRequest(DownloadStatus requested, DownloadStatus seen) {
        lookups.incrementAndGet();
        AtomicBoolean claimed = new AtomicBoolean();
        statuses.compute(requested.callSid(), (sid, known) -> {
            if (java.util.Objects.equals(known, seen)) {
                claimed.set(true);
                return requested;
            }
            return known;
        });
        return claimed.get();
    }

    @Override
    public void confirmRequest(DownloadStatus requested) {
        confirmed.add(requested);
    }

    /** Whether the claim of {@code requested} was confirmed (in Redis, an unconfirmed one expires in seconds). */
    public boolean isConfirmed(DownloadStatus requested) {
        return confirmed.contains(requested);
    }

    @Override
    public void save(DownloadStatus status) {
        statuses.put(status.callSid(), status);
    }

    @Override
    public void clear(CallSid callSid) {
        statuses.remove(callSid);
    }
}
