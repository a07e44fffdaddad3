package io.recstream.application.port.in;

import io.recstream.domain.StoredRecording;
import io.recstream.domain.Waveform;
import java.util.Optional;

/** A user plays a call's recording. Never waits on the recording provider. */
public interface StreamRecordingUseCase {

    Playback stream(StreamRecordingQuery query);

    /**
     * The recording, when the viewer may play it and it is cached now (its play is recorded for eviction); otherwise
     * empty, and nothing is requested: {@link #stream} decides what to answer then. For a fast path that serves what
     * is cached and leaves every other case to the full one.
     */
    Optional<StoredRecording> cachedRecording(StreamRecordingQuery query);

    /**
     * The recording's waveform, when the viewer may play the recording and both are kept now; otherwise
     * empty, and nothing is requested or computed: {@link #peaks} decides what to answer then. For the fast path.
     */
    Optional<Waveform> cachedWaveform(StreamRecordingQuery query);

    /**
     * The recording's waveform, for a player to draw: decided as a play is (the same checks; not cached, its download
     * requested), and once the recording is cached, the waveform kept beside it, computed now if it has none.
     */
    PeaksAnswer peaks(StreamRecordingQuery query);
}
