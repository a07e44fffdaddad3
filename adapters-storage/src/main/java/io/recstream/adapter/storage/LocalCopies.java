package io.recstream.adapter.storage;

import io.recstream.application.port.out.PlayCache;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies on this instance's disk of recordings played here from a bucket, so that their next plays are served from a
 * file (by the kernel's sendfile) instead of a GET each. A copy is made after a range was served from the bucket, by
 * a few threads of its own (a list, a status, a worker's check or a waveform never makes one); a download leaves the
 * file it sent as a copy, which costs no request. A copy is stamped with the object's modification time (the same
 * validators on every instance) and answered only while its validator is the object's. They are this instance's
 * {@link PlayCache}: the application's budget decides which go.
 */
class LocalCopies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCopies.class);
    /** Copies waiting for a thread; past these, a play asks again at its next range. */
    private static final int QUEUED_AT_MOST = 64;

    /** No local copies: every play is served from the bucket. */
    static final LocalCopies NONE = new LocalCopies(null, null, 0);

    /** Streams a recording's bytes from where it is held. */
    @FunctionalInterface
    interface Source {
        void writeTo(StoredRecording recording, OutputStream sink) throws IOException;
    }

    private final FileSystemRecordingStore copies;
    private final Source source;
    private final ThreadPoolExecutor copiers;
    /** Recordings being copied or waiting to be, so that plays meanwhile don't ask for a second copy. */
    private final Set<CallSid> copying = ConcurrentHashMap.newKeySet();

    LocalCopies(FileSystemRecordingStore copies, Source source, int threads) {
        this.copies = copies;
        this.source = source;
        this.copiers = copies == null ? null : new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_AT_MOST), Thread.ofPlatform().name("local-copy-", 0).daemon().factory());
        if (copiers != null) {
            copiers.allowCoreThreadTimeOut(true);
        }
    }

    /**
     * The local copy of {@code original} if there is one with its validator, else {@code original} itself. A copy
     * that differs (of an earlier object of the call, since deleted) is dropped.
     */
    StoredRecording copyOf(StoredRecording original) {
        return held(original).orElse(original);
    }

    private Optional<StoredRecording> held(StoredRecording original) {
        if (copies == null) {
            return Optional.empty();
        }
        Optional<StoredRecording> copy = copies.find(original.callSid());
        if (copy.isPresent() && !copy.get().sameVersionAs(original)) {
            copies.delete(original.callSid());
            return Optional.empty();
        }
        return copy;
    }

    /**
     * A range of the recording was served: its copy is stamped as played, or, if it has none, one is made of
     * {@code original} (the object found lately; null if it wasn't) by the copiers.
     */
    void played(CallSid callSid, StoredRecording original) {
        if (copies == null) {
            return;
        }
        if (original == null || held(original).isPresent()) {
            copies.markPlayed(callSid);
            return;
        }
        if (copying.add(callSid)) {
            try {
                copiers.execute(() -> copy(original));
            } catch (RejectedExecutionException busy) {
                copying.remove(callSid);
            }
        }
    }

    private void copy(StoredRecording original) {
        try {
            copies.saveCopy(original, sink -> source.writeTo(original, sink));
        } catch (RuntimeException e) {
            log.debug("no local copy of {}: {}", original.callSid(), e.getMessage());
        } finally {
            copying.remove(original.callSid());
        }
    }

    /** Keeps {@code file}, which holds {@code original}'s bytes, as its copy: a link, no transfer. */
    void adopt(StoredRecording original, Path file) {
        if (copies == null) {
            return;
        }
        try {
            copies.linkCopy(original, file);
        } catch (IOException e) {
            log.debug("no local copy of {}: {}", original.callSid(), e.getMessage());
        }
    }

    void delete(CallSid callSid) {
        if (copies != null) {
            copies.delete(callSid);
        }
    }

    PlayCache cache() {
        return copies == null ? PlayCache.NONE : copies;
    }

    int removeStaleTempFiles(Duration olderThan) {
        return copies == null ? 0 : copies.removeStaleTempFiles(olderThan);
    }

    @Override
    public void close() {
        if (copiers != null) {
            copiers.shutdownNow();
        }
    }
}
