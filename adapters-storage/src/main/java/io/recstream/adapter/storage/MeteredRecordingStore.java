package io.recstream.adapter.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.recstream.application.port.out.MediaWriter;
import io.recstream.application.port.out.RecordingStore;
import io.recstream.application.port.out.RecordingStoreException;
import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Counts the recordings store's own failures ({@code recstream.storage.failures{operation}}), apart from Twilio's, so
 * that an operator sees a full disk as a storage problem.
 */
public final class MeteredRecordingStore implements RecordingStore {

    private final RecordingStore store;
    private final Counter reads;
    private final Counter writes;
    private final Counter deletes;

    public MeteredRecordingStore(RecordingStore store, MeterRegistry meters) {
        this.store = store;
        this.reads = failures(meters, "read");
        this.writes = failures(meters, "write");
        this.deletes = failures(meters, "delete");
    }

    private static Counter failures(MeterRegistry meters, String operation) {
        return Counter.builder("recstream.storage.failures").tag("operation", operation)
                .description("failures of recstream's own recordings store").register(meters);
    }

    private static <T> T counted(Counter failures, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RecordingStoreException e) {
            failures.increment();
            throw e;
        }
    }

    @Override
    public Optional<StoredRecording> find(CallSid callSid) {
        return counted(reads, () -> store.find(callSid));
    }

    @Override
    public StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer) {
        return counted(writes, () -> store.save(callSid, format, writer));
    }

    @Override
    public Optional<RecordingContent> findPartial(CallSid callSid, String partial) {
        return counted(reads, () -> store.findPartial(callSid, partial));
    }

    @Override
    public void saveWaveform(CallSid callSid, Waveform waveform) {
        counted(writes, () -> {
            store.saveWaveform(callSid, waveform);
            return null;
        });
    }

    @Override
    public Optional<Waveform> findWaveform(CallSid callSid) {
        return counted(reads, () -> store.findWaveform(callSid));
    }

    @Override
    public boolean delete(CallSid callSid) {
        return counted(deletes, () -> store.delete(callSid));
    }

    @Override
    public void markPlayed(CallSid callSid) {
        store.markPlayed(callSid);
    }

    @Override
    public List<CallSid> storedRecordings() {
        return counted(reads, store::storedRecordings);
    }
}
