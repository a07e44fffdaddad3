package io.recstream.application.testing;

import io.recstream.application.port.out.MediaSink;
import io.recstream.application.port.out.ProviderException;
import io.recstream.application.port.out.RecordingMetadata;
import io.recstream.application.port.out.RecordingProvider;
import io.recstream.domain.CallSid;
import io.recstream.domain.FailureCause;
import io.recstream.domain.RecordingSid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider with recordings the test puts in, counting metadata requests and media downloads and failing on demand.
 * As at Twilio, the media of a recording that is not complete is not found.
 */
public final class FakeRecordingProvider implements RecordingProvider {

    private final Map<RecordingSid, RecordingMetadata> metadata = new ConcurrentHashMap<>();
    private final Map<RecordingSid, byte[]> media = new ConcurrentHashMap<>();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final AtomicInteger mediaDownloads = new AtomicInteger();
    private volatile FailureCause failNextMediaWith;
    private volatile Runnable whileDownloading = () -> {
    };

    public void add(RecordingMetadata recording, byte[] bytes) {
        metadata.put(recording.sid(), recording);
        media.put(recording.sid(), bytes);
    }

    public void failNextMediaWith(FailureCause cause) {
        this.failNextMediaWith = cause;
    }

    /** Runs {@code action} in the middle of the next downloads, e.g. to take the worker's lock away. */
    public void whileDownloading(Runnable action) {
        this.whileDownloading = action;
    }

    /** Requests for a recording's metadata, by SID or by its call. */
    public int metadataRequests() {
        return metadataRequests.get();
    }

    public int mediaDownloads() {
        return mediaDownloads.get();
    }

    @Override
    public RecordingMetadata fetchMetadata(RecordingSid recordingSid) {
        metadataRequests.incrementAndGet();
        RecordingMetadata found = metadata.get(recordingSid);
        if (found == null) {
            throw new ProviderException(FailureCause.RECORDING_NOT_FOUND, "no recording " + recordingSid);
        }
        return found;
    }

    @Override
    public Optional<RecordingMetadata> findRecordingOfCall(CallSid callSid) {
        metadataRequests.incrementAndGet();
        return metadata.values().stream().filter(m -> callSid.equals(m.callSid())).findFirst();
    }

    @Override
    public void downloadMedia(RecordingSid recordingSid, MediaSink sink) {
        mediaDownloads.incrementAndGet();
        FailureCause failure = failNextMediaWith;
        if (failure != null) {
            failNextMediaWith = null;
            throw new ProviderException(failure, "injected failure");
        }
        byte[] bytes = media.get(recordingSid);
        if (bytes == null || metadata.get(recordingSid).availability() != RecordingMetadata.Availability.COMPLETED) {
            throw new ProviderException(FailureCause.RECORDING_NOT_FOUND, "no media " + recordingSid);
        }
        try {
            sink.expectLength(bytes.length);
            sink.write(bytes, 0, bytes.length / 2);
            whileDownloading.run();
            sink.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
