package io.recstream.adapter.storage;

import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Recordings found lately, for a while and up to a number (the least recently found go first). */
final class RecentlyFound {

    private record Found(StoredRecording recording, long until) {
    }

    private final long forNanos;
    private final Map<CallSid, Found> entries;

    RecentlyFound(int atMost, Duration forHowLong) {
        this.forNanos = forHowLong.toNanos();
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CallSid, Found> eldest) {
                return size() > atMost;
            }
        };
    }

    synchronized StoredRecording get(CallSid callSid) {
        Found entry = entries.get(callSid);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.until() > 0) {
            entries.remove(callSid);
            return null;
        }
        return entry.recording();
    }

    synchronized void put(CallSid callSid, StoredRecording recording) {
        entries.put(callSid, new Found(recording, System.nanoTime() + forNanos));
    }

    synchronized void forget(CallSid callSid) {
        entries.remove(callSid);
    }
}
