package io.recstream.application.port.out;

import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingSid;
import java.time.Instant;
import java.util.Objects;

/** What the provider says about a recording. */
public record RecordingMetadata(RecordingSid sid, CallSid callSid, Instant createdAt, Availability availability) {

    /** Whether the media can be fetched now. */
    public enum Availability {
        /** The media can be downloaded. */
        COMPLETED,
        /** Still being recorded or processed: try later. */
        PENDING,
        /** Absent or deleted: it will never be available. */
        GONE
    }

    public RecordingMetadata {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(availability, "availability");
    }
}
