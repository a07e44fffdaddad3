package io.recstream.application.testing;

import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.MediaWriter;
import io.recstream.application.port.out.PlayCache;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps recordings in memory; a recording becomes visible only once its writer has finished. Like a directory store,
 * it is its own play cache.
 */
public final class InMemoryRecordingStore implements RecordingStore, PlayCache {

    private final Map<CallSid, StoredRecording> recordings = new ConcurrentHashMap<>();
    /** The recordings being written, by the partial name their sink gives. */
    private final Map<String, ByteArrayOutputStream> partials = new ConcurrentHashMap<>();
    private final Map<CallSid, Waveform> waveforms = new ConcurrentHashMap<>();
    private final Map<CallSid, java.time.Instant> lastPlayed = new ConcurrentHashMap<>();
    private final Map<CallSid, Runnable> afterMiss = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean full;

    public InMemoryRecordingStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<StoredRecording> find(CallSid callSid) {
        StoredRecording recording = recordings.get(callSid);
        Runnable meanwhile = recording == null ? afterMiss.remove(callSid) : null;
        if (meanwhile != null) {
            meanwhile.run();
        }
        return Optional.ofNullable(recording);
    }

    /** Runs {@code meanwhile} right after the next look that does not find the call's recording: what happens then. */
    public void afterNextMiss(CallSid callSid, Runnable meanwhile) {
        afterMiss.put(callSid, meanwhile);
    }

    /** Drops the call's recordings being written, as a writer that finished (or failed) removes its partial. */
    public void dropPartials(CallSid callSid) {
        partials.keySet().removeIf(name -> name.startsWith("memory-" + callSid.value() + "-"));
    }

    @Override
    public StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer) {
        if (full) {
            throw new RecordingStoreException("no space left (test)", null);
        }
        String partial = "memory-" + callSid.value() + "-" + UUID.randomUUID();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        partials.put(partial, buffer);
        try {
            writer.writeTo(new PartialSink(buffer, partial));
        } catch (IOException e) {
            throw new RecordingStoreException("writing " + callSid + " failed", e);
        } finally {
            partials.remove(partial);
        }
        byte[] bytes = buffer.toByteArray();
        StoredRecording written = new StoredRecording(callSid, format, bytes.length, clock.instant(),
                () -> new ByteArrayChannel(() -> bytes));
        StoredRecording published = recordings.putIfAbsent(callSid, written);
        if (published != null) {
            return published;
        }
        lastPlayed.put(callSid, clock.instant());
        return written;
    }

    @Override
    public Optional<RecordingContent> findPartial(CallSid callSid, String partial) {
        ByteArrayOutputStream buffer = partial.startsWith("memory-" + callSid.value() + "-") ? partials.get(partial) : null;
        return buffer == null ? Optional.empty() : Optional.of(() -> new ByteArrayChannel(() -> snapshot(buffer)));
    }

    private static byte[] snapshot(ByteArrayOutputStream buffer) {
        synchronized (buffer) {
            return buffer.toByteArray();
        }
    }

    /** Writes into the partial's buffer, which readers see as it grows. */
    private static final class PartialSink extends MediaSink {
        private final ByteArrayOutputStream buffer;
        private final String partial;

        PartialSink(ByteArrayOutputStream buffer, String partial) {
            this.buffer = buffer;
            this.partial = partial;
        }

        @Override
        public void write(int b) {
            synchronized (buffer) {
                buffer.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            synchronized (buffer) {
                buffer.write(bytes, offset, length);
            }
        }

        @Override
        public Optional<String> partial() {
            return Optional.of(partial);
        }
    }

    /** Makes every write fail, as a full disk does. */
    public void makeFull(boolean value) {
        this.full = value;
    }

    /** Puts a recording straight into the store, as if downloaded earlier. */
    public StoredRecording put(CallSid callSid, byte[] bytes) {
        return save(callSid, AudioFormat.MP3, sink -> sink.write(bytes));
    }

    @Override
    public void saveWaveform(CallSid callSid, Waveform waveform) {
        if (full) {
            throw new RecordingStoreException("no space left (test)", null);
        }
        waveforms.putIfAbsent(callSid, waveform);
    }

    @Override
    public Optional<Waveform> findWaveform(CallSid callSid) {
        return Optional.ofNullable(waveforms.get(callSid));
    }

    @Override
    public boolean delete(CallSid callSid) {
        lastPlayed.remove(callSid);
        waveforms.remove(callSid);
        return recordings.remove(callSid) != null;
    }

    @Override
    public void markPlayed(CallSid callSid) {
        if (recordings.containsKey(callSid)) {
            lastPlayed.put(callSid, clock.instant());
        }
    }

    @Override
    public List<CallSid> storedRecordings() {
        return List.copyOf(recordings.keySet());
    }

    @Override
    public List<Held> held() {
        return recordings.values().stream().map(recording -> new Held(recording.callSid(), recording.sizeBytes(),
                lastPlayed.get(recording.callSid()))).toList();
    }

    /** Memory has no free space to keep: only the budget counts. */
    @Override
    public long freeBytes() {
        return Long.MAX_VALUE;
    }

    @Override
    public void evict(CallSid callSid) {
        delete(callSid);
    }
}
