package io.recstream.application.port.out;

import io.recstream.domain.AudioFormat;
import io.recstream.domain.CallSid;
import io.recstream.domain.RecordingContent;
import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.util.List;
import java.util.Optional;

/** Where downloaded recordings are kept. A recording is visible whole or not at all. */
public interface RecordingStore {

    Optional<StoredRecording> find(CallSid callSid);

    /**
     * Publishes what {@code writer} writes as the call's recording, create-if-absent: if a recording of the call is
     * already stored, it is kept (recordings of a call are identical) and answered, and the new bytes are discarded.
     * If the writer fails, nothing becomes visible and the writer's exception propagates. Never a half recording.
     */
    StoredRecording save(CallSid callSid, AudioFormat format, MediaWriter writer);

    /**
     * Keeps the recording's waveform beside the call's recording, in a format of the store's own, create-if-absent as
     * the recording is (a waveform already there is kept); it is deleted with the recording, or evicted with it.
     */
    void saveWaveform(CallSid callSid, Waveform waveform);

    /**
     * The bytes written so far of the call's recording while {@link #save} writes them, by the name its sink gave
     * ({@link MediaSink#partial()}), when this instance can read them: reads end where the writer has come, and find
     * more once it writes more. Empty once they are gone (published, or abandoned) or out of this instance's reach.
     */
    Optional<RecordingContent> findPartial(CallSid callSid, String partial);

    /** The waveform kept beside the call's recording, if there is one. */
    Optional<Waveform> findWaveform(CallSid callSid);

    /**
     * Deletes the call's recording and its waveform (a reader that has it open keeps reading it whole). @return
     * whether a recording was deleted
     */
    boolean delete(CallSid callSid);

    /**
     * Notes that a range of the recording was just served to a player: for the play cache's least-recently-played
     * order, and, where recordings are kept elsewhere (a bucket), to keep a copy on this instance's disk.
     */
    void markPlayed(CallSid callSid);

    /** Every recording in the store. */
    List<CallSid> storedRecordings();
}
