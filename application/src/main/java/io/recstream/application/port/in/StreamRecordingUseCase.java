package io.recstream.application.port.in;


/**
 * A user plays a call's recording, or asks for its waveform: every case decided (cached, being prepared, refused).
 * Never waits on the recording provider. A fast path serves kept waveforms through {@link KeptWaveformUseCase}.
 */
public interface StreamRecordingUseCase {

    Playback stream(StreamRecordingQuery query);

    /**
     * The recording's waveform, for a player to draw: decided as a play is (the same checks; not cached, its download
     * requested), and once the recording is cached, the waveform kept beside it, computed now if it has none.
     */
    PeaksAnswer peaks(StreamRecordingQuery query);
}
