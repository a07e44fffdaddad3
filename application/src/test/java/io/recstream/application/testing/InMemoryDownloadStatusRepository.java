package io.recstream.application.testing;

import io.recstream.application.port.out.DownloadStatusRepository;
import io.recstream.domain.CallSid;
import io.recstream.domain.DownloadStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

public final class InMemoryDownloadStatusRepository implements DownloadStatusRepository {

    private final Map<CallSid, DownloadStatus> statuses = new ConcurrentHashMap<>();

    @Override
    public Optional<DownloadStatus> find(CallSid callSid) {
        return Optional.ofNullable(statuses.get(callSid));
    }

    @Override
    public boolean claimRequest(CallSid callSid, Instant now, Duration coolDown) {
        AtomicBoolean claimed = new AtomicBoolean();
        statuses.compute(callSid, (sid, known) -> {
            if (known == null || known.admitsNewRequest(now, coolDown)) {
                claimed.set(true);
                return DownloadStatus.requested(sid, now);
            }
            return known;
        });
        return claimed.get();
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
