package io.recstream.application.port.out;

import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.StoredRecording;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Where downloaded recordings are kept. A recording is visible whole or not at all. */
public interface RecordingStore {

    Optional<StoredRecording> find(CallSid callSid);

    /**
     * Stores what {@code writer} writes as the call's recording, replacing any older one atomically. If the writer
     * fails, nothing becomes visible and the writer's exception propagates.
     *
     * @param stillEntitled asked once the bytes are written, right before they become visible: if it says no (the
     *                      writer lost its lock to another worker), nothing is published and
     *                      {@link StaleWriterException} is thrown
     */
    StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer, BooleanSupplier stillEntitled);

    /** @return whether anything was deleted */
    boolean delete(CallSid callSid);

    /** Notes that the recording was just played, for {@link #trimTo}'s least-recently-played order. */
    void markPlayed(CallSid callSid);

    /** Every recording in the store. */
    List<CallSid> storedRecordings();

    /**
     * Deletes the least recently played recordings until the store holds at most {@code maxBytes}. A reader that has
     * a recording open keeps reading it whole; a write in progress is not touched.
     *
     * @return the recordings deleted
     */
    List<CallSid> trimTo(long maxBytes);
}
