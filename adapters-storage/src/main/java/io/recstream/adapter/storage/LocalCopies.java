package io.recstream.adapter.storage;

import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies on this instance's disk of recordings played here from a bucket, so that their next plays are served from a
 * file (by the kernel's sendfile) instead of a GET each. A copy is made in the background after a play finds the
 * recording in the bucket, stamped with the object's modification time (the same validators on every instance), and
 * answered only while its validator is the object's; the least recently played go past the budget, and copies of
 * recordings the bucket no longer holds go every sweep.
 */
class LocalCopies {

    private static final Logger log = LoggerFactory.getLogger(LocalCopies.class);

    /** No local copies: every play is served from the bucket. */
    static final LocalCopies NONE = new LocalCopies(null, 0, null);

    /** Streams a recording's bytes from where it is held. */
    @FunctionalInterface
    interface Source {
        void writeTo(StoredRecording recording, OutputStream sink) throws IOException;
    }

    private final FileSystemRecordingStore copies;
    private final long budgetBytes;
    private final Source source;
    /** Recordings being copied, so that plays meanwhile don't start a second copy. */
    private final Set<CallSid> copying = ConcurrentHashMap.newKeySet();

    LocalCopies(FileSystemRecordingStore copies, long budgetBytes, Source source) {
        this.copies = copies;
        this.budgetBytes = budgetBytes;
        this.source = source;
    }

    /**
     * The local copy of {@code original} if there is one with its validator, else {@code original} itself, a copy of
     * which is then made in the background. A copy that differs (of an earlier object of the call, since deleted) is
     * dropped first.
     */
    StoredRecording copyOf(StoredRecording original) {
        if (copies == null) {
            return original;
        }
        Optional<StoredRecording> copy = copies.find(original.callSid());
        if (copy.isPresent() && copy.get().entityTag().equals(original.entityTag())) {
            return copy.get();
        }
        copy.ifPresent(stale -> copies.delete(stale.callSid()));
        if (copying.add(original.callSid())) {
            Thread.ofVirtual().name("local-copy-" + original.callSid().value()).start(() -> {
                try {
                    copies.saveCopy(original, sink -> source.writeTo(original, sink));
                } catch (RuntimeException e) {
                    log.debug("no local copy of {}: {}", original.callSid(), e.getMessage());
                } finally {
                    copying.remove(original.callSid());
                }
            });
        }
        return original;
    }

    void markPlayed(CallSid callSid) {
        if (copies != null) {
            copies.markPlayed(callSid);
        }
    }

    void delete(CallSid callSid) {
        if (copies != null) {
            copies.delete(callSid);
        }
    }

    /** Drops the copies of recordings not in {@code stored}, then the least recently played past the budget. */
    void keepOnly(Collection<CallSid> stored) {
        if (copies == null) {
            return;
        }
        Set<CallSid> held = new HashSet<>(stored);
        for (CallSid copy : copies.storedRecordings()) {
            if (!held.contains(copy)) {
                delete(copy);
            }
        }
        copies.trimTo(budgetBytes, 0);
    }

    int removeStaleTempFiles(Duration olderThan) {
        return copies == null ? 0 : copies.removeStaleTempFiles(olderThan);
    }
}
