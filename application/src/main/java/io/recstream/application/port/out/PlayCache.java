package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import java.time.Instant;
import java.util.List;

/**
 * The recordings an instance keeps on its own disk so that plays are served from a file: the recordings themselves
 * with a directory store, the local copies of a bucket's objects with an object store (the bucket itself is sized by
 * retention and never evicted from). Which of them go is {@code CacheBudget}'s decision, the same for every store.
 */
public interface PlayCache {

    /** A recording held, its size, and when it was last played here (or stored, if never played since). */
    record Held(CallSid callSid, long bytes, Instant lastPlayed) {
    }

    /** Everything held now. */
    List<Held> held();

    /** The free space left on the volume the cache is on. */
    long freeBytes();

    /** Removes the recording from the cache (a reader that has it open keeps reading it whole). */
    void evict(CallSid callSid);

    /** A cache that holds nothing: every play is served from where the recordings are kept. */
    PlayCache NONE = new PlayCache() {
        @Override
        public List<Held> held() {
            return List.of();
        }

        @Override
        public long freeBytes() {
            return Long.MAX_VALUE;
        }

        @Override
        public void evict(CallSid callSid) {
        }
    };
}
