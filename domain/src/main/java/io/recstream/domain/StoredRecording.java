package io.recstream.domain;

import java.time.Instant;
import java.util.Objects;

/** A recording that is in the store, complete and immutable, ready to be served. */
public record StoredRecording(CallSid callSid, AudioFormat format, long sizeBytes, Instant lastModified,
                              RecordingContent content) {

    public StoredRecording {
        Objects.requireNonNull(callSid, "callSid");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(lastModified, "lastModified");
        Objects.requireNonNull(content, "content");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
    }

    /**
     * Whether {@code other} holds the same bytes: a recording is written once and never changed in place, so its size
     * and modification time (to the millisecond) identify its bytes, wherever it is kept.
     */
    public boolean sameVersionAs(StoredRecording other) {
        return sizeBytes == other.sizeBytes && lastModified.toEpochMilli() == other.lastModified.toEpochMilli();
    }
}
