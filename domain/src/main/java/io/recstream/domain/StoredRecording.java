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
     * A strong validator: the file is written once and never changed in place, so its size and modification time
     * (to the millisecond) identify its bytes.
     */
    public String entityTag() {
        return '"' + Long.toHexString(sizeBytes) + '-' + Long.toHexString(lastModified.toEpochMilli()) + '"';
    }
}
