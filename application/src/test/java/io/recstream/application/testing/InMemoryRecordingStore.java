package io.recstream.application.testing;

import io.recstream.application.port.out.MediaWriter;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps recordings in memory; a recording becomes visible only once its writer has finished. */
public final class InMemoryRecordingStore implements RecordingStore {

    private final Map<CallSid, StoredRecording> recordings = new ConcurrentHashMap<>();
    private final Map<CallSid, byte[]> waveforms = new ConcurrentHashMap<>();
    private final Map<CallSid, java.time.Instant> lastPlayed = new ConcurrentHashMap<>();
    private final Clock clock;
    private volatile boolean full;

    public InMemoryRecordingStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<StoredRecording> find(CallSid callSid) {
        return Optional.ofNullable(recordings.get(callSid));
    }

    @Override
    public StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer) {
        if (full) {
            throw new RecordingStoreException("no space left (test)", null);
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            writer.writeTo(buffer);
        } catch (IOException e) {
            throw new RecordingStoreException("writing " + callSid + " failed", e);
        }
        byte[] bytes = buffer.toByteArray();
        StoredRecording written = new StoredRecording(callSid, format, bytes.length, clock.instant(),
                () -> new ByteArrayChannel(bytes));
        StoredRecording published = recordings.putIfAbsent(callSid, written);
        if (published != null) {
            return published;
        }
        lastPlayed.put(callSid, clock.instant());
        return written;
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
    public void saveWaveform(CallSid callSid, byte[] document) {
        if (full) {
            throw new RecordingStoreException("no space left (test)", null);
        }
        waveforms.putIfAbsent(callSid, document.clone());
    }

    @Override
    public Optional<byte[]> findWaveform(CallSid callSid) {
        return Optional.ofNullable(waveforms.get(callSid)).map(byte[]::clone);
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

    /** Memory has no free space to keep: only the budget counts. */
    @Override
    public synchronized List<CallSid> trimTo(long maxBytes, long minFreeBytes) {
        long total = recordings.values().stream().mapToLong(StoredRecording::sizeBytes).sum();
        List<CallSid> evicted = new java.util.ArrayList<>();
        for (CallSid sid : recordings.keySet().stream().sorted(java.util.Comparator.comparing(lastPlayed::get)).toList()) {
            if (total <= maxBytes) {
                break;
            }
            total -= recordings.get(sid).sizeBytes();
            delete(sid);
            evicted.add(sid);
        }
        return evicted;
    }

    private static final class ByteArrayChannel implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        ByteArrayChannel(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int count = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, count);
            position += count;
            return count;
        }

        @Override
        public int write(ByteBuffer src) {
            throw new UncheckedIOException(new IOException("read only"));
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
